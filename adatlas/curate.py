"""Curating a new source: an article, one excerpt, and the records citing it.

A draft becomes files in the dataset format (:func:`draft_files`), is checked with the same
validator as everything else (:func:`adatlas.upload.merge_uploads`), and is saved into a user's
own dataset directory (:func:`save_to_dataset`): previous files are backed up first, every write
is atomic, and nothing is written if the draft has any problem. The shipped dataset in the
repository is never written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from adatlas.articles import normalise_text
from adatlas.dataset import REPOSITORY_ROOT
from adatlas.exports import write_atomic
from adatlas.problems import Problem
from adatlas.reader import RawDataset, Row, read_dataset
from adatlas.schema import TABLES
from adatlas.upload import UploadResult, merge_uploads


class CurationError(Exception):
    """A draft that cannot be saved, with a message for the user."""


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


def _with_updates(raw: RawDataset, draft: Draft) -> RawDataset:
    """``raw`` with the draft's deployment updates applied in memory (line numbers kept)."""
    table = raw.tables["deployments"]
    rows = []
    for row in table.rows:
        update = draft.updates.get(row.get("id"))
        rows.append(Row(row.line, {**row.values, **update}, row.path) if update else row)
    table.rows = rows
    for column in {k for update in draft.updates.values() for k in update}:
        if column not in table.columns:
            table.columns.append(column)
    return raw


def check(root: Path | str, draft: Draft) -> UploadResult:
    """Validate the draft as an addition to the dataset at ``root`` (nothing is written)."""
    raw = _with_updates(read_dataset(root), draft)
    unknown = [
        i for i in draft.updates if i not in {r.get("id") for r in raw.tables["deployments"].rows}
    ]
    result = merge_uploads(raw, draft_files(draft))
    if unknown:
        missing = [Problem("draft", 0, i, "no such deployment to update") for i in unknown]
        return UploadResult(None, missing + result.problems, result.added)
    return result


def zip_bytes(draft: Draft) -> bytes:
    """The draft's files in a zip, for users who keep their data elsewhere."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in draft_files(draft):
            folder = "articles" if name.endswith(".md") else "geodata"
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()


def _appended(existing: bytes, addition: bytes) -> bytes:
    """``addition``'s rows appended under ``existing``'s header (columns matched by name).

    Values for columns the existing file lacks would be lost, so that is refused.
    """
    header = next(csv.reader(io.StringIO(existing.decode("utf-8-sig"))))
    rows = list(csv.DictReader(io.StringIO(addition.decode("utf-8"))))
    missing = {k for row in rows for k, v in row.items() if v and k not in header}
    if missing:
        raise CurationError(f"the existing file has no column(s) {', '.join(sorted(missing))}")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[h.strip() for h in header], lineterminator="\n")
    writer.writerows([{h.strip(): row.get(h.strip(), "") for h in header} for row in rows])
    text = existing.decode("utf-8-sig")
    separator = "" if text.endswith("\n") else "\n"
    return (text + separator + buffer.getvalue()).encode("utf-8")


def _rewritten(existing: bytes, updates: dict[str, dict[str, str]]) -> bytes:
    """The CSV with the rows whose ``id`` is updated replaced; other rows are kept as read."""
    reader = csv.DictReader(io.StringIO(existing.decode("utf-8-sig"), newline=""))
    header = list(reader.fieldnames or [])
    missing = {k for u in updates.values() for k, v in u.items() if v and k not in header}
    if missing:
        raise CurationError(f"the existing file has no column(s) {', '.join(sorted(missing))}")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        update = updates.get((row.get("id") or "").strip(), {})
        writer.writerow({k: update.get(k, v) for k, v in row.items() if k in header})
    return buffer.getvalue().encode("utf-8")


def save_to_dataset(root: Path | str, draft: Draft) -> Path:
    """Append the draft to the dataset at ``root``; return the backup directory.

    Raises :class:`CurationError` (and writes nothing) if ``root`` is the shipped dataset or the
    draft has any problem.
    """
    root = Path(root).resolve()
    if root == REPOSITORY_ROOT.resolve():
        raise CurationError(
            "the shipped dataset is never modified from the dashboard; set ADATLAS_DATA to your "
            "own dataset directory (a copy of geodata/ and articles/)"
        )
    result = check(root, draft)
    if result.problems:
        raise CurationError(f"{len(result.problems)} problem(s); nothing was written")
    article_path = root / "articles" / f"{draft.article.id}.md"
    if article_path.exists():
        raise CurationError(f"article {draft.article.id!r} exists; choose another id")

    writes: dict[Path, bytes] = {article_path: draft.article.file_text().encode("utf-8")}
    if draft.updates:
        target = root / "geodata" / "deployments.csv"
        writes[target] = _rewritten(target.read_bytes(), draft.updates)
    for name, data in draft_files(draft):
        if name.endswith(".csv"):
            target = root / "geodata" / name
            writes[target] = _appended(writes.get(target) or target.read_bytes(), data)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = root / "backups" / stamp
    for target in writes:
        if target.exists():
            copy = backup / target.relative_to(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, copy)
    for target, data in writes.items():
        write_atomic(target, data, force=True)
    return backup
