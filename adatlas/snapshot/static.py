"""Briefing snapshots as PNG, SVG or PDF, rendered on the server with matplotlib.

A snapshot stands alone: title, as-of date, active filters, borders, alliance shading, the
map's symbols and geodesic rings, every deployment in the frame labelled, a legend, a scale
bar, attribution, a key table and the numbered sources of what is in the frame. Three layouts:

- ``slide``: 16:9 (1920 × 1080 px by default), the map on at least 70 % of the area, the key
  and compact footnotes beside it;
- ``page``: A4 (or Letter) landscape for print and PDF; a key or source list too long for the
  first page continues on further pages instead of shrinking;
- ``poster``: one tall image holding everything.

Output is deterministic for the same input; text stays text (PDF and SVG are searchable) and
is never read as mathematics. The map is drawn in a Lambert azimuthal equal-area projection
centred on the extent.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass, replace

import geopandas as gpd
import matplotlib
import pandas as pd

matplotlib.use("Agg")  # no display, ever

import matplotlib.pyplot as plt
import numpy as np
from adjustText import adjust_text
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox
from pyproj import CRS
from shapely.geometry import Polygon, box

from adatlas import styles
from adatlas.alliances import alliance_parts
from adatlas.changes import deployment_changes
from adatlas.coverage import polygon_parts
from adatlas.dataset import Dataset
from adatlas.density import DENSITY_COLORS, DENSITY_OPACITY, density_bands
from adatlas.legend import Section, legend_sections
from adatlas.query import as_of
from adatlas.rings import ring_frame
from adatlas.snapshot import flow
from adatlas.snapshot.briefing import KEY_COLUMNS, Briefing, KeyRow, briefing
from adatlas.snapshot.extent import BBox, view_bbox
from adatlas.snapshot.flow import Box, Cell
from adatlas.snapshot.formats import LAYOUTS, PAPERS, STATIC_FORMATS
from adatlas.snapshot.text import default_title, describe_filters
from adatlas.view import View

FONT = flow.FONT
SLIDE_IN = (13.333, 7.5)  # PowerPoint's 16:9 slide: 1920 × 1080 px at 144 dpi
ATTRIBUTION = "Borders: Natural Earth (public domain) · Map: adatlas"


@dataclass(frozen=True)
class SnapshotOptions:
    """How to render.

    Parameters
    ----------
    title : str, optional
        Default: generated from the view.
    bbox : BBox, optional
        Lon/lat box to show (default: the view's extent); widened to the map's shape.
    width_px, dpi : int, optional
        Output width and resolution. Defaults: slide 1920 px (144 dpi), page 150 dpi,
        poster 1600 px at 150 dpi. For ``page`` the paper fixes the size in inches, so a
        width sets the resolution.
    layout : str
        ``slide``, ``page`` or ``poster``.
    paper : str
        ``a4`` or ``letter`` (``page`` only).
    """

    title: str | None = None
    bbox: BBox | None = None
    width_px: int | None = None
    dpi: int | None = None
    layout: str = "slide"
    paper: str = "a4"

    def check(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown layout {self.layout!r}; use one of {', '.join(LAYOUTS)}")
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; use one of {', '.join(PAPERS)}")


# ---- the map -------------------------------------------------------------------------------


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
    ax.text(left, bottom + (y1 - y0) * 0.012, f"{length_km:,.0f} km", fontsize=8, zorder=10)


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


def _extent(
    bbox: BBox, borders: gpd.GeoDataFrame, width_px: int, aspect: float | None = None
) -> _Extent:
    """The box projected; with ``aspect`` (height / width of the map's place on the page) it
    is widened around its centre to exactly that shape, so the map fills its place."""
    crs = _projection(bbox)
    outline = gpd.GeoSeries([box(*bbox).segmentize(0.25)], crs=4326).to_crs(crs)
    x0, y0, x1, y1 = outline.total_bounds
    if aspect is not None:
        cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
        w, h = max(w, h / aspect), max(h, w * aspect)
        x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
    bounds = (float(x0), float(y0), float(x1), float(y1))
    seen = gpd.GeoSeries([box(*bounds).segmentize((x1 - x0) / 50)], crs=crs).to_crs(4326)
    lon0, lat0, lon1, lat1 = seen.total_bounds
    margin = box(max(-180, lon0 - 5), max(-89.0, lat0 - 5), min(180, lon1 + 5), min(89.0, lat1 + 5))
    # Clip and simplify in degrees first (cheap), then project: half a pixel is invisible.
    shown = borders[borders.intersects(margin)].copy()
    pixel_deg = (lon1 - lon0) / width_px
    shown["geometry"] = shown.geometry.clip_by_rect(*margin.bounds).simplify(pixel_deg / 2)
    shown = shown[~shown.geometry.is_empty].to_crs(crs)
    return _Extent(bbox, crs, bounds, shown)


def _handles(sections: list[Section]) -> tuple[list[object], list[str]]:
    """Matplotlib legend handles for the sections; section titles and notes as text rows.
    Long labels wrap, so the legend stays narrow."""
    handles: list[object] = []
    kinds: list[str] = []
    dash = {"solid": "-", "dashed": "--", "dotted": ":"}
    for section in sections:
        if section.title == "Rings":
            label = textwrap.fill(f"rings: {section.note}", LEGEND_WRAP)
            handles.append(Line2D([], [], color="#555", lw=1, label=label))
            kinds.append("entry")
            continue
        handles.append(Line2D([], [], linestyle="none", label=section.title))
        kinds.append("title")
        for s in section.swatches:
            if s.shape == "area":
                handles.append(
                    Patch(
                        facecolor=s.fill or "none",
                        edgecolor=s.edge,
                        linestyle=dash[s.dash],
                        alpha=s.opacity,
                        label=textwrap.fill(s.label, LEGEND_WRAP),
                    )
                )
            else:
                handles.append(
                    Line2D(
                        [],
                        [],
                        marker="o",
                        linestyle="none",
                        markersize=s.size * 0.55,
                        markerfacecolor=s.fill or "none",
                        markeredgecolor=s.edge,
                        alpha=s.opacity,
                        label=textwrap.fill(s.label, LEGEND_WRAP),
                    )
                )
            kinds.append("entry")
        if section.note:
            handles.append(
                Line2D([], [], linestyle="none", label=textwrap.fill(section.note, LEGEND_WRAP))
            )
            kinds.append("note")
    return handles, kinds


LEGEND_WRAP = 34  # characters

_CORNERS = {  # legend loc → which corner of the axes it sits in (0..1 fractions)
    "upper right": (1, 1),
    "upper left": (0, 1),
    "lower right": (1, 0),
    "lower left": (0, 0),
}


def _legend(ax: plt.Axes, sections: list[Section], points: np.ndarray, size: float) -> None:
    """A compact legend in the map corner that hides the fewest deployments."""
    handles, kinds = _handles(sections)
    if not handles:
        return

    def make(loc: str):
        # Lower corners keep clear of the scale bar and the attribution.
        anchor = {"upper right": (1, 1), "upper left": (0, 1),
                  "lower right": (1, 0.05), "lower left": (0, 0.1)}[loc]  # fmt: skip
        legend = ax.legend(
            handles=handles,
            loc=loc,
            bbox_to_anchor=anchor,
            fontsize=size,
            framealpha=0.88,
            edgecolor="#999999",
            handlelength=1.2,
            handletextpad=0.5,
            borderpad=0.5,
            labelspacing=0.3,
            ncol=2 if len(handles) > 14 else 1,
        )
        legend.set_zorder(12)
        for text, kind in zip(legend.get_texts(), kinds, strict=True):
            if kind == "title":
                text.set_weight("bold")
            elif kind == "note":
                text.set_style("italic")
        return legend

    legend = make("upper right")
    renderer = ax.figure.canvas.get_renderer()
    extent = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
    w, h = extent.width, extent.height
    axes_points = (
        ax.transAxes.inverted().transform(ax.transData.transform(points))
        if len(points)
        else np.zeros((0, 2))
    )

    def hidden(loc: str) -> int:
        cx, cy = _CORNERS[loc]
        x0 = 1 - w if cx else 0
        y0 = 1 - h if cy else (0.1 if not cx else 0.05)
        xs, ys = axes_points[:, 0], axes_points[:, 1]
        return int(np.sum((xs >= x0) & (xs <= x0 + w) & (ys >= y0) & (ys <= y0 + h)))

    best = min(_CORNERS, key=lambda loc: (hidden(loc), list(_CORNERS).index(loc)))
    if best != "upper right":
        legend.remove()
        make(best)


def shared_label(labels) -> str:
    """One label for records at one point: "4, 5", with runs of three or more as "28–41"
    (a dozen country-level records at one capital would otherwise make a line across the map).
    """
    numbers = [str(label) for label in labels]
    if not all(n.isdigit() for n in numbers):
        return ", ".join(numbers)
    values = sorted(int(n) for n in numbers)
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(
        f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)) for run in runs
    )


# Above this many labelled places in the frame a map gets no labels (and says so).
MAX_LABELS = 250


def _labels(ax: plt.Axes, brief: Briefing, size: float, extent: _Extent) -> list[plt.Text]:
    """A label beside each deployment (and event) in the frame, placed by adjustText so that
    no two overlap; records at one point share one label ("4, 5")."""
    frames = [f for f in (brief.deployments, brief.events) if len(f)]
    if not frames:
        return []
    rows = pd.concat(
        [pd.DataFrame({"label": f["label"], "lat": f["lat"], "lon": f["lon"]}) for f in frames]
    )
    points = gpd.GeoSeries(gpd.points_from_xy(rows["lon"], rows["lat"]), crs=4326)
    points = points.to_crs(extent.crs)
    rows = rows.assign(x=points.x.to_numpy(), y=points.y.to_numpy())
    grouped = rows.groupby(["x", "y"], sort=False)["label"].agg(shared_label).reset_index()
    if len(grouped) > MAX_LABELS:  # no legible placement exists, and finding one is O(n²)
        ax.text(
            0.5,
            0.99,
            f"Labels off: {len(grouped):,} places in the frame (more than {MAX_LABELS}); "
            "zoom in, or narrow the frame with --bbox, to label them",
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=size,
            zorder=11,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#777777", "alpha": 0.9},
        )
        return []
    dx = (extent.bounds[2] - extent.bounds[0]) * 0.006
    texts = [
        ax.text(
            x + dx,
            y + dx,
            label,
            fontsize=size,
            weight="bold",
            zorder=11,
            gid="adatlas-label",
            bbox={
                "boxstyle": "round,pad=0.15",
                "fc": "white",
                "ec": "#777777",
                "lw": 0.4,
                "alpha": 0.9,
            },
        )
        for x, y, label in zip(grouped["x"], grouped["y"], grouped["label"], strict=True)
    ]
    legend = ax.get_legend()
    adjust_text(
        texts,
        x=grouped["x"].to_numpy(),
        y=grouped["y"].to_numpy(),
        objects=[legend] if legend else None,
        ax=ax,
        # Not time_lim: the same input must give the same picture. 30 rounds without the
        # crossing pass look the same on the curated data as 150 with it, in a sixth of the
        # time (0.3 against 2.0 s at 105 labels); _separate below removes what overlaps.
        iter_lim=30,
        prevent_crossings=False,
        expand=(1.15, 1.3),
        force_text=(0.3, 0.5),
        arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5},
    )
    _separate(ax, texts, grouped[["x", "y"]].to_numpy(), legend)
    return texts


def _separate(ax: plt.Axes, texts: list[plt.Text], anchors: np.ndarray, legend) -> None:
    """A last pass over what adjustText leaves overlapping or pushes off the map (it
    minimises overlaps; a key keyed by labels needs none): each such label moves to the
    nearest free spot inside the map around its point, with a leader line."""
    renderer = ax.figure.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    taken: list[Bbox] = [legend.get_window_extent(renderer)] if legend else []
    to_data = ax.transData.inverted()

    def inside(box: Bbox) -> bool:
        return axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)

    for text, (px, py) in zip(texts, anchors, strict=True):
        extent = text.get_window_extent(renderer)
        if inside(extent) and not any(extent.overlaps(other) for other in taken):
            taken.append(extent)
            continue
        w, h = extent.width, extent.height
        ax_x, ax_y = ax.transData.transform((px, py))
        placed = None
        for step in range(1, 40):
            radius = step * h * 0.8
            for angle in range(0, 360, 30):
                cx = ax_x + radius * math.cos(math.radians(angle))
                cy = ax_y + radius * math.sin(math.radians(angle))
                candidate = Bbox.from_bounds(cx - w / 2, cy - h / 2, w, h)
                if inside(candidate) and not any(candidate.overlaps(other) for other in taken):
                    placed = candidate
                    break
            if placed is not None:
                break
        if placed is None:
            taken.append(extent)  # nowhere free: leave it (a crowded map at a tiny size)
            continue
        # Text anchors at its left-bottom corner (ha="left", va="baseline" ≈ bottom).
        shift_x = placed.x0 - extent.x0
        shift_y = placed.y0 - extent.y0
        old = ax.transData.transform(text.get_position())
        text.set_position(to_data.transform((old[0] + shift_x, old[1] + shift_y)))
        new_extent = text.get_window_extent(renderer)
        taken.append(new_extent)
        cx, cy = to_data.transform(
            ((new_extent.x0 + new_extent.x1) / 2, (new_extent.y0 + new_extent.y1) / 2)
        )
        ax.plot([px, cx], [py, cy], color="#555555", lw=0.5, zorder=10.5)


def _draw_map(
    ax: plt.Axes,
    dataset: Dataset,
    view: View,
    frame: gpd.GeoDataFrame,
    extent: _Extent,
    brief: Briefing,
    sections: list[Section],
    type_size: float = 7.0,
    legend: bool = True,
) -> list[plt.Text]:
    """One view drawn into ``ax``: the map, its labels, legend, scale bar and attribution.
    Returns the labels."""
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

    if "alliances" in view.layers:
        for part in alliance_parts(dataset, view.date):
            shaded = shown[shown["iso3"].isin(part.countries)]
            if shaded.empty:
                continue
            order = dataset.groups.index(part.group)
            style = part.style
            _fill(
                ax,
                shaded.geometry,
                facecolor=style["fillColor"],
                alpha=float(style["fillOpacity"]) * 1.6,
                edgecolor="none",
                zorder=2 + order * 0.1,
            )
            _lines(
                ax,
                shaded.geometry,
                color=style["color"],
                linewidth=1.0,
                linestyle=_dash(style),
                zorder=3 + order * 0.1,
            )

    if "rings" in view.layers and len(frame):
        rings = ring_frame(frame, view.altitude_m).to_crs(crs)
        # One collection per style; radar rings thin and dotted, as on the web map.
        for (status, radar), group in rings.groupby(["status", rings["system_kind"] == "radar"]):
            style = styles.STATUS_STYLE[status]
            _lines(
                ax,
                group.geometry,
                color=style["color"],
                linewidth=0.5 if radar else 0.9,
                linestyle=":" if radar else _dash(style),
                zorder=4,
            )

    if "density" in view.layers and len(frame):
        bands = density_bands(frame, view.filters.statuses, view.altitude_m).to_crs(crs)
        for name, color in DENSITY_COLORS.items():
            part = bands[bands["band"] == name]
            if len(part):
                _fill(
                    ax,
                    part.geometry,
                    facecolor=color,
                    edgecolor="none",
                    alpha=DENSITY_OPACITY,
                    zorder=3.5,
                )

    points = brief.deployments.to_crs(crs) if len(brief.deployments) else brief.deployments
    if len(points):
        for (status, stale, proposed), group in points.groupby(["status", "stale", "proposed"]):
            style = styles.STATUS_STYLE[status]
            edge = styles.PROPOSED_STYLE["color"] if proposed else style["color"]
            sizes = [styles.KIND_RADIUS.get(k, 6) ** 2 * 1.6 for k in group["system_kind"]]
            ax.scatter(
                group.geometry.x,
                group.geometry.y,
                s=sizes,
                c=style["fillColor"],
                edgecolors=edge,
                linewidths=2.2 if proposed else 1.2,
                zorder=5,
                # Stale: faded and dotted, as on the web map.
                alpha=float(styles.STALE_STYLE["opacity"]) if stale else 1.0,
                linestyle=":" if stale else "--" if proposed else "-",
            )
    if len(brief.events):
        events = brief.events.to_crs(crs)
        ax.scatter(
            events.geometry.x,
            events.geometry.y,
            s=40,
            c="#ffd700",
            edgecolors="#333333",
            linewidths=0.8,
            marker="D",
            zorder=5.5,
        )

    _scale_bar(ax, extent.bounds)
    ax.text(
        0.995,
        0.005,
        ATTRIBUTION,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=6.5,
        color="#444",
        zorder=10,
        bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"},
    )
    xy = (
        np.column_stack([points.geometry.x, points.geometry.y]) if len(points) else np.zeros((0, 2))
    )
    if legend:
        _legend(ax, sections, xy, type_size - 0.5)
    return _labels(ax, brief, type_size, extent)


# ---- words around the map ------------------------------------------------------------------


def _subtitle(view: View, brief: Briefing) -> str:
    events = f" and {len(brief.events)} events" if len(brief.events) else ""
    return (
        f"As of {view.date.isoformat()} · {len(brief.deployments)} deployments{events} in the "
        f"frame · {describe_filters(view)}"
    )


def _key_cells(rows: list[KeyRow]) -> list[list[Cell]]:
    return [[Cell(((text, "black", "bold" if i == 0 else "normal"),)) for i, text in
             enumerate(row.cells())] for row in rows]  # fmt: skip


def _one_line(text: str, width_in: float, size: float, weight: str = "normal") -> str:
    lines = flow.wrap(text, width_in, size, weight)
    if len(lines) == 1:
        return text
    cut = lines[0]
    while cut and flow.text_width_pt(cut + " …", size, weight) > width_in * 72:
        cut = cut[:-1]
    return cut.rstrip() + " …"


def _compact_key_cells(rows: list[KeyRow], width_in: float, size: float) -> list[list[Cell]]:
    """Two columns: the label, and the name over the other columns in grey, a line each."""
    cells = []
    for row in rows:
        details = " · ".join(
            part
            for part in (  # most wanted first: the line is cut to fit
                row.status.replace(" since ", " "),
                f"src {row.sources}" if row.sources else "",
                f"conf. {row.last_confirmed}" if row.last_confirmed else "",
                row.system,
            )
            if part
        )
        cells.append(
            [
                Cell(((row.label, "black", "bold"),)),
                Cell(
                    (
                        (_one_line(row.name, width_in, size), "black", "normal"),
                        (_one_line(details, width_in, size), "#555555", "normal"),
                    )
                ),
            ]
        )
    return cells


KEY_WIDTHS = (0.05, 0.33, 0.17, 0.19, 0.15, 0.11)


def _continuation_boxes(page_w: float, page_h: float, pages: int) -> list[Box]:
    """Two columns on each continuation page, under a one-line header."""
    column_w = (page_w - 0.9) / 2
    return [
        Box(page, 0.35 + side * (column_w + 0.2), page_h - 0.75, column_w, page_h - 1.15)
        for page in range(1, pages + 1)
        for side in (0, 1)
    ]


_RC = {
    "font.family": list(flow.font_families()),
    "svg.hashsalt": "adatlas",
    "pdf.fonttype": 42,  # TrueType: PDF text stays selectable and searchable
    "svg.fonttype": "none",
    "text.parse_math": False,  # record text may hold "$…$"; it is never mathematics
    "text.usetex": False,
}


def _save(figures: list[plt.Figure], fmt: str, title: str, dpi: float) -> bytes:
    buffer = io.BytesIO()
    if fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Title": title}
        with PdfPages(buffer, metadata=metadata) as pdf:
            for figure in figures:
                pdf.savefig(figure)
    else:
        metadata = {"png": {"Software": None}, "svg": {"Date": None}}[fmt]
        # zlib level 3: a tenth bigger than the default 6 and a third of its time
        extra = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
        figures[0].savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, **extra)
    for figure in figures:
        plt.close(figure)
    return buffer.getvalue()


@dataclass(frozen=True)
class Rendered:
    """Figures of one snapshot (first: the map page) and what they show."""

    figures: list[plt.Figure]
    brief: Briefing
    labels: list[plt.Text]
    map_axes: plt.Axes
    title: str
    dpi: float


def _defaults(options: SnapshotOptions) -> tuple[float, float]:
    """(width in inches, dpi) of the first page."""
    if options.layout == "slide":
        width_in = SLIDE_IN[0]
        dpi = options.dpi or (options.width_px or 1920) / width_in
    elif options.layout == "page":
        width_in = PAPERS[options.paper][0]
        dpi = options.dpi or (options.width_px / width_in if options.width_px else 150)
    else:
        dpi = options.dpi or 150
        width_in = (options.width_px or 1600) / dpi
    return width_in, dpi


def _map_box(options: SnapshotOptions) -> tuple[float, float, float, float]:
    """Left, bottom, width, height (inches) of the map on a slide or page."""
    if options.layout == "slide":
        return 0.1, 0.1, 9.7, 7.3  # 70.8 sq in of 100: the map is 70.8 % of the slide
    page_w, page_h = PAPERS[options.paper]
    return 0.3, 0.3, page_w * 0.55, page_h - 1.1


def figures(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    options: SnapshotOptions | None = None,
    map_only: bool = False,
) -> Rendered:
    """The snapshot as matplotlib figures (closed by the caller, or by :func:`render_static`).

    ``map_only`` draws just the map (with its labels, legend, scale bar and attribution) at
    the size the slide gives it: the picture of the PowerPoint deck.
    """
    options = options or SnapshotOptions()
    options.check()
    width_in, dpi = _defaults(options)
    frame = as_of(dataset, view.date, view.filters)
    title = options.title or default_title(view)
    bbox = options.bbox or view_bbox(view)
    with plt.rc_context(_RC):
        if options.layout == "poster":
            return _poster(dataset, view, borders, frame, bbox, title, width_in, dpi)
        left, bottom, map_w, map_h = _map_box(options)
        extent = _extent(bbox, borders, int(map_w * dpi), aspect=map_h / map_w)
        brief = briefing(dataset, view, frame, extent.crs, extent.bounds)
        sections = legend_sections(dataset, view, [brief.deployments])
        if map_only:
            figure = plt.figure(figsize=(map_w, map_h), dpi=dpi)
            ax = figure.add_axes((0, 0, 1, 1))
            labels = _draw_map(ax, dataset, view, frame, extent, brief, sections)
            return Rendered([figure], brief, labels, ax, title, dpi)
        page_w, page_h = SLIDE_IN if options.layout == "slide" else PAPERS[options.paper]
        figure = plt.figure(figsize=(page_w, page_h), dpi=dpi)
        ax = figure.add_axes((left / page_w, bottom / page_h, map_w / page_w, map_h / page_h))
        labels = _draw_map(ax, dataset, view, frame, extent, brief, sections)
        if options.layout == "slide":
            pages = _slide_text(view, brief, title, left + map_w + 0.15, page_w, page_h)
        else:
            pages = _page_text(view, brief, title, left + map_w + 0.25, page_w, page_h)
        result = [figure]
        for number, placed in enumerate(pages):
            if number:
                result.append(plt.figure(figsize=(page_w, page_h), dpi=dpi))
            flow.draw(result[number], placed, page_h, page_w)
        return Rendered(result, brief, labels, ax, title, dpi)


def _heading(
    title: str, subtitle: str, left: float, top: float, width: float, size: float = 13
) -> tuple[list[flow.Placed], float]:
    """Title and subtitle from ``top`` down; returns them and the height used."""
    placed, used = [], 0.0
    for text, points, weight, color in (
        (title, size, "bold", "black"),
        (subtitle, 8, "normal", "#333333"),
    ):
        for line in flow.wrap(text, width, points, weight):
            placed.append(flow.Placed(0, left, top - used, [line], points, color, weight))
            used += flow.line_height_in(points)
        used += 0.06
    return placed, used + 0.06


SLIDE_KEY_PT, SLIDE_NOTES_PT = 6.5, 6.0


def _slide_text(
    view: View, brief: Briefing, title: str, left: float, page_w: float, page_h: float
) -> list[list[flow.Placed]]:
    """The side panel of a slide: heading, compact key, run-on footnotes; one page.

    What does not fit says where the rest is (the page layout, the PowerPoint)."""
    width, top, bottom = page_w - left - 0.1, page_h - 0.12, 0.1
    placed, used = _heading(title, _subtitle(view, brief), left, top, width, size=12)
    notes_line = flow.line_height_in(SLIDE_NOTES_PT)
    notes = " · ".join(f"{n.number} {n.short()}" for n in brief.sources)
    note_lines = flow.wrap(f"Sources: {notes}", width, SLIDE_NOTES_PT) if brief.sources else []
    room = top - used - bottom
    # Footnotes take what they need, up to a third of the panel; the key the rest.
    fit = min(len(note_lines), int(room / 3 / notes_line))
    if fit < len(note_lines):
        tail = " … full list: page layout, PowerPoint"
        last = note_lines[fit - 1]
        while last and flow.text_width_pt(last + tail, SLIDE_NOTES_PT) > width * 72:
            last = last[:-1]
        note_lines = [*note_lines[: fit - 1], last.rstrip(" ·") + tail]
    notes_h = len(note_lines) * notes_line
    key_box = Box(0, left, top - used, width, room - notes_h - 0.12)
    more_line = flow.line_height_in(SLIDE_KEY_PT)
    cells = _compact_key_cells(brief.key, width * 0.9 - 0.05, SLIDE_KEY_PT)
    key = flow.flow_table([key_box], ["#", "Deployment"], cells, (0.1, 0.9), SLIDE_KEY_PT)
    if key.left_over < len(brief.key):  # make room for the line that says so
        short = replace(key_box, height=key_box.height - more_line)
        key = flow.flow_table([short], ["#", "Deployment"], cells, (0.1, 0.9), SLIDE_KEY_PT)
        missing = len(brief.key) - key.left_over
        placed.append(
            flow.Placed(
                0,
                left,
                key_box.top - key.end[1],
                [f"… {missing} more: see the page layout (PDF) or the PowerPoint key"],
                SLIDE_KEY_PT,
                "#333333",
            )
        )
    placed += key.placed
    for k, line in enumerate(note_lines):
        y = bottom + notes_h - k * notes_line
        placed.append(flow.Placed(0, left, y, [line], SLIDE_NOTES_PT, "#333333"))
    return [placed]


def _page_text(
    view: View, brief: Briefing, title: str, left: float, page_w: float, page_h: float
) -> list[list[flow.Placed]]:
    """Heading across the top; key then sources beside the map, continued on more pages."""
    top = page_h - 0.25
    heading, used = _heading(title, _subtitle(view, brief), 0.3, top, page_w - 0.6)
    panel = Box(0, left, top - used, page_w - left - 0.3, top - used - 0.3)
    more = max(1, math.ceil((len(brief.key) + len(brief.sources)) / 20))
    boxes = [panel, *_continuation_boxes(page_w, page_h, more)]
    key = flow.flow_table(boxes, KEY_COLUMNS, _key_cells(brief.key), KEY_WIDTHS, 7)
    start = (key.end[0], key.end[1] + 0.15) if key.end else (0, 0.0)
    items = [f"{n.number} {n.text()}" for n in brief.sources]
    sources = flow.flow_list(boxes, items, 7, start=start, title="Sources")
    placed = key.placed + sources.placed
    last_page = max([p.page for p in placed], default=0)
    pages: list[list[flow.Placed]] = [list(heading) for _ in range(last_page + 1)]
    for number in range(1, last_page + 1):
        pages[number] = [
            flow.Placed(
                number,
                0.35,
                page_h - 0.3,
                [f"{title} — key and sources, continued (page {number + 1})"],
                10,
                "black",
                "bold",
            )
        ]
    for p in placed:
        pages[p.page].append(p)
    if last_page:
        pages[0].append(
            flow.Placed(0, left, 0.25, ["Continued on the next page."], 7, "#333333", "normal")
        )
    return pages


def _poster(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    frame: gpd.GeoDataFrame,
    bbox: BBox,
    title: str,
    width_in: float,
    dpi: float,
) -> Rendered:
    """The tall single image: heading, the map at its own shape, key and sources below."""
    extent = _extent(bbox, borders, int(width_in * dpi))
    brief = briefing(dataset, view, frame, extent.crs, extent.bounds)
    sections = legend_sections(dataset, view, [brief.deployments])
    map_w = width_in * 0.96
    map_h = map_w * extent.aspect
    text_w = width_in * 0.96
    tall = Box(0, 0, 1e6, text_w, 1e6)
    key = flow.flow_table([tall], KEY_COLUMNS, _key_cells(brief.key), KEY_WIDTHS, 7.5)
    items = [f"{n.number} {n.text()}" for n in brief.sources]
    sources = flow.flow_list([tall], items, 7.5, start=(0, key.end[1] + 0.2), title="Sources")
    below = sources.end[1] + 0.3
    heading_h = 0.95
    height_in = heading_h + map_h + 0.15 + below
    figure = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    ax = figure.add_axes((0.02, (below + 0.15) / height_in, 0.96, map_h / height_in))
    labels = _draw_map(ax, dataset, view, frame, extent, brief, sections)
    heading, _ = _heading(title, _subtitle(view, brief), width_in * 0.02, height_in - 0.2, text_w)
    shift = 1e6 - below + 0.05  # the tall box's top maps to just under the map
    text = [replace(p, x=p.x + width_in * 0.02, y=p.y - shift) for p in key.placed + sources.placed]
    flow.draw(figure, heading + text, height_in, width_in)
    return Rendered([figure], brief, labels, ax, title, dpi)


def render_static(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    options: SnapshotOptions | None = None,
) -> bytes:
    """The snapshot of ``view`` as ``png``, ``svg`` or ``pdf`` bytes.

    PDF holds every page of the layout; PNG and SVG, one image, hold the first.
    """
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; use one of {STATIC_FORMATS}")
    rendered = figures(dataset, view, borders, options)
    shown = rendered.figures if fmt == "pdf" else rendered.figures[:1]
    for extra in rendered.figures[len(shown) :]:
        plt.close(extra)
    with plt.rc_context(_RC):
        return _save(shown, fmt, rendered.title, rendered.dpi)


# ---- two dates -----------------------------------------------------------------------------


def comparison_key(
    dataset: Dataset, before: View, after: View, crs: CRS, bounds
) -> tuple[Briefing, Briefing, list[KeyRow], list]:
    """Briefings of both dates numbered once over both (a deployment keeps its number), and
    one key whose status column says A and B."""
    frames = [as_of(dataset, v.date, v.filters) for v in (before, after)]
    both = pd.concat(frames)
    both = both[~both.index.duplicated(keep="last")]
    union = briefing(dataset, after, both, crs, bounds)
    labels = dict(zip(union.deployments["id"], union.deployments["label"], strict=True))
    briefs = [
        briefing(dataset, v, f, crs, bounds, labels)
        for v, f in zip((before, after), frames, strict=True)
    ]
    statuses = [
        dict(
            zip(
                b.deployments["id"],
                b.deployments["status"] + " since " + b.deployments["status_since"],
                strict=True,
            )
        )
        for b in briefs
    ]
    key = [
        replace(
            row,
            status=f"A: {statuses[0].get(row.deployment, '—')}; "
            f"B: {statuses[1].get(row.deployment, '—')}",
        )
        for row in union.key
    ]
    return briefs[0], briefs[1], key, union.sources


def render_comparison(
    dataset: Dataset,
    before: View,
    after: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    options: SnapshotOptions | None = None,
) -> bytes:
    """Two dates side by side on one page (same extent, filters and layers as ``after``),
    each deployment with the same label on both maps, the key and sources below."""
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown snapshot format {fmt!r}; use one of {STATIC_FORMATS}")
    options = options or SnapshotOptions()
    dpi = options.dpi or 150
    width_in = (options.width_px or 1600) / dpi
    panel_w = width_in * 0.47
    title = options.title or (
        f"Air and missile defense: {before.date:%d %B %Y} and {after.date:%d %B %Y}"
    )
    changes = deployment_changes(dataset, before.date, after.date, after.filters)
    summary = ", ".join(f"{n} {kind}" for kind, n in changes["change"].value_counts().items())
    with plt.rc_context(_RC):
        extent = _extent(options.bbox or view_bbox(after), borders, int(panel_w * dpi), aspect=0.8)
        brief_a, brief_b, key, sources = comparison_key(
            dataset, before, after, extent.crs, extent.bounds
        )
        map_h = panel_w * 0.8
        tall = Box(0, 0, 1e6, width_in * 0.96, 1e6)
        key_flow = flow.flow_table([tall], KEY_COLUMNS, _key_cells(key), KEY_WIDTHS, 7.5)
        items = [f"{n.number} {n.text()}" for n in sources]
        notes = flow.flow_list(
            [tall], items, 7.5, start=(0, key_flow.end[1] + 0.2), title="Sources"
        )
        shared = legend_sections(
            dataset, after, [brief_a.deployments, brief_b.deployments], [before.date, after.date]
        )
        handles, kinds = _handles(shared)
        legend_h = 0.2 + 0.17 * math.ceil(len(handles) / 6)
        below = notes.end[1] + 0.3
        height_in = 1.25 + map_h + 0.15 + legend_h + below
        figure = plt.figure(figsize=(width_in, height_in), dpi=dpi)
        bottom = (below + legend_h + 0.15) / height_in
        for i, (view, brief) in enumerate(((before, brief_a), (after, brief_b))):
            ax = figure.add_axes((0.02 + i * 0.49, bottom, 0.47, map_h / height_in))
            frame = as_of(dataset, view.date, view.filters)
            # One legend for both, under them, rather than one over each map.
            _draw_map(ax, dataset, view, frame, extent, brief, [], legend=False)
            ax.set_title(
                f"{'AB'[i]}: as of {view.date.isoformat()} · "
                f"{len(brief.deployments)} deployments in the frame",
                fontsize=10,
                loc="left",
            )
        subtitle = f"{describe_filters(after)} · from A to B: {summary or 'no changes'}"
        heading, _ = _heading(title, subtitle, width_in * 0.02, height_in - 0.2, width_in * 0.96)
        shift = 1e6 - below + 0.05
        text = [
            replace(p, x=p.x + width_in * 0.02, y=p.y - shift)
            for p in key_flow.placed + notes.placed
        ]
        flow.draw(figure, heading + text, height_in, width_in)
        key = figure.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.02, (below + legend_h) / height_in),
            ncol=6,
            fontsize=7,
            frameon=False,
        )
        for label, kind in zip(key.get_texts(), kinds, strict=True):
            label.set_weight("bold" if kind == "title" else "normal")
        return _save([figure], fmt, title, dpi)


@dataclass(frozen=True)
class ComparisonMaps:
    """Both dates' maps as pictures of their own (the PowerPoint slide), and one key."""

    figures: list[plt.Figure]  # A, B: maps only, labels, legend, scale bar, attribution
    briefs: tuple[Briefing, Briefing]
    key: list[KeyRow]
    sources: list
    title: str
    subtitle: str
    dpi: float


def comparison_maps(
    dataset: Dataset,
    before: View,
    after: View,
    borders: gpd.GeoDataFrame,
    options: SnapshotOptions | None = None,
    size_in: tuple[float, float] = (6.45, 5.2),
) -> ComparisonMaps:
    """The two maps of :func:`render_comparison`, each ``size_in`` inches, as figures."""
    options = options or SnapshotOptions()
    dpi = options.dpi or 144
    title = options.title or (
        f"Air and missile defense: {before.date:%d %B %Y} and {after.date:%d %B %Y}"
    )
    changes = deployment_changes(dataset, before.date, after.date, after.filters)
    summary = ", ".join(f"{n} {kind}" for kind, n in changes["change"].value_counts().items())
    with plt.rc_context(_RC):
        width, height = size_in
        extent = _extent(
            options.bbox or view_bbox(after), borders, int(width * dpi), aspect=height / width
        )
        brief_a, brief_b, key, sources = comparison_key(
            dataset, before, after, extent.crs, extent.bounds
        )
        result = []
        shared = legend_sections(
            dataset, after, [brief_a.deployments, brief_b.deployments], [before.date, after.date]
        )
        for view, brief in ((before, brief_a), (after, brief_b)):
            figure = plt.figure(figsize=size_in, dpi=dpi)
            ax = figure.add_axes((0, 0, 1, 1))
            frame = as_of(dataset, view.date, view.filters)
            # One legend, on B (the right-hand map), for both.
            _draw_map(ax, dataset, view, frame, extent, brief, shared, legend=view is after)
            result.append(figure)
    subtitle = f"{describe_filters(after)} · from A to B: {summary or 'no changes'}"
    return ComparisonMaps(result, (brief_a, brief_b), key, sources, title, subtitle, dpi)


def png_bytes(figure: plt.Figure, dpi: float) -> bytes:
    """One figure as PNG (and closed)."""
    with plt.rc_context(_RC):
        return _save([figure], "png", "", dpi)
