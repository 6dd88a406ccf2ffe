"""Briefing snapshots as PNG, SVG or PDF, rendered on the server with matplotlib.

A snapshot stands alone: title, as-of date, active filters, borders, alliance shading, the
map's symbols and geodesic rings, a legend, a scale bar, attribution and a numbered list of the
sources behind what is shown. Output is deterministic for the same input; PDF text stays text.
The map is drawn in a Lambert azimuthal equal-area projection centred on the extent.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import pandas as pd

matplotlib.use("Agg")  # no display, ever

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from pyproj import CRS
from shapely.geometry import Polygon, box

from adatlas import styles
from adatlas.changes import deployment_changes
from adatlas.coverage import engaging, polygon_parts
from adatlas.dataset import Dataset
from adatlas.density import DENSITY_COLORS, coverage_density
from adatlas.envelope import describe
from adatlas.legend import status_entries
from adatlas.query import as_of, members
from adatlas.rings import ring_frame
from adatlas.snapshot.extent import BBox, view_bbox
from adatlas.snapshot.text import default_title, describe_filters, source_list
from adatlas.view import View

STATIC_FORMATS = ("png", "svg", "pdf")
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class SnapshotOptions:
    """How to render: ``title`` (default: generated), ``bbox`` (default: the view's extent),
    ``width_px`` and ``dpi`` of the output."""

    title: str | None = None
    bbox: BBox | None = None
    width_px: int = 1600
    dpi: int = 150


def _path(polygon: Polygon) -> MplPath:
    rings = [np.asarray(polygon.exterior.coords)[:, :2]]
    rings += [np.asarray(ring.coords)[:, :2] for ring in polygon.interiors]
    codes = []
    for ring in rings:
        ring_codes = np.full(len(ring), MplPath.LINETO, dtype=MplPath.code_type)
        ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
        codes.append(ring_codes)
    return MplPath(np.concatenate(rings), np.concatenate(codes))


def _fill(ax: plt.Axes, geometries, **style: object) -> None:
    """Polygons as one collection (geopandas' plot() redraws the whole figure per call)."""
    patches = [PathPatch(_path(p)) for g in geometries for p in polygon_parts(g)]
    ax.add_collection(PatchCollection(patches, **style))


def _lines(ax: plt.Axes, geometries, **style: object) -> None:
    segments = []
    for geometry in geometries:
        for polygon in polygon_parts(geometry):
            segments.append(np.asarray(polygon.exterior.coords)[:, :2])
            segments += [np.asarray(r.coords)[:, :2] for r in polygon.interiors]
    ax.add_collection(LineCollection(segments, **style))


def _dash(style: dict[str, object]) -> str:
    return "--" if style.get("dashArray") else "-"


def _projection(bbox: BBox) -> CRS:
    lon = (bbox[0] + bbox[2]) / 2
    lat = (bbox[1] + bbox[3]) / 2
    return CRS.from_proj4(f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +datum=WGS84 +units=m")


def _scale_bar(ax: plt.Axes, extent: tuple[float, float, float, float]) -> None:
    """A bar of a round length, about a fifth of the map width (true at the centre)."""
    x0, y0, x1, y1 = extent
    target_km = (x1 - x0) / 1000 / 5
    magnitude = 10 ** math.floor(math.log10(target_km))
    length_km = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= target_km)
    left, bottom = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    ax.plot(
        [left, left + length_km * 1000],
        [bottom, bottom],
        color="black",
        lw=3,
        solid_capstyle="butt",
        zorder=10,
    )
    ax.text(
        left, bottom + (y1 - y0) * 0.012, f"{length_km:,.0f} km", fontsize=8, zorder=10, family=FONT
    )


@dataclass(frozen=True)
class _Extent:
    """The drawing area: box, projection, projected bounds and the borders prepared for it."""

    bbox: BBox
    crs: CRS
    bounds: tuple[float, float, float, float]
    borders: gpd.GeoDataFrame  # clipped, simplified, projected

    @property
    def aspect(self) -> float:
        x0, y0, x1, y1 = self.bounds
        return (y1 - y0) / (x1 - x0)


def _extent(bbox: BBox, borders: gpd.GeoDataFrame, width_px: int) -> _Extent:
    crs = _projection(bbox)
    outline = gpd.GeoSeries([box(*bbox).segmentize(0.25)], crs=4326).to_crs(crs)
    margin = box(bbox[0] - 10, max(-89.0, bbox[1] - 10), bbox[2] + 10, min(89.0, bbox[3] + 10))
    # Clip and simplify in degrees first (cheap), then project: half a pixel is invisible.
    shown = borders[borders.intersects(margin)].copy()
    pixel_deg = (bbox[2] - bbox[0]) / width_px
    shown["geometry"] = shown.geometry.clip_by_rect(*margin.bounds).simplify(pixel_deg / 2)
    shown = shown[~shown.geometry.is_empty].to_crs(crs)
    return _Extent(bbox, crs, tuple(outline.total_bounds), shown)


def _draw_map(
    ax: plt.Axes, dataset: Dataset, view: View, frame: gpd.GeoDataFrame, extent: _Extent
) -> list[Patch]:
    """One view drawn into ``ax``; returns the legend handles of the groups drawn."""
    x0, y0, x1, y1 = extent.bounds
    crs, shown = extent.crs, extent.borders
    ax.set_facecolor(styles.SEA_COLOR)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    _fill(
        ax,
        shown.geometry,
        facecolor=styles.BORDER_STYLE["fillColor"],
        edgecolor=styles.BORDER_STYLE["color"],
        linewidth=0.4,
        zorder=1,
    )

    group_handles = []
    if "alliances" in view.layers:
        everyone = members(dataset, view.date)
        full = members(dataset, view.date, standing="member")
        for order, group in enumerate(dataset.groups):
            for standing, countries in (
                ("member", full[group]),
                ("frozen", sorted(set(everyone[group]) - set(full[group]))),
            ):
                part = shown[shown["iso3"].isin(countries)]
                if part.empty:
                    continue
                style = styles.group_style(group, standing)
                _fill(
                    ax,
                    part.geometry,
                    facecolor=style["fillColor"],
                    alpha=float(style["fillOpacity"]) * 1.6,
                    edgecolor="none",
                    zorder=2 + order * 0.1,
                )
                _lines(
                    ax,
                    part.geometry,
                    color=style["color"],
                    linewidth=1.0,
                    linestyle=_dash(style),
                    zorder=3 + order * 0.1,
                )
            style = styles.group_style(group)
            group_handles.append(
                Patch(
                    facecolor=style["fillColor"] if float(style["fillOpacity"]) else "none",
                    edgecolor=style["color"],
                    linestyle=_dash(style),
                    alpha=0.7,
                    label=styles.group_label(group),
                )
            )

    if "rings" in view.layers and len(frame):
        rings = ring_frame(frame, view.altitude_m).to_crs(crs)
        for status, group in rings.groupby("status"):  # one collection per style
            style = styles.STATUS_STYLE[status]
            _lines(
                ax,
                group.geometry,
                color=style["color"],
                linewidth=0.9,
                linestyle=_dash(style),
                zorder=4,
            )

    if "density" in view.layers and len(frame):
        bands = coverage_density(
            ring_frame(engaging(frame, view.filters.statuses), view.altitude_m)
        ).bands.to_crs(crs)
        for name, color in DENSITY_COLORS.items():
            part = bands[bands["band"] == name]
            if len(part):
                _fill(ax, part.geometry, facecolor=color, edgecolor="none", alpha=0.45, zorder=3.5)

    if len(frame):
        points = frame.to_crs(crs)
        for (status, stale), group in points.groupby(["status", "stale"]):
            style = styles.STATUS_STYLE[status]
            sizes = [styles.KIND_RADIUS.get(k, 6) ** 2 * 1.6 for k in group["system_kind"]]
            ax.scatter(
                group.geometry.x,
                group.geometry.y,
                s=sizes,
                c=style["fillColor"],
                edgecolors=style["color"],
                linewidths=1.2,
                zorder=5,
                # Stale: faded and dotted, as on the web map.
                alpha=float(styles.STALE_STYLE["opacity"]) if stale else 1.0,
                linestyle=":" if stale else "-",
            )

    _scale_bar(ax, extent.bounds)
    ax.text(
        0.995,
        0.005,
        "Borders: Natural Earth (public domain) · Map: adatlas",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=7,
        color="#444",
        zorder=10,
        bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"},
    )
    return group_handles


def _legend(fig: plt.Figure, view: View, group_handles: list[Patch], top: float) -> None:
    status_handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=7,
            markerfacecolor=styles.STATUS_STYLE[s]["fillColor"],
            markeredgecolor=color,
            label=label,
        )
        for s, label, color in status_entries()
    ]
    operational = styles.STATUS_STYLE["operational"]
    stale_handle = Line2D(
        [],
        [],
        marker="o",
        linestyle="none",
        markersize=7,
        markerfacecolor=operational["fillColor"],
        markeredgecolor=operational["color"],
        alpha=float(styles.STALE_STYLE["opacity"]),
        label=f"faded: stale (not confirmed in {view.filters.stale_months} months)",
    )
    ring_handle = [Line2D([], [], color="#555", lw=1, label=describe(view.altitude_m))]
    fig.legend(
        handles=[*status_handles, stale_handle, *group_handles, *ring_handle],
        loc="upper left",
        bbox_to_anchor=(0.02, top),
        ncol=5,
        fontsize=8,
        frameon=False,
    )


def _save(fig: plt.Figure, fmt: str, title: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Title": title},
    }[fmt]
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


_RC = {"font.family": FONT, "svg.hashsalt": "adatlas", "pdf.fonttype": 42, "svg.fonttype": "none"}
HEADER_IN, LEGEND_IN = 0.9, 0.9


def _sources_block(
    fig: plt.Figure, sources: list[str], height_in: float, sources_in: float
) -> None:
    lines = ["Sources:"] + [f"{i}. {text}" for i, text in enumerate(sources, start=1)]
    fig.text(
        0.02, sources_in / height_in, "\n".join(lines), fontsize=7.5, va="top", linespacing=1.45
    )


def _frame_text(
    fig: plt.Figure,
    view: View,
    groups: list[Patch],
    title: str,
    subtitle: str,
    sources: list[str],
    height_in: float,
    sources_in: float,
) -> None:
    """Title and subtitle above the map(s); legend and numbered sources below."""
    fig.text(0.02, 1 - 0.35 / height_in, title, fontsize=15, weight="bold", va="center")
    fig.text(0.02, 1 - 0.7 / height_in, subtitle, fontsize=9, va="center", color="#333")
    _legend(fig, view, groups, (LEGEND_IN + sources_in - 0.05) / height_in)
    _sources_block(fig, sources, height_in, sources_in)


def render_static(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    options: SnapshotOptions | None = None,
) -> bytes:
    """The snapshot of ``view`` as ``png``, ``svg`` or ``pdf`` bytes."""
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; use one of {STATIC_FORMATS}")
    options = options or SnapshotOptions()
    extent = _extent(options.bbox or view_bbox(view), borders, options.width_px)
    frame = as_of(dataset, view.date, view.filters)
    title = options.title or default_title(view)
    sources = source_list(dataset, frame)

    width_in = options.width_px / options.dpi
    map_h_in = width_in * 0.96 * extent.aspect
    sources_in = 0.25 + 0.17 * len(sources)
    height_in = HEADER_IN + map_h_in + LEGEND_IN + sources_in
    with plt.rc_context(_RC):
        fig = plt.figure(figsize=(width_in, height_in), dpi=options.dpi)
        ax = fig.add_axes((0.02, (LEGEND_IN + sources_in) / height_in, 0.96, map_h_in / height_in))
        groups = _draw_map(ax, dataset, view, frame, extent)
        subtitle = (
            f"As of {view.date.isoformat()} · {describe_filters(view)} · {len(frame)} deployments"
        )
        _frame_text(fig, view, groups, title, subtitle, sources, height_in, sources_in)
        return _save(fig, fmt, title, options.dpi)


def render_comparison(
    dataset: Dataset,
    before: View,
    after: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    options: SnapshotOptions | None = None,
) -> bytes:
    """Two dates side by side on one page (same extent, filters and layers as ``after``)."""
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; use one of {STATIC_FORMATS}")
    options = options or SnapshotOptions()
    extent = _extent(options.bbox or view_bbox(after), borders, options.width_px // 2)
    frames = [as_of(dataset, v.date, v.filters) for v in (before, after)]
    title = options.title or (
        f"Air and missile defense: {before.date:%d %B %Y} and {after.date:%d %B %Y}"
    )
    sources = source_list(dataset, pd.concat(frames))
    changes = deployment_changes(dataset, before.date, after.date, after.filters)
    summary = ", ".join(f"{n} {kind}" for kind, n in changes["change"].value_counts().items())

    width_in = options.width_px / options.dpi
    panel_w = 0.47
    map_h_in = width_in * panel_w * extent.aspect
    sources_in = 0.25 + 0.17 * len(sources)
    height_in = HEADER_IN + 0.3 + map_h_in + LEGEND_IN + sources_in
    with plt.rc_context(_RC):
        fig = plt.figure(figsize=(width_in, height_in), dpi=options.dpi)
        bottom = (LEGEND_IN + sources_in) / height_in
        groups: list[Patch] = []
        for i, (view, frame) in enumerate(zip((before, after), frames, strict=True)):
            ax = fig.add_axes((0.02 + i * (panel_w + 0.02), bottom, panel_w, map_h_in / height_in))
            groups = _draw_map(ax, dataset, view, frame, extent)
            ax.set_title(
                f"{'AB'[i]}: as of {view.date.isoformat()} · {len(frame)} deployments",
                fontsize=10,
                loc="left",
            )
        subtitle = f"{describe_filters(after)} · from A to B: {summary or 'no changes'}"
        _frame_text(fig, after, groups, title, subtitle, sources, height_in, sources_in)
        return _save(fig, fmt, title, options.dpi)
