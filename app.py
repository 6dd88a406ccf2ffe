"""adatlas dashboard — the map page. Thin: widgets, library calls, one render."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from adatlas import assets
from adatlas.borders import load_borders
from adatlas.dataset import DatasetError, default_data_dir, load_dataset
from adatlas.query import as_of
from adatlas.tables import deployment_table
from adatlas.webmap import base_map, borders_collection, overlays
from adatlas.webmap.build import MAX_RINGS, rings_hidden
from ui.sidebar import remember_map_position, view_controls

STATIC = Path(__file__).parent / "static"

st.set_page_config(page_title="adatlas — air-defense atlas", layout="wide")


@st.cache_resource
def _dataset(root: str):
    """Load and validate once per process; write the static files the map loads."""
    assets.install_static(STATIC)
    dataset, borders = load_dataset(root), load_borders(root)
    return dataset, assets.install_json(STATIC, "borders", borders_collection(borders))


try:
    dataset, borders_url = _dataset(str(default_data_dir()))
except DatasetError as exc:
    st.error("The dataset has problems; fix them and reload (run `adatlas validate`).")
    st.code("\n".join(str(p) for p in exc.problems))
    st.stop()

view, start = view_controls(dataset)
frame = as_of(dataset, view.date, view.filters)
st.title(f"Air and missile defense as of {view.date:%d %B %Y}")
st.caption(f"{len(frame)} deployments shown · dataset: {dataset.summary()}")
if rings_hidden(len(frame), view):
    st.info(f"Range rings are hidden above {MAX_RINGS:,} deployments; filter to see them.")
state = st_folium(
    base_map(start, dataset.groups, borders_url=borders_url),
    key="map",
    center=view.center,
    zoom=view.zoom,
    feature_group_to_add=overlays(dataset, view),
    height=640,
    use_container_width=True,
    returned_objects=["center", "zoom"],
)
remember_map_position(state)
with st.expander(f"Deployments on the map ({len(frame)})"):
    st.dataframe(deployment_table(frame), hide_index=True, use_container_width=True)
