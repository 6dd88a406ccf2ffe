"""Read a dataset directory (or in-memory files) into rows that remember their line numbers.

Reading never raises for a data mistake: what cannot be read becomes a :class:`Problem`.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from adatlas.articles import Article, ArticleFormatError, parse_article
from adatlas.problems import Problem
from adatlas.schema import ID_PATTERN, TABLES, Table

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    path: str | None = None  # set when the row came from another file than its table (uploads)

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


@dataclass
class RawTable:
    table: Table
    path: str
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class RawDataset:
    root: str
    tables: dict[str, RawTable]
    articles: dict[str, Article]
    article_paths: dict[str, str]
    problems: list[Problem]


def _decode(data: bytes, path: str, problems: list[Problem]) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        size_mb = len(data) / 1024 / 1024
        limit_mb = MAX_FILE_BYTES // 1024 // 1024
        problems.append(
            Problem(path, 1, "", f"file is {size_mb:.0f} MB, larger than the {limit_mb} MB limit")
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                "",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            )
        )
        return None


def parse_table(table: Table, data: bytes, path: str) -> tuple[RawTable, list[Problem]]:
    """Parse one CSV file's bytes into rows; structural problems are returned, not raised."""
    problems: list[Problem] = []
    raw = RawTable(table, path)
    text = _decode(data, path, problems)
    if text is None:
        return raw, problems
    if not text.strip():
        header = ",".join(c.name for c in table.columns)
        problems.append(
            Problem(path, 1, "", f"file is empty; it needs at least the header: {header}")
        )
        return raw, problems
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(path, line, "", "file contains a NUL byte; is it really CSV?"))
        return raw, problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(Problem(path, 1, "", f"malformed CSV header: {exc}"))
        return raw, problems
    raw.columns = [h.strip() for h in header]
    problems.extend(_check_header(table, raw.columns, path))
    previous_end = reader.line_num
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # blank line
            if len(cells) != len(raw.columns):
                problems.append(
                    Problem(
                        path,
                        start,
                        cells[0].strip() if cells else "",
                        f"has {len(cells)} fields but the header has {len(raw.columns)}"
                        ' (a comma inside a value needs "quotes")',
                    )
                )
                continue
            raw.rows.append(Row(start, dict(zip(raw.columns, cells, strict=True))))
    except csv.Error as exc:
        problems.append(Problem(path, previous_end + 1, "", f"malformed CSV: {exc}"))
    return raw, problems


def _check_header(table: Table, columns: list[str], path: str) -> list[Problem]:
    problems = []
    known = [c.name for c in table.columns]
    seen: set[str] = set()
    for name in columns:
        if not name:
            problems.append(Problem(path, 1, "", "header has an empty column name"))
        elif name in seen:
            problems.append(Problem(path, 1, "", f"column {name!r} appears twice in the header"))
        seen.add(name)
    for name in table.required:
        if name not in seen:
            problems.append(Problem(path, 1, "", f"missing required column {name!r}"))
    for name in columns:
        if name and name not in known:
            # Extra columns are allowed; one that looks like a misspelt known column is not.
            close = difflib.get_close_matches(name, [k for k in known if k not in seen], 1, 0.8)
            if close:
                problems.append(
                    Problem(path, 1, "", f"unknown column {name!r} (did you mean {close[0]!r}?)")
                )
    return problems


def read_article(article_id: str, data: bytes, path: str) -> tuple[Article | None, list[Problem]]:
    problems: list[Problem] = []
    text = _decode(data, path, problems)
    if text is None:
        return None, problems
    try:
        return parse_article(article_id, text), problems
    except ArticleFormatError as exc:
        problems.append(Problem(path, exc.line, article_id, str(exc)))
        return None, problems


def read_dataset(root: Path | str, overlay: Mapping[str, bytes] | None = None) -> RawDataset:
    """Read every table and article under ``root``; never raises for data mistakes.

    ``overlay`` maps relative paths (``geodata/status.csv``, ``articles/x.md``) to bytes read in
    place of the files: the dataset as it would be after a write, checked before writing it.
    """
    root = Path(root)
    overlay = overlay or {}
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    if not root.is_dir():
        problems.append(Problem(str(root), 0, "", "dataset directory does not exist"))
    for table in TABLES.values():
        file = root / table.file
        path = str(file)
        try:
            data = overlay[table.file] if table.file in overlay else file.read_bytes()
        except FileNotFoundError:
            if table.optional_file:
                tables[table.name] = RawTable(table, path, [c.name for c in table.columns])
                continue
            header = ",".join(c.name for c in table.columns)
            problems.append(Problem(path, 0, "", f"file is missing (header: {header})"))
            tables[table.name] = RawTable(table, path)
            continue
        except OSError as exc:
            problems.append(Problem(path, 0, "", f"cannot read file: {exc.strerror}"))
            tables[table.name] = RawTable(table, path)
            continue
        tables[table.name], found = parse_table(table, data, path)
        problems.extend(found)

    articles: dict[str, Article] = {}
    article_paths: dict[str, str] = {}
    article_dir = root / "articles"
    names = {f.name for f in article_dir.glob("*.md")} if article_dir.is_dir() else set()
    names |= {k.removeprefix("articles/") for k in overlay if k.startswith("articles/")}
    for name in sorted(names):
        file = article_dir / name
        article_id = name[:-3]
        path = str(file)
        if not ID_PATTERN.match(article_id):
            problems.append(
                Problem(
                    path, 0, article_id, "article file name must be letters, digits, '-', '_', '.'"
                )
            )
            continue
        try:
            data = overlay.get(f"articles/{name}") or file.read_bytes()
        except OSError as exc:
            problems.append(Problem(path, 0, article_id, f"cannot read file: {exc.strerror}"))
            continue
        article, found = read_article(article_id, data, path)
        problems.extend(found)
        if article is not None:
            articles[article_id] = article
            article_paths[article_id] = path
    return RawDataset(str(root), tables, articles, article_paths, problems)
