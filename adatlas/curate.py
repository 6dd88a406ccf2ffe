"""Curating a new source: an article, one excerpt, and the records citing it.

A draft becomes files in the dataset format (:func:`draft_files`), then a
:class:`~adatlas.change.Change` checked with the same validator as everything else
(:func:`check`), and is saved into a user's own dataset through the one write path
(:func:`save_to_dataset`, :mod:`adatlas.store`): locked, re-validated, backed up, atomic, and
nothing written if the draft has any problem. The shipped dataset in the repository is never
written from here, and the dashboard saves only when :func:`curation_enabled`.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from adatlas.articles import normalise_text
from adatlas.change import Change, read_files
from adatlas.dataset import REPOSITORY_ROOT
from adatlas.problems import Problem
from adatlas.schema import TABLES
from adatlas.store import Applied, Store, open_store

CURATE_ENV = "ADATLAS_CURATE"


def curation_enabled() -> bool:
    """Whether the dashboard may write: ``ADATLAS_CURATE=1`` beside ``ADATLAS_DATA``.

    Anyone who can reach the page can press Save, so writing is an explicit opt-in.
    """
    return os.environ.get(CURATE_ENV, "").strip() == "1" and bool(
        os.environ.get("ADATLAS_DATA", "").strip()
    )


@dataclass(frozen=True)
class ArticleDraft:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    language: str
    body: str
    text: str = "full"

    def file_text(self) -> str:
        meta = {
            "title": self.title, "publisher": self.publisher, "date": self.date,
            "url": self.url, "language": self.language, "text": self.text,
        }  # fmt: skip
        lines = ["---", *(f"{k}: {' '.join(v.split())}" for k, v in meta.items()), "---"]
        return "\n".join(lines) + "\n" + self.body.strip() + "\n"


@dataclass
class Draft:
    """An article, its excerpts (citation id → text) and new rows per table."""

    article: ArticleDraft
    citations: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    updates: dict[str, dict[str, str]] = field(default_factory=dict)  # deployment id → new values

    def add(self, table: str, row: dict[str, str]) -> None:
        self.rows.setdefault(table, []).append({k: str(v) for k, v in row.items()})

    def update_deployment(self, values: dict[str, str]) -> None:
        """Replace fields of an existing deployment (``values["id"]`` names it)."""
        self.updates[values["id"]] = {k: str(v) for k, v in values.items()}


def excerpt_in_body(excerpt: str, body: str) -> bool:
    """Whether the excerpt appears in the body, compared as the validator compares."""
    return bool(excerpt.strip()) and normalise_text(excerpt) in normalise_text(body)


def _csv(table: str, rows: list[dict[str, str]]) -> bytes:
    known = [c.name for c in TABLES[table].columns]
    extra = [k for row in rows for k in row if k not in known]
    columns = known + list(dict.fromkeys(extra))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{c: row.get(c, "") for c in columns} for row in rows])
    return buffer.getvalue().encode("utf-8")


def draft_files(draft: Draft) -> list[tuple[str, bytes]]:
    """The draft as (file name, bytes): ``<article>.md`` and one CSV per table with rows."""
    files = [(f"{draft.article.id}.md", draft.article.file_text().encode("utf-8"))]
    citation_rows = [
        {"id": cid, "article": draft.article.id, "excerpt": text}
        for cid, text in draft.citations.items()
    ]
    if citation_rows:
        files.append(("citations.csv", _csv("citations", citation_rows)))
    for table, rows in draft.rows.items():
        files.append((f"{table}.csv", _csv(table, rows)))
    return files


def draft_change(draft: Draft) -> tuple[Change, list[Problem]]:
    """The draft as a :class:`Change` (its files read as any upload is), and reading problems."""
    change, problems = read_files(draft_files(draft), prefix="draft:")
    if draft.updates:
        change.updates["deployments"] = dict(draft.updates)
    return change, problems


def check(root: Path | str, draft: Draft, store: Store | None = None) -> Applied:
    """Validate the draft as an addition to the dataset at ``root`` (nothing is written);
    ``store``, if given, is that dataset's store already open (a team store's connection)."""
    change, problems = draft_change(draft)
    result = (store or open_store(root)).apply(change, dry_run=True)
    return Applied(sorted(set(problems + result.problems)), result.added, dry_run=True)


def zip_bytes(draft: Draft) -> bytes:
    """The draft's files in a zip, for users who keep their data elsewhere."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in draft_files(draft):
            folder = "articles" if name.endswith(".md") else "geodata"
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()


def save_to_dataset(root: Path | str, draft: Draft, store: Store | None = None) -> Applied:
    """Write the draft into the dataset at ``root`` through :meth:`adatlas.store.Store.apply`
    (of ``store`` if given: on a team store, the signed-in user's connection, so that the
    database's grants decide).

    Returns its outcome: the problems (nothing written), or what was written and the backup.
    The shipped dataset is refused.
    """
    if Path(root).resolve() == REPOSITORY_ROOT.resolve():
        message = (
            "the shipped dataset is never modified from the dashboard; set ADATLAS_DATA to your "
            "own dataset directory (a copy of geodata/ and articles/)"
        )
        return Applied([Problem(str(root), 0, "", message)], {})
    change, problems = draft_change(draft)
    if problems:
        return Applied(problems, change.added)
    return (store or open_store(root)).apply(change)
