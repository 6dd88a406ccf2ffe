"""The map page (the start page): widgets, library calls, one render."""

from __future__ import annotations

import streamlit as st

from adatlas.query import as_of
from adatlas.snapshot import (
    LAYOUTS,
    PAPERS,
    SNAPSHOT_FORMATS,
    SNAPSHOT_MEDIA_TYPES,
    SnapshotOptions,
    snapshot_bytes,
)
from adatlas.snapshot.text import default_title
from adatlas.tables import deployment_table
from adatlas.webmap.build import MAX_RINGS, rings_hidden
from ui.data import dataset, on_disk
from ui.links import CITATION_LINK
from ui.mapview import render_map
from ui.sidebar import view_controls

st.set_page_config(page_title="adatlas — air-defense atlas", layout="wide")

data = dataset()
view, base_view = view_controls(data)
frame = as_of(data, view.date, view.filters)
st.title(f"Air and missile defense as of {view.date:%d %B %Y}")
st.caption(f"{len(frame)} deployments shown · dataset: {data.summary()}")
if rings_hidden(len(frame), view):
    st.info(f"Range rings are hidden above {MAX_RINGS:,} deployments; filter to see them.")
render_map(data, view, base_view, on_disk().border_files, frame=frame)
# Filled only when opened: the table's scripts would delay the map's first paint.
table = st.expander(
    f"Deployments on the map ({len(frame)})", key="deployments_table", on_change="rerun"
)
if table.open:
    table.dataframe(
        deployment_table(frame, CITATION_LINK),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="excerpt")},
    )

st.subheader("Snapshot for a briefing")
title = st.text_input("Title (optional)", key="snapshot_title", placeholder=default_title(view))
layout_column, paper_column = st.columns([3, 1])
layout = layout_column.radio(
    "Layout",
    LAYOUTS,
    horizontal=True,
    key="snapshot_layout",
    help="slide: 16:9, 1920 × 1080 px; page: landscape paper for print, the key continuing on "
    "further pages of the PDF; poster: one tall image with everything",
)
paper = paper_column.selectbox("Paper (page)", list(PAPERS), key="snapshot_paper")
options = SnapshotOptions(title or None, layout=layout, paper=paper)
stem = f"adatlas-{view.date.isoformat()}"
for column, fmt in zip(st.columns(len(SNAPSHOT_FORMATS)), SNAPSHOT_FORMATS, strict=True):
    column.download_button(
        fmt.upper(),
        data=lambda fmt=fmt: snapshot_bytes(data, view, on_disk().borders, fmt, options=options),
        file_name=f"{stem}.{fmt}",
        mime=SNAPSHOT_MEDIA_TYPES[fmt],
        key=f"snapshot_{fmt}",
        width="stretch",
    )
