"""Sources: articles, the records citing them, excerpts highlighted in place, and search."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from adatlas.articles import _QUOTES
from adatlas.dataset import Dataset

_SPACE = re.compile(r"\s+")


def citing_records(dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Citation id → [(table, record id)] of every record citing it."""
    cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for table, frame, key in (
        ("systems", dataset.systems, "id"),
        ("events", dataset.events, "id"),
    ):
        for record, citations in zip(frame[key], frame["citations"], strict=True):
            for citation in citations:
                cited[citation].append((table, record))
    for deployment, citations in zip(
        [*dataset.status["deployment"], *dataset.confirmed["deployment"]],
        [*dataset.status["citations"], *dataset.confirmed["citations"]],
        strict=True,
    ):
        for citation in citations:
            if ("deployments", deployment) not in cited[citation]:
                cited[citation].append(("deployments", deployment))
    for group, country, citations in zip(
        dataset.memberships["group"],
        dataset.memberships["country"],
        dataset.memberships["citations"],
        strict=True,
    ):
        for citation in citations:
            cited[citation].append(("memberships", f"{group}/{country}"))
    return dict(cited)


def article_table(dataset: Dataset) -> pd.DataFrame:
    """One row per article: metadata, number of citations and of records citing it."""
    cited = citing_records(dataset)
    by_article = dataset.citations.groupby("article")["id"].agg(list)
    rows = []
    for article_id, article in dataset.articles.iterrows():
        citation_ids = by_article.get(article_id, [])
        records = {r for c in citation_ids for r in cited.get(c, [])}
        rows.append(
            {
                "id": article_id,
                "title": article["title"],
                "publisher": article["publisher"],
                "date": article["date"],
                "source_kind": article["source_kind"],
                "language": article["language"],
                "url": article["url"],
                "text": article["text"],
                "citations": len(citation_ids),
                "records": len(records),
                "cited_by": ", ".join(f"{table}:{record}" for table, record in sorted(records)),
            }
        )
    return pd.DataFrame(rows).sort_values(["date", "publisher"], ignore_index=True)


@dataclass(frozen=True)
class Segment:
    text: str
    citations: tuple[str, ...] = ()  # citation ids whose excerpt covers this text


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """Text normalised as the validator does, with each character's index in ``text``."""
    chars, index = [], []
    previous_space = True
    for position, char in enumerate(text.translate(_QUOTES)):
        if char.isspace():
            if previous_space:
                continue
            chars.append(" ")
            previous_space = True
        else:
            chars.append(char)
            previous_space = False
        index.append(position)
    return "".join(chars), index


def highlight(body: str, excerpts: dict[str, str]) -> list[Segment]:
    """Split ``body`` into segments, marking where each excerpt (id → text) occurs.

    Matching ignores whitespace and quote-mark differences, like the validator.
    """
    normalised, index = _normalised_with_map(body)
    marks: list[set[str]] = [set() for _ in body]
    for citation_id, excerpt in excerpts.items():
        needle = _SPACE.sub(" ", excerpt.translate(_QUOTES)).strip()
        start = normalised.find(needle)
        if start < 0 or not needle:
            continue
        first, last = index[start], index[start + len(needle) - 1]
        for position in range(first, last + 1):
            marks[position].add(citation_id)
    segments: list[Segment] = []
    for char, mark in zip(body, marks, strict=True):
        key = tuple(sorted(mark))
        if segments and segments[-1].citations == key:
            segments[-1] = Segment(segments[-1].text + char, key)
        else:
            segments.append(Segment(char, key))
    return segments


def search(dataset: Dataset, query: str, limit: int = 200) -> pd.DataFrame:
    """Articles and excerpts containing ``query`` (case-insensitive), with a snippet."""
    needle = query.strip().casefold()
    columns = ["kind", "article", "citation", "title", "snippet"]
    if not needle:
        return pd.DataFrame(columns=columns)
    rows = []
    for citation_id, citation in dataset.citations.iterrows():
        if needle in citation["excerpt"].casefold():
            title = dataset.articles.loc[citation["article"], "title"]
            rows.append(("excerpt", citation["article"], citation_id, title, citation["excerpt"]))
    for article_id, article in dataset.articles.iterrows():
        haystack = f"{article['title']}\n{article['body']}"
        found = haystack.casefold().find(needle)
        if found >= 0:
            snippet = _SPACE.sub(" ", haystack[max(0, found - 80) : found + len(needle) + 80])
            rows.append(("article", article_id, "", article["title"], f"…{snippet}…"))
    return pd.DataFrame(rows[:limit], columns=columns)
