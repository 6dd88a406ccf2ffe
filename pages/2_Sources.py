"""Sources: every article, the records citing it, excerpts highlighted in place, search."""

from __future__ import annotations

import streamlit as st

from adatlas.sources import article_table, citing_records, highlight, search
from ui.data import dataset
from ui.sidebar import view_controls
from ui.sources_view import heading_html, highlighted_html
from ui.text import escape_markdown

st.set_page_config(page_title="adatlas — sources", layout="wide")
data = dataset()
view, _ = view_controls(data, layers=False, keep=("citation", "article"))
st.title("Sources")

cited = citing_records(data)
wanted_citation = st.query_params.get("citation", "")
if wanted_citation and wanted_citation not in data.citations.index:
    st.warning(escape_markdown(f"Unknown citation {wanted_citation!r}."))
    wanted_citation = ""
wanted_article = (
    data.citations.loc[wanted_citation, "article"]
    if wanted_citation
    else st.query_params.get("article", "")
)

query = st.text_input("Search articles and excerpts", key="source_search")
if query:
    found = search(data, query)
    st.caption(f"{len(found)} match(es)")
    st.dataframe(found, hide_index=True, width="stretch")

articles = article_table(data)
st.subheader(f"Articles ({len(articles)})")
st.dataframe(
    articles,
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("url")},
)

ids = list(articles["id"])
index = ids.index(wanted_article) if wanted_article in ids else 0
labels = dict(
    zip(
        articles["id"],
        articles["date"] + " · " + articles["publisher"] + " · " + articles["title"],
        strict=True,
    )
)
article_id = st.selectbox(
    "Read an article", ids, index=index, format_func=labels.get, key="source_article"
)
if article_id != wanted_article:
    st.query_params["article"] = article_id
    st.query_params.pop("citation", None)
article = data.articles.loc[article_id]
st.html(
    heading_html(
        article["title"],
        f"{article['publisher']} · {article['date']}"
        f" · {article['source_kind'] or 'source kind not stated'}"
        f" · language {article['language']}"
        f" · {'full text' if article['text'] == 'full' else 'excerpts only'}",
    )
)
if article["url"]:
    st.link_button("Original (online)", article["url"])
excerpts = data.citations[data.citations["article"] == article_id]
segments = highlight(article["body"], dict(zip(excerpts.index, excerpts["excerpt"], strict=True)))
st.html(highlighted_html(segments, focus=wanted_citation or None))

st.subheader("Cited excerpts and the records they support")
rows = [
    {
        "citation": cid,
        "excerpt": excerpt,
        "records": ", ".join(f"{table}:{record}" for table, record in cited.get(cid, [])),
    }
    for cid, excerpt in zip(excerpts.index, excerpts["excerpt"], strict=True)
]
st.dataframe(rows, hide_index=True, width="stretch")
