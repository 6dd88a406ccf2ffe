"""adatlas dashboard — the map page. Thin: widgets, one library call, one render."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from adatlas import assets
from adatlas.borders import load_borders
from adatlas.dataset import DatasetError, default_data_dir, load_dataset
from adatlas.legend import group_entries, status_entries
from adatlas.query import as_of
from adatlas.webmap import build_map
from ui.sidebar import view_controls

st.set_page_config(page_title="adatlas — air-defense atlas", layout="wide")


@st.cache_resource
def _static_files() -> None:
    assets.install_static(Path(__file__).parent / "static")


@st.cache_resource
def _dataset(root: str):
    return load_dataset(root), load_borders(root)


_static_files()
try:
    dataset, borders = _dataset(str(default_data_dir()))
except DatasetError as exc:
    st.error("The dataset has problems; fix them and reload (run `adatlas validate`).")
    st.code("\n".join(str(p) for p in exc.problems))
    st.stop()

view = view_controls(dataset)
frame = as_of(dataset, view.date, view.filters)
st.title(f"Air and missile defense as of {view.date:%d %B %Y}")
st.caption(f"{len(frame)} deployments shown · dataset: {dataset.summary()}")
st_folium(
    build_map(dataset, view, borders),
    key="map",
    height=640,
    use_container_width=True,
    returned_objects=[],
)
with st.expander("Legend", expanded=True):
    cols = st.columns(2)
    cols[0].markdown(
        "\n".join(f"- :{'gray'}[●] **{label}** ({color})" for _, label, color in status_entries())
    )
    cols[1].markdown(
        "\n".join(f"- **{label}** ({color})" for _, label, color in group_entries(dataset.groups))
    )
