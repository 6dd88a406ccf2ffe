"""Assemble the interactive map of one :class:`~adatlas.view.View`."""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from adatlas import assets, styles
from adatlas.dataset import Dataset
from adatlas.geodesy import range_ring
from adatlas.query import as_of, citation_details, members
from adatlas.view import View
from adatlas.webmap.layers import StyledGeoJson, collection, feature
from adatlas.webmap.offline import offline_map_class
from adatlas.webmap.popups import deployment_popup, deployment_tooltip, event_popup

COORD_DECIMALS = 4  # ~11 m; keeps rings well inside the 0.1 % radius budget


def _round(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), COORD_DECIMALS) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def base_layer(borders: gpd.GeoDataFrame) -> StyledGeoJson:
    return StyledGeoJson(
        collection(
            [
                feature(
                    _round(mapping(geom)),
                    style=styles.BORDER_STYLE,
                    tooltip=str(name),
                    className="adatlas-country",
                )
                for geom, name in zip(borders.geometry, borders["name"], strict=True)
            ]
        ),
        name="Country borders (Natural Earth)",
        interactive=False,
        control=False,
    )


def alliance_layers(dataset: Dataset, view: View, borders: gpd.GeoDataFrame) -> list[StyledGeoJson]:
    layers = []
    shapes = borders.set_index("iso3").geometry if len(borders) else None
    for group in dataset.groups:
        full = set(members(dataset, view.date, group, "member")[group])
        every = members(dataset, view.date, group)[group]
        features = []
        for iso3 in every:
            if shapes is None or iso3 not in shapes.index:
                continue
            standing = "member" if iso3 in full else "frozen/suspended"
            features.append(
                feature(
                    _round(mapping(shapes.loc[iso3])),
                    style=styles.group_style(group, "member" if iso3 in full else "frozen"),
                    tooltip=f"{styles.group_label(group)}: {iso3} ({standing})",
                    className=f"adatlas-group adatlas-group-{group}",
                )
            )
        layers.append(
            StyledGeoJson(
                collection(features),
                name=f"{styles.group_label(group)} on {view.date.isoformat()}",
                show="alliances" in view.layers,
                interactive=False,
            )
        )
    return layers


def build_map(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame | None = None,
    asset_base: str = assets.STREAMLIT_STATIC_URL,
) -> folium.Map:
    """A folium Map of ``view``: borders, alliances, rings, deployments, events."""
    map_class = offline_map_class(asset_base)
    fmap = map_class(
        location=list(view.center),
        zoom_start=view.zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.get_root().header.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{styles.SEA_COLOR}}}</style>")
    )
    if "tiles" in view.layers:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(fmap)
    if borders is not None and len(borders):
        base_layer(borders).add_to(fmap)
        for layer in alliance_layers(dataset, view, borders):
            layer.add_to(fmap)

    frame = as_of(dataset, view.date, view.filters)
    ring_features, point_features = [], []
    for _, row in frame.iterrows():
        style = dict(styles.STATUS_STYLE[row["status"]])
        if row["range_km"] == row["range_km"] and row["range_km"]:  # not NaN
            ring = range_ring(row["lon"], row["lat"], float(row["range_km"]))
            ring_features.append(
                feature(
                    _round(mapping(ring)),
                    style={**style, "weight": 1.5, "fillOpacity": 0.05},
                    tooltip=deployment_tooltip(row) + f" · range {row['range_km']:,.0f} km",
                    className=f"adatlas-ring adatlas-status-{row['status']}",
                )
            )
        point_features.append(
            feature(
                {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                style={
                    **style,
                    "radius": styles.KIND_RADIUS.get(row["system_kind"], 6),
                    "weight": 2,
                    "fillOpacity": 0.85,
                },
                popup=deployment_popup(row, citation_details(dataset, row["citations"])),
                tooltip=deployment_tooltip(row),
                className=f"adatlas-deployment adatlas-status-{row['status']}",
                id=row["id"],
            )
        )
    StyledGeoJson(
        collection(ring_features), name="Range rings (geodesic)", show="rings" in view.layers
    ).add_to(fmap)
    if "events" in view.layers:
        events = dataset.events[
            (dataset.events["start"] <= pd.Timestamp(view.date)) & dataset.events.geometry.notna()
        ]
        StyledGeoJson(
            collection(
                [
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
                        className="adatlas-event",
                    )
                    for _, row in events.iterrows()
                ]
            ),
            name="Events",
        ).add_to(fmap)
    StyledGeoJson(collection(point_features), name="Deployments").add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap
