"""The floor under the dashboard's first paint: a bare Streamlit page with one ``st_folium`` map.

Local Leaflet (as the dashboard has it), one country polygon and one marker with the classes the
paint probe waits for, no data, no sidebar. ``bench/browser.py`` times it exactly as it times the
dashboard, in the same run: what this page takes, Streamlit, Chromium and this machine take.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from adatlas import assets
from adatlas.webmap.layers import StyledGeoJson, collection, feature
from adatlas.webmap.offline import offline_map_class

assets.install_static(Path(__file__).resolve().parent / "static")  # served beside this script
st.set_page_config(page_title="bare page", layout="wide")
fmap = offline_map_class()(location=[53.9, 27.6], zoom_start=5, tiles=None)
square = [[[23.0, 51.0], [32.0, 51.0], [32.0, 56.0], [23.0, 56.0], [23.0, 51.0]]]
shapes = [
    feature({"type": "Polygon", "coordinates": square}, className="adatlas-country"),
    feature({"type": "Point", "coordinates": [27.6, 53.9]}, className="adatlas-deployment"),
]
StyledGeoJson(collection(shapes), "Bare").add_to(fmap)
st_folium(fmap, key="map", height=640, use_container_width=True, returned_objects=[])
