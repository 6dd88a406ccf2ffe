"""User uploads: extra records (CSV or GeoJSON in the documented format) validated with the
same validator against the dataset they join, and merged in memory only — files on disk are
never written.

A file's table comes from its name: ``deployments.csv``, ``status.csv``, ``citations.csv`` …
(a prefix is allowed: ``my-status.csv``); ``*.geojson`` holds deployments (Point features whose
properties are the deployment columns); ``*.md`` is an article.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from adatlas.dataset import Dataset, build_dataset
from adatlas.problems import Problem
from adatlas.reader import RawDataset, RawTable, Row, parse_table, read_article
from adatlas.schema import ID_PATTERN, TABLES
from adatlas.validate import validate_raw

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_FILES = 20


@dataclass(frozen=True)
class UploadResult:
    dataset: Dataset | None  # the merged dataset, or None if any uploaded record has a problem
    problems: list[Problem]  # problems in the uploaded files (never in the shipped ones)
    added: dict[str, int]  # table → number of records added


def _table_for(name: str) -> str | None:
    stem = name.rsplit(".", 1)[0].lower()
    for table in TABLES:
        if stem == table or stem.endswith(("-" + table, "_" + table)):
            return table
    return None


def _geojson_rows(data: bytes, label: str) -> tuple[RawTable, list[Problem]]:
    table = TABLES["deployments"]
    raw = RawTable(table, label, columns=[c.name for c in table.columns])
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return raw, [Problem(label, getattr(exc, "lineno", 1), "", f"not valid GeoJSON: {exc}")]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return raw, [Problem(label, 1, "", "not a GeoJSON FeatureCollection")]
    problems = []
    for number, item in enumerate(features, start=1):
        props = item.get("properties") or {} if isinstance(item, dict) else {}
        geometry = item.get("geometry") or {} if isinstance(item, dict) else {}
        record = str(props.get("id", ""))
        if geometry.get("type") != "Point" or len(geometry.get("coordinates") or []) < 2:
            problems.append(Problem(label, number, record, f"feature {number} is not a Point"))
            continue
        lon, lat = geometry["coordinates"][:2]
        values = {k: "" if v is None else str(v) for k, v in props.items()}
        values.update(lon=str(lon), lat=str(lat))
        for column in values:
            if column not in raw.columns:
                raw.columns.append(column)
        # GeoJSON has no lines; the feature's position in the collection stands in for one.
        raw.rows.append(Row(number, values))
    return raw, problems


def merge_uploads(base: RawDataset, files: list[tuple[str, bytes]]) -> UploadResult:
    """Validate ``files`` (name, bytes) as additions to ``base``; build the merged dataset."""
    problems: list[Problem] = []
    if len(files) > MAX_FILES:
        problems.append(Problem("upload", 0, "", f"at most {MAX_FILES} files at once"))
        return UploadResult(None, problems, {})
    merged = copy.copy(base)
    merged.tables = {name: copy.copy(table) for name, table in base.tables.items()}
    for table in merged.tables.values():
        table.rows = list(table.rows)
        table.columns = list(table.columns)
    merged.articles = dict(base.articles)
    merged.article_paths = dict(base.article_paths)
    added: dict[str, int] = {}
    labels = []
    for name, data in files:
        label = f"upload:{name}"
        labels.append(label)
        if len(data) > MAX_UPLOAD_BYTES:
            limit = MAX_UPLOAD_BYTES // 1024 // 1024
            problems.append(
                Problem(label, 0, "", f"file is {len(data) / 1e6:.1f} MB; the limit is {limit} MB")
            )
            continue
        if name.lower().endswith(".md"):
            article_id = name[:-3]
            if not ID_PATTERN.match(article_id):
                problems.append(Problem(label, 0, article_id, "article file name is not plain"))
                continue
            if article_id in merged.articles:
                problems.append(Problem(label, 0, article_id, "an article with this id exists"))
                continue
            article, found = read_article(article_id, data, label)
            problems.extend(found)
            if article is not None:
                merged.articles[article_id] = article
                merged.article_paths[article_id] = label
                added["articles"] = added.get("articles", 0) + 1
            continue
        if name.lower().endswith((".geojson", ".json")):
            raw, found = _geojson_rows(data, label)
        elif name.lower().endswith(".csv") and _table_for(name):
            raw, found = parse_table(TABLES[_table_for(name)], data, label)
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
        target = merged.tables[raw.table.name]
        for column in raw.columns:
            if column not in target.columns:
                target.columns.append(column)
        # Records keep their upload path, so problems point at the user's file and row.
        target.rows.extend(Row(row.line, row.values, label) for row in raw.rows)
        added[raw.table.name] = added.get(raw.table.name, 0) + len(raw.rows)
    # The base dataset is valid, so every problem comes from (or conflicts with) an upload.
    all_problems = sorted(set(validate_raw(merged) + problems))
    if all_problems:
        return UploadResult(None, all_problems, added)
    return UploadResult(build_dataset(merged), [], added)
