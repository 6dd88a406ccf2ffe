"""A change to a dataset: new records per table, new articles and replaced fields.

Every way in — the Data page's uploads, Curate's drafts, ``adatlas import`` — reads its files in
the dataset's own formats into one :class:`Change` (:func:`read_files`), and every check merges
that change into a read dataset and runs the one validator over the result (:func:`check`).
Where a change is *written* is :mod:`adatlas.store`'s business.

A file's table comes from its name: ``deployments.csv``, ``status.csv``, ``citations.csv`` …
(a prefix is allowed: ``my-status.csv``); ``*.geojson`` holds deployments (Point features whose
properties are the deployment columns); ``<article-id>.md`` is an article.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from adatlas.problems import Problem
from adatlas.reader import MAX_FILE_BYTES, RawDataset, RawTable, Row, parse_table, read_article
from adatlas.schema import ID_PATTERN, TABLES
from adatlas.validate import validate_raw

# Deeper JSON than this is no GeoJSON a person wrote; refusing it before json.loads keeps the
# parser's recursion (RecursionError) out of reach.
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class ArticleFile:
    id: str
    data: bytes  # the file exactly as it is written into ``articles/<id>.md``
    label: str  # the file problems point at


@dataclass
class Change:
    """What to add to a dataset.

    ``rows`` maps a table to its new rows; each :class:`Row` keeps the file (``path``) and line it
    came from, so problems point at the user's file. ``columns`` lists each table's columns in
    the order its files gave them. ``updates`` maps a table to record id → the new values of some
    fields of an existing record (``updates_label`` names where they came from).
    """

    rows: dict[str, list[Row]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    articles: list[ArticleFile] = field(default_factory=list)
    updates: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    updates_label: str = "draft"

    @property
    def added(self) -> dict[str, int]:
        """Table (or ``articles``) → number of records added."""
        counts = {table: len(rows) for table, rows in self.rows.items() if rows}
        if self.articles:
            counts["articles"] = len(self.articles)
        return counts

    def describe(self) -> str:
        parts = [f"{n} {table}" for table, n in self.added.items()]
        parts += [f"{len(ids)} updated {table}" for table, ids in self.updates.items() if ids]
        return ", ".join(parts) or "nothing"

    def add_rows(self, table: RawTable, label: str) -> None:
        self.rows.setdefault(table.table.name, []).extend(
            Row(row.line, row.values, label) for row in table.rows
        )
        columns = self.columns.setdefault(table.table.name, [])
        columns.extend(c for c in table.columns if c and c not in columns)


def table_for(name: str) -> str | None:
    """The table a CSV file name stands for (``status.csv``, ``my-status.csv``), if any."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    for table in TABLES:
        if stem == table or stem.endswith(("-" + table, "_" + table)):
            return table
    return None


def _json_depth(text: str) -> int:
    """The deepest nesting of ``[``/``{`` outside strings (a linear scan, no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def geojson_rows(data: bytes, label: str) -> tuple[RawTable, list[Problem]]:
    """Deployments from a GeoJSON FeatureCollection of Points; every oddity is a problem."""
    table = TABLES["deployments"]
    raw = RawTable(table, label, columns=[c.name for c in table.columns])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return raw, [Problem(label, line, "", "not valid GeoJSON: the file is not UTF-8")]
    if _json_depth(text) > MAX_JSON_DEPTH:
        return raw, [Problem(label, 1, "", f"not GeoJSON: nested deeper than {MAX_JSON_DEPTH}")]
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return raw, [Problem(label, getattr(exc, "lineno", 1), "", f"not valid GeoJSON: {exc}")]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return raw, [Problem(label, 1, "", "not a GeoJSON FeatureCollection")]
    problems = []
    for number, item in enumerate(features, start=1):
        feature = item if isinstance(item, dict) else {}
        props, geometry = feature.get("properties"), feature.get("geometry")
        record = _cell(props.get("id")) if isinstance(props, dict) else ""
        if props is not None and not isinstance(props, dict):
            problems.append(
                Problem(label, number, record, f"feature {number}: properties must be an object")
            )
            continue
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not isinstance(coordinates, list)
            or len(coordinates) < 2
        ):
            problems.append(Problem(label, number, record, f"feature {number} is not a Point"))
            continue
        values = {str(k): _cell(v) for k, v in (props or {}).items()}
        values.update(lon=_cell(coordinates[0]), lat=_cell(coordinates[1]))
        for column in values:
            if column not in raw.columns:
                raw.columns.append(column)
        # GeoJSON has no lines; the feature's position in the collection stands in for one.
        raw.rows.append(Row(number, values))
    return raw, problems


def read_files(
    files: Iterable[tuple[str, bytes]], prefix: str = "", max_bytes: int = MAX_FILE_BYTES
) -> tuple[Change, list[Problem]]:
    """Read ``files`` (name, bytes) into one :class:`Change` and the problems found reading them.

    Problems name each file as ``prefix + name``. Never raises for what the files contain.
    """
    change = Change()
    problems: list[Problem] = []
    for name, data in files:
        label = f"{prefix}{name}"
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if len(data) > max_bytes:
            limit = max_bytes / 1024 / 1024
            problems.append(
                Problem(
                    label, 0, "", f"file is {len(data) / 1e6:.1f} MB; the limit is {limit:g} MB"
                )
            )
            continue
        lower = base.lower()
        if lower.endswith(".md"):
            article_id = base[:-3]
            if not ID_PATTERN.match(article_id):
                problems.append(Problem(label, 0, article_id, "article file name is not plain"))
                continue
            article, found = read_article(article_id, data, label)
            problems.extend(found)
            if article is not None:
                change.articles.append(ArticleFile(article_id, data, label))
            continue
        if lower.endswith((".geojson", ".json")):
            raw, found = geojson_rows(data, label)
        elif lower.endswith(".csv") and table_for(base):
            raw, found = parse_table(TABLES[table_for(base)], data, label)
        else:
            tables = ", ".join(f"{t}.csv" for t in TABLES)
            problems.append(
                Problem(
                    label,
                    0,
                    "",
                    f"cannot tell what this file holds; name it one of {tables}, "
                    "*.geojson (deployments) or <article-id>.md",
                )
            )
            continue
        problems.extend(found)
        change.add_rows(raw, label)
    return change, problems


def merge(base: RawDataset, change: Change) -> tuple[RawDataset, list[Problem]]:
    """``base`` with ``change`` applied, in memory (``base`` is not modified).

    The problems returned are those the validator cannot see: an article id that exists, an
    update of a record that does not.
    """
    problems: list[Problem] = []
    merged = copy.copy(base)
    merged.tables = {name: copy.copy(table) for name, table in base.tables.items()}
    for table in merged.tables.values():
        table.rows = list(table.rows)
        table.columns = list(table.columns)
    merged.articles = dict(base.articles)
    merged.article_paths = dict(base.article_paths)
    for file in change.articles:
        if file.id in merged.articles:
            where = "in the dataset" if file.id in base.articles else "twice in this change"
            problems.append(
                Problem(file.label, 0, file.id, f"an article with this id exists {where}")
            )
            continue
        article, _ = read_article(file.id, file.data, file.label)
        if article is not None:
            merged.articles[file.id] = article
            merged.article_paths[file.id] = file.label
    for name, rows in change.rows.items():
        target = merged.tables[name]
        for column in change.columns.get(name, []):
            if column not in target.columns:
                target.columns.append(column)
        target.rows.extend(rows)
    for name, updates in change.updates.items():
        target = merged.tables[name]
        key = target.table.key or "id"
        known = {row.get(key) for row in target.rows}
        for record in updates:
            if record not in known:
                problems.append(
                    Problem(change.updates_label, 0, record, f"no such {name[:-1]} to update")
                )
        target.rows = [
            Row(row.line, {**row.values, **updates[row.get(key)]}, row.path)
            if row.get(key) in updates
            else row
            for row in target.rows
        ]
        for column in {c for values in updates.values() for c in values}:
            if column not in target.columns:
                target.columns.append(column)
    return merged, problems


def check(base: RawDataset, change: Change) -> tuple[RawDataset, list[Problem]]:
    """The merged dataset and every problem in it, sorted (the base's own problems included)."""
    merged, problems = merge(base, change)
    return merged, sorted(set(validate_raw(merged) + problems))
