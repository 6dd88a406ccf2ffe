"""adatlas dashboard — the entry point: page navigation only; each page is in `pages/`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.library_import import import_library

import_library()  # before any page imports the library, one thread at a time
PAGES = Path(__file__).resolve().parent / "pages"

navigation = st.navigation(
    [
        st.Page(PAGES / "0_Map.py", title="Map", default=True),
        st.Page(PAGES / "1_Timeline.py", title="Timeline", url_path="Timeline"),
        st.Page(PAGES / "2_Sources.py", title="Sources", url_path="Sources"),
        st.Page(PAGES / "3_Data.py", title="Data", url_path="Data"),
        st.Page(PAGES / "4_Analysis.py", title="Analysis", url_path="Analysis"),
        st.Page(PAGES / "5_Compare.py", title="Compare", url_path="Compare"),
        st.Page(PAGES / "6_Curate.py", title="Curate", url_path="Curate"),
    ]
)
navigation.run()
