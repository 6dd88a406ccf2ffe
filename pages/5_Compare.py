"""Compare: two dates side by side on synchronised maps, with what changed between them."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from adatlas.changes import deployment_changes, membership_changes
from adatlas.legend import legend_sections
from adatlas.query import as_of
from adatlas.snapshot import SNAPSHOT_MEDIA_TYPES, render_comparison, render_comparison_pptx
from adatlas.tables import change_table, membership_change_table
from adatlas.webmap import base_map, overlays
from adatlas.webmap.legend_control import legend_html
from ui.data import dataset, on_disk
from ui.links import CITATION_LINK
from ui.sidebar import earlier_date_input, view_controls

st.set_page_config(page_title="adatlas — compare", layout="wide")
data = dataset()
view, base_view = view_controls(data)
files = on_disk()
st.title("Compare two dates")
before_day = earlier_date_input("A: compare with", "compare_before", view)
before, after = replace(view, date=before_day), view
st.caption(
    f"A: {before.date:%d %B %Y} (left) · B: {after.date:%d %B %Y} (right, the sidebar "
    "date). Pan or zoom either map; the other follows."
)

position = st.session_state.setdefault("compare_position", (view.center, view.zoom))
left, right = st.columns(2)
reports = {}
for column, key, shown in ((left, "compare_a", before), (right, "compare_b", after)):
    with column:
        reports[key] = st_folium(
            base_map(base_view, border_files=files.border_files),
            key=key,
            center=position[0],
            zoom=position[1],
            feature_group_to_add=overlays(data, shown, citation_link=CITATION_LINK, legend=None),
            height=480,
            use_container_width=True,
            returned_objects=["center", "zoom"],
        )
# Follow whichever map reported a new position (each keeps reporting its last one).
for key, report in reports.items():
    if not report or not report.get("center") or report.get("zoom") is None:
        continue
    reported = (
        (round(report["center"]["lat"], 4), round(report["center"]["lng"], 4)),
        int(report["zoom"]),
    )
    if reported != st.session_state.get(f"{key}_last"):
        st.session_state[f"{key}_last"] = reported
        if reported != position:
            st.session_state["compare_position"] = reported
            st.rerun()

# One legend for both maps, beside them rather than over either.
frames = [as_of(data, v.date, v.filters) for v in (before, after)]
st.html(legend_html(legend_sections(data, view, frames, [before.date, after.date]), inline=True))
changes = deployment_changes(data, before.date, after.date, view.filters)
st.subheader(f"What changed from A to B ({len(changes)})")
st.dataframe(change_table(changes), hide_index=True, width="stretch")
st.dataframe(
    membership_change_table(membership_changes(data, before.date, after.date)),
    hide_index=True,
    width="stretch",
)
stem = f"adatlas-{before.date.isoformat()}-vs-{after.date.isoformat()}"
downloads = {
    "png": lambda: render_comparison(data, before, after, files.borders, "png"),
    "pdf": lambda: render_comparison(data, before, after, files.borders, "pdf"),
    "pptx": lambda: render_comparison_pptx(data, before, after, files.borders),
}
for column, (fmt, make) in zip(st.columns(len(downloads)), downloads.items(), strict=True):
    column.download_button(
        f"Two dates, {fmt.upper()}",
        data=make,
        file_name=f"{stem}.{fmt}",
        mime=SNAPSHOT_MEDIA_TYPES[fmt],
        key=f"compare_{fmt}",
        width="stretch",
    )
