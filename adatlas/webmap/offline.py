"""A folium Map whose scripts and styles come from local URLs instead of CDNs.

folium's default Map pulls Leaflet, jQuery, Bootstrap and awesome-markers from CDNs; we use
only Leaflet (markers are circle markers and div icons, which need no icon fonts).
"""

from __future__ import annotations

import folium

from adatlas import assets
from adatlas.webmap.rendering import RenderedText, RenderOnce


def offline_map_class(base: str = assets.STREAMLIT_STATIC_URL) -> type[folium.Map]:
    """A ``folium.Map`` subclass loading Leaflet from ``base`` (a URL prefix)."""

    class OfflineMap(folium.Map, RenderOnce):
        default_js = [("leaflet", assets.url(*assets.LEAFLET_JS, base=base))]
        default_css = [("leaflet_css", assets.url(*assets.LEAFLET_CSS, base=base))]

    return OfflineMap


def inline_map_class() -> type[folium.Map]:
    """A ``folium.Map`` that links nothing: Leaflet is inlined into the page's header."""

    class InlineMap(folium.Map, RenderOnce):
        default_js: list[tuple[str, str]] = []
        default_css: list[tuple[str, str]] = []

        def render(self, **kwargs) -> None:
            css, js = assets.inline_leaflet()
            header = self.get_root().header
            header.add_child(RenderedText(f"<style>{css}</style>"), name="leaflet_css", index=0)
            header.add_child(RenderedText(f"<script>{js}</script>"), name="leaflet_js", index=1)
            super().render(**kwargs)

    return InlineMap
