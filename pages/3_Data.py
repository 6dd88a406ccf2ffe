"""Data: the records as of the date and filters, their history, downloads and uploads."""

from __future__ import annotations

import streamlit as st

from adatlas.exports import FORMATS, MEDIA_TYPES, export
from adatlas.query import as_of, status_history
from adatlas.tables import deployment_table, readable
from adatlas.upload import MAX_UPLOAD_BYTES, merge_uploads
from ui.data import dataset, on_disk
from ui.links import CITATION_LINK
from ui.problems import show_problems
from ui.sidebar import view_controls

st.set_page_config(page_title="adatlas — data", layout="wide")
data = dataset()
view, _ = view_controls(data, layers=False)
frame = as_of(data, view.date, view.filters)
st.title(f"Records as of {view.date:%d %B %Y}")
st.caption(f"{len(frame)} deployments match the date and filters")
st.dataframe(
    deployment_table(frame, CITATION_LINK),
    hide_index=True,
    width="stretch",
    column_config={"Source": st.column_config.LinkColumn("Source", display_text="excerpt")},
)

if len(frame):
    chosen = st.selectbox(
        "Status history of",
        list(frame["id"]),
        key="history_of",
        format_func=lambda i: f"{frame.loc[i, 'name']} ({i})",
    )
    history = status_history(data, chosen)
    st.dataframe(
        readable(
            history.assign(citations=history["citations"].map(", ".join)),
            {"date": "Date", "status": "Status", "citations": "Citations"},
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader("Download exactly this view")
stem = f"adatlas-{view.date.isoformat()}"
columns = st.columns(len(FORMATS))
for column, fmt in zip(columns, FORMATS, strict=True):
    column.download_button(
        f"{fmt.upper()}",
        data=lambda fmt=fmt: export(data, frame, fmt, on_disk().borders),
        file_name=f"{stem}.{fmt}",
        mime=MEDIA_TYPES[fmt],
        key=f"download_{fmt}",
        width="stretch",
    )

st.subheader("Add your own records (this session only)")
st.caption(
    "CSV files named like the dataset's (deployments.csv, status.csv, citations.csv, …), "
    "deployments as .geojson, articles as <article-id>.md. They are checked with the same "
    f"validator; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB each. Nothing is written to disk."
)
uploads = st.file_uploader(
    "Upload records",
    type=["csv", "geojson", "json", "md"],
    accept_multiple_files=True,
    key="uploads",
)
if uploads and st.button("Check and add", key="check_uploads"):
    result = merge_uploads(on_disk().raw, [(f.name, f.getvalue()) for f in uploads])
    if result.problems:
        st.error(f"{len(result.problems)} problem(s); nothing was added.")
        show_problems(result.problems)
    else:
        st.session_state["user_dataset"] = result.dataset
        added = ", ".join(f"{n} {table}" for table, n in result.added.items())
        st.session_state["upload_message"] = (
            f"Added {added} to this session; every page shows them."
        )
        st.rerun()
if message := st.session_state.pop("upload_message", None):
    st.success(message)
if "user_dataset" in st.session_state:
    st.info("This session includes your uploaded records.")
    if st.button("Remove my uploaded records", key="clear_uploads"):
        del st.session_state["user_dataset"]
        st.rerun()
