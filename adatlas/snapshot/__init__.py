"""Snapshots of a view: static PNG/SVG/PDF (matplotlib), PowerPoint and offline HTML.

The renderers load on first use (:func:`__getattr__`): matplotlib, python-pptx and folium take
over a second to import, and the CLI needs none of them to check its arguments.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from adatlas.snapshot.extent import parse_bbox, view_bbox
from adatlas.snapshot.formats import (
    LAYOUTS,
    PAPERS,
    SNAPSHOT_FORMATS,
    SNAPSHOT_MEDIA_TYPES,
    STATIC_FORMATS,
)

if TYPE_CHECKING:
    import geopandas as gpd

    from adatlas.dataset import Dataset
    from adatlas.snapshot.static import SnapshotOptions
    from adatlas.view import View

_LAZY = {
    "SnapshotOptions": "adatlas.snapshot.static",
    "render_static": "adatlas.snapshot.static",
    "render_comparison": "adatlas.snapshot.static",
    "render_pptx": "adatlas.snapshot.deck",
    "render_comparison_pptx": "adatlas.snapshot.deck",
    "render_html": "adatlas.snapshot.html",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def snapshot_bytes(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    fmt: str,
    title: str | None = None,
    options: SnapshotOptions | None = None,
) -> bytes:
    """The snapshot of ``view`` in ``fmt`` (one of :data:`SNAPSHOT_FORMATS`)."""
    from adatlas.snapshot.static import SnapshotOptions, render_static

    if fmt == "html":
        from adatlas.snapshot.html import render_html

        return render_html(dataset, view, borders, title=title)
    options = options or SnapshotOptions()
    options = replace(options, title=title or options.title)
    if fmt == "pptx":
        from adatlas.snapshot.deck import render_pptx

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
