"""A standalone HTML snapshot: one file, every script and style inlined, opens from disk."""

from __future__ import annotations

import geopandas as gpd
from markupsafe import Markup, escape

from adatlas.dataset import Dataset
from adatlas.query import as_of
from adatlas.snapshot.text import default_title, describe_filters, source_list
from adatlas.view import View
from adatlas.webmap import build_map
from adatlas.webmap.rendering import RenderedText


def render_html(
    dataset: Dataset, view: View, borders: gpd.GeoDataFrame, title: str | None = None
) -> bytes:
    """The interactive map of ``view`` (popups, layer control) as a self-contained page."""
    fmap = build_map(dataset, view, borders, asset_base=None)
    frame = as_of(dataset, view.date, view.filters)
    heading = title or default_title(view)
    sources = "".join(
        str(Markup("<li>{}</li>").format(text)) for text in source_list(dataset, frame)
    )
    root = fmap.get_root()
    # As text: a folium.Element would parse the caption (the user's title) as a template.
    root.header.add_child(RenderedText(f"<title>{escape(heading)}</title>"))
    root.html.add_child(
        RenderedText(
            str(
                Markup(
                    '<div class="adatlas-caption" style="position:absolute;z-index:1000;top:8px;'
                    "left:60px;background:rgba(255,255,255,.9);padding:4px 8px;"
                    'font:13px sans-serif;border-radius:4px"><b>{}</b><br>As of {} · {}'
                    '<details><summary>Sources</summary><ol style="max-height:40vh;overflow:auto;'
                    'margin:0;padding-left:18px">'
                ).format(heading, view.date.isoformat(), describe_filters(view))
            )
            + sources
            + "</ol></details></div>"
        )
    )
    return root.render().encode("utf-8")
