"""Rendering a view as an interactive map (shared by the map and timeline pages)."""

from __future__ import annotations

import geopandas as gpd
from streamlit_folium import st_folium

from adatlas.dataset import Dataset
from adatlas.view import View
from adatlas.webmap import base_map, overlays
from adatlas.webmap.countries import BorderFiles
from ui.links import CITATION_LINK
from ui.sidebar import remember_map_position


def render_map(
    dataset: Dataset,
    view: View,
    base_view: View,
    border_files: BorderFiles,
    key: str = "map",
    height: int = 640,
    remember_position: bool = True,
    legend: str = "open",
    frame: gpd.GeoDataFrame | None = None,
) -> None:
    """The base map stays the same across reruns; only the view's overlays are re-sent.

    ``legend`` is ``"open"`` or ``"collapsed"`` (small maps); ``frame`` is the view's as-of
    frame if the page has it already."""
    state = st_folium(
        base_map(base_view, border_files=border_files),
        key=key,
        center=view.center,
        zoom=view.zoom,
        feature_group_to_add=overlays(
            dataset, view, citation_link=CITATION_LINK, legend=legend, frame=frame
        ),
        height=height,
        use_container_width=True,
        returned_objects=["center", "zoom"] if remember_position else [],
    )
    if remember_position:
        remember_map_position(state)
