"""Snapshots of a view: static PNG/SVG/PDF (matplotlib) and standalone offline HTML."""

from dataclasses import replace

import geopandas as gpd

from adatlas.dataset import Dataset
from adatlas.snapshot.deck import MEDIA_TYPE as PPTX_MEDIA_TYPE
from adatlas.snapshot.deck import render_comparison_pptx, render_pptx
from adatlas.snapshot.extent import parse_bbox, view_bbox
from adatlas.snapshot.html import render_html
from adatlas.snapshot.static import (
    LAYOUTS,
    PAPERS,
    STATIC_FORMATS,
    SnapshotOptions,
    render_comparison,
    render_static,
)
from adatlas.view import View

SNAPSHOT_FORMATS = (*STATIC_FORMATS, "pptx", "html")
SNAPSHOT_MEDIA_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": PPTX_MEDIA_TYPE,
    "html": "text/html",
}


def snapshot_bytes(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    title: str | None = None,
    options: SnapshotOptions | None = None,
) -> bytes:
    """The snapshot of ``view`` in ``fmt`` (one of :data:`SNAPSHOT_FORMATS`)."""
    if fmt == "html":
        return render_html(dataset, view, borders, title=title)
    options = options or SnapshotOptions()
    options = replace(options, title=title or options.title)
    if fmt == "pptx":
        return render_pptx(dataset, view, borders, options)
    return render_static(dataset, view, borders, fmt, options)


__all__ = [
    "LAYOUTS",
    "PAPERS",
    "SNAPSHOT_FORMATS",
    "SNAPSHOT_MEDIA_TYPES",
    "STATIC_FORMATS",
    "SnapshotOptions",
    "parse_bbox",
    "render_comparison",
    "render_comparison_pptx",
    "render_html",
    "render_pptx",
    "render_static",
    "snapshot_bytes",
    "view_bbox",
]
