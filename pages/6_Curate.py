"""Curate: add a new article, an excerpt and the record citing it, without editing CSV."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from adatlas.curate import ArticleDraft, Draft, curation_enabled, excerpt_in_body
from adatlas.dataset import REPOSITORY_ROOT, default_location
from adatlas.db import is_database_url
from ui.curate_form import RECORD_FORMS, UPDATE, check_and_save, location_picker
from ui.data import dataset, on_disk, reading_store
from ui.review_panel import review_panel
from ui.sidebar import view_controls
from ui.team_sign_in import sign_in_panel


def draft_form(data, base_view, root, can_save: bool, writer) -> None:
    """Sections 1-4: the article, the excerpt, the record, and the check (and save)."""
    st.subheader("1. The article")
    cols = st.columns(3)
    article_id = cols[0].text_input("Article id (file name)", key="cur_article_id")
    title = cols[1].text_input("Title", key="cur_title")
    publisher = cols[2].text_input("Publisher", key="cur_publisher")
    cols = st.columns(3)
    date = cols[0].text_input("Publication date (YYYY[-MM[-DD]])", key="cur_date")
    url = cols[1].text_input("URL", key="cur_url")
    language = cols[2].text_input("Language", value="en", key="cur_language")
    text_kind = st.radio("The text below is", ["full", "excerpts"], horizontal=True, key="cur_text")
    uploaded = st.file_uploader("…or upload it (.txt, .md)", type=["txt", "md"], key="cur_file")
    if uploaded is not None and st.session_state.get("cur_file_seen") != uploaded.file_id:
        st.session_state["cur_file_seen"] = uploaded.file_id
        st.session_state["cur_body"] = uploaded.getvalue().decode("utf-8", errors="replace")
    body = st.text_area("Article text (paste)", height=180, key="cur_body")

    st.subheader("2. The excerpt you cite")
    excerpt = st.text_area("Excerpt, copied verbatim from the text", height=70, key="cur_excerpt")
    if excerpt:
        if excerpt_in_body(excerpt, body):
            st.success("The excerpt appears in the article.")
        else:
            st.error("The excerpt does not appear in the article text.")

    st.subheader("3. The record it supports")
    kind = st.radio("Record", list(RECORD_FORMS), key="cur_kind")
    citation_id = f"{article_id}-1" if article_id else ""
    rows = RECORD_FORMS[kind](data, citation_id)
    location_picker(data, base_view, on_disk().border_files)

    draft = Draft(
        ArticleDraft(article_id, title, publisher, date, url, language, body, text_kind),
        {citation_id: excerpt} if citation_id else {},
    )
    for table, new_rows in rows.items():
        for row in new_rows:
            if table == UPDATE:
                draft.update_deployment(row)
            else:
                draft.add(table, row)

    st.subheader("4. Check and save")
    check_and_save(root, draft, can_save, writer or reading_store())


st.set_page_config(page_title="adatlas — curate", layout="wide")
data = dataset()
view, base_view = view_controls(data, layers=False)
location = default_location()
team_store = is_database_url(location)
root = location if team_store else Path(location).resolve()
st.title("Curate a new source")
if team_store:
    writer, roles = sign_in_panel(location)  # the signed-in user's store: the database decides
    can_save = writer is not None
    if writer is None:
        st.info(
            "This dashboard reads a team store. Sign in with your own database user to propose "
            "records and, as a reviewer, to approve them; until then you can check a draft and "
            "download its rows."
        )
        draft_form(data, base_view, root, can_save, None)
    else:
        propose, review_tab = st.tabs(["Propose", "Review"])
        with propose:
            draft_form(data, base_view, root, can_save, writer)
        with review_tab:
            review_panel(writer, roles)
else:
    can_save = curation_enabled() and root != REPOSITORY_ROOT.resolve()
    if not can_save:
        st.info(
            "Saving is off. To save into your own dataset, start the dashboard with "
            "ADATLAS_DATA=/path/to/your/copy and ADATLAS_CURATE=1 (anyone who can open this "
            "page can then write to it; the shipped dataset is never modified here). "
            "You can still download the new rows."
        )
    draft_form(data, base_view, root, can_save, None)
