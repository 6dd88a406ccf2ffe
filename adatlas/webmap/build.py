"""Assemble the interactive map of one :class:`~adatlas.view.View`.

Two parts, so the dashboard can keep the heavy part still:
- :func:`base_map` — Leaflet, country borders, panes, legend: the same for every date;
- :func:`overlays` — alliances, rings, events and deployments of the view, as feature groups.
:func:`build_map` joins them into one standalone map with a layer control (exports).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from markupsafe import escape
from shapely.geometry import mapping

from adatlas import assets, styles
from adatlas.alliances import alliance_parts
from adatlas.dataset import Dataset
from adatlas.density import DENSITY_COLORS, DENSITY_OPACITY, density_bands
from adatlas.legend import legend_sections
from adatlas.query import as_of, citation_details
from adatlas.range_quality import range_quality_text
from adatlas.rings import ring_frame
from adatlas.view import View
from adatlas.webmap.countries import BorderFiles, CountryBase, CountryShading
from adatlas.webmap.deployments import DeploymentLayer, deployment_payload
from adatlas.webmap.layers import StyledGeoJson, collection, feature
from adatlas.webmap.legend_control import Legend, MapStyle
from adatlas.webmap.offline import inline_map_class, offline_map_class
from adatlas.webmap.popups import event_popup
from adatlas.webmap.rendering import RenderOnce

# 1e-5° ≈ 1 m: rounding costs < 0.01 % of even a 12 km ring's radius.
COORD_DECIMALS = 5


def _round(geometry: dict[str, Any]) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), COORD_DECIMALS) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


DISPLAY_TOLERANCE_DEG = 0.005  # ≈ 500 m: below a pixel at the zooms briefings use
# ≈ 3 km: at most about a pixel up to zoom 5 (≈ 3 km per pixel at 50°N), where most visits
# start; a third of the detailed file's size, so the first paint is ≈ 0.1 s sooner.
COARSE_TOLERANCE_DEG = 0.03
DETAILED_FROM_ZOOM = 6


def borders_collection(
    borders: gpd.GeoDataFrame, tolerance: float = DISPLAY_TOLERANCE_DEG
) -> dict[str, Any]:
    """Borders as a FeatureCollection with only what the map needs (``iso3``, ``name``).

    Simplified by ``tolerance`` degrees for drawing only; analysis uses the full borders.
    """
    geometries = borders.geometry.simplify(tolerance) if tolerance else borders.geometry
    return collection(
        [
            feature(_round(mapping(geom)), iso3=iso3, name=name)
            for geom, iso3, name in zip(geometries, borders["iso3"], borders["name"], strict=True)
        ]
    )


def install_border_files(static_dir: Path, borders: gpd.GeoDataFrame) -> BorderFiles:
    """Write the coarse and detailed display borders a served map fetches; say where they are."""
    return BorderFiles(
        coarse=assets.install_json(
            static_dir, "borders-coarse", borders_collection(borders, COARSE_TOLERANCE_DEG)
        ),
        detailed=assets.install_json(static_dir, "borders", borders_collection(borders)),
        detailed_from=DETAILED_FROM_ZOOM,
    )


def base_map(
    view: View,
    borders: dict[str, Any] | None = None,
    border_files: BorderFiles | None = None,
    asset_base: str | None = assets.STREAMLIT_STATIC_URL,
) -> folium.Map:
    """Leaflet map with country borders (inline ``borders`` or fetched from ``border_files``);
    the legend comes with :func:`overlays`, as it depends on what they show.

    ``asset_base`` is the URL prefix Leaflet is loaded from; ``None`` inlines it (standalone).
    """
    map_class = offline_map_class(asset_base) if asset_base else inline_map_class()
    fmap = map_class(
        location=list(view.center),
        zoom_start=view.zoom,
        tiles=None,
        control_scale=True,
    )
    MapStyle(f".leaflet-container{{background:{styles.SEA_COLOR}}}").add_to(fmap)
    if "tiles" in view.layers:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(fmap)
    if borders is not None or border_files is not None:
        CountryBase(styles.BORDER_STYLE, data=borders, files=border_files).add_to(fmap)
    return fmap


class FeatureGroup(folium.FeatureGroup, RenderOnce):
    """folium's feature group, rendered without re-parsing its output."""


def _group(name: str, *children: folium.map.Layer) -> folium.FeatureGroup:
    group = FeatureGroup(name=str(escape(name)))
    for child in children:
        child.add_to(group)
    return group


def ring_features(frame: gpd.GeoDataFrame, target_m: float | None = None) -> list[dict[str, Any]]:
    """Geodesic rings (maximum range, or the envelope at ``target_m``), styled by status."""
    rings = ring_frame(frame, target_m)
    what = "range" if target_m is None else f"envelope at {target_m:,.0f} m"
    return [
        feature(
            {
                "type": "Polygon",
                "coordinates": [
                    np.round(np.asarray(geometry.exterior.coords), COORD_DECIMALS).tolist()
                ],
            },
            style={
                **styles.STATUS_STYLE[status],
                "weight": 1.5,
                **(styles.STALE_STYLE if stale else {}),
                "fillOpacity": 0.05,
                **(styles.RADAR_RING_STYLE if kind == "radar" else {}),
            },
            tooltip=str(
                escape(
                    f"{name} — {status} since {since}"
                    + (" (stale)" if stale else "")
                    + f" · {what} {radius:,.0f} km"
                    + (f" ({range_quality_text(quality)})" if range_quality_text(quality) else "")
                )
            ),
            className=f"adatlas-ring adatlas-status-{status} adatlas-kind-{kind}"
            + (" adatlas-stale" if stale else ""),
        )
        for geometry, radius, status, name, since, quality, stale, kind in zip(
            rings.geometry,
            rings["radius_km"],
            rings["status"],
            rings["name"],
            rings["status_since"],
            rings["range_quality"],
            rings["stale"],
            rings["system_kind"],
            strict=True,
        )
    ]


def density_layer(frame: gpd.GeoDataFrame, view: View) -> StyledGeoJson:
    """Grid cells shaded by how many operational weapons' rings cover them."""
    bands = density_bands(frame, view.filters.statuses, view.altitude_m)
    features = [
        feature(
            _round(mapping(geometry)),
            style={
                "stroke": False,
                "fillColor": DENSITY_COLORS[name],
                "fillOpacity": DENSITY_OPACITY,
            },
            tooltip=f"covered {name}",
            className=f"adatlas-density adatlas-density-{count}",
        )
        for geometry, name, count in zip(bands.geometry, bands["band"], bands["count"], strict=True)
    ]
    return StyledGeoJson(collection(features), "Coverage density", interactive=False)


def alliance_entries(dataset: Dataset, view: View) -> list[dict[str, Any]]:
    """ISO3 lists with styles: each group's full members and its frozen/suspended members."""
    return [
        {
            "iso3": list(part.countries),
            "style": part.style,
            "className": f"adatlas-group adatlas-group-{part.group} adatlas-{part.standing}",
        }
        for part in alliance_parts(dataset, view.date)
    ]


def event_features(dataset: Dataset, view: View) -> list[dict[str, Any]]:
    events = dataset.events[
        (dataset.events["start"] <= pd.Timestamp(view.date)) & dataset.events.geometry.notna()
    ]
    return [
        feature(
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            style={
                "color": "#333",
                "fillColor": "#ffd700",
                "radius": 5,
                "weight": 1,
                "fillOpacity": 0.9,
            },
            popup=event_popup(row, citation_details(dataset, row["citations"])),
            tooltip=str(escape(f"{row['date']}: {row['title']}")),
            className="adatlas-event",
        )
        for _, row in events.iterrows()
    ]


MAX_RINGS = 2000  # past this many the rings hide the map and weigh tens of MB


LEGEND_STATES = ("open", "collapsed", None)


def overlays(
    dataset: Dataset,
    view: View,
    max_rings: int = MAX_RINGS,
    citation_link: str | None = None,
    legend: str | None = "open",
    frame: gpd.GeoDataFrame | None = None,
) -> list[folium.FeatureGroup]:
    """The view's layers, in drawing order (deployments last, on top), and its legend.

    ``frame`` is the view's :func:`~adatlas.query.as_of` frame, if the caller has it already.

    Rings are left out when more than ``max_rings`` deployments are shown (see
    :func:`rings_hidden`). ``citation_link`` is where a popup's **[source]** goes (see
    :class:`~adatlas.webmap.deployments.DeploymentLayer`); ``legend`` is ``"open"``,
    ``"collapsed"`` (a "Legend" button, for small maps) or ``None`` (the page shows one).
    """
    if legend not in LEGEND_STATES:
        raise ValueError(f"legend {legend!r} is not one of {LEGEND_STATES}")
    groups = []
    if "alliances" in view.layers:
        groups.append(
            _group(
                f"Alliances on {view.date.isoformat()}",
                CountryShading(alliance_entries(dataset, view), name="Alliances"),
            )
        )
    if frame is None:
        frame = as_of(dataset, view.date, view.filters)
    if "rings" in view.layers and len(frame) <= max_rings:
        rings = StyledGeoJson(collection(ring_features(frame, view.altitude_m)), "Rings")
        groups.append(_group("Range rings (geodesic)", rings))
    if "density" in view.layers:
        groups.append(_group("Coverage density", density_layer(frame, view)))
    if "events" in view.layers:
        groups.append(
            _group("Events", StyledGeoJson(collection(event_features(dataset, view)), "Events"))
        )
    deployments = DeploymentLayer(
        deployment_payload(dataset, frame, view.filters.stale_months),
        labels="labels" in view.layers,
        citation_link=citation_link,
    )
    groups.append(_group("Deployments", deployments))
    if legend is not None:
        key = FeatureGroup(name="Legend", control=False)
        Legend(legend_sections(dataset, view, [frame]), open=legend == "open").add_to(key)
        groups.append(key)
    return groups


def rings_hidden(shown: int, view: View, max_rings: int = MAX_RINGS) -> bool:
    """Whether :func:`overlays` leaves the rings out for ``shown`` deployments."""
    return "rings" in view.layers and shown > max_rings


def build_map(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame | None = None,
    asset_base: str | None = assets.STREAMLIT_STATIC_URL,
    max_rings: int = MAX_RINGS,
    citation_link: str | None = None,
) -> folium.Map:
    """One self-contained map of ``view`` (borders inline) with a layer control.

    Without ``citation_link`` a popup's **[source]** shows the excerpt and its article in the
    popup (a file opened from disk has no Sources page to go to)."""
    fmap = base_map(
        view,
        borders=borders_collection(borders) if borders is not None and len(borders) else None,
        asset_base=asset_base,
    )
    for group in overlays(dataset, view, max_rings, citation_link):
        group.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap
