"""Check a read dataset against the documented format and its cross-references.

Every problem is collected (nothing stops at the first); the result is sorted by file and line.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path

import pycountry

from adatlas.articles import normalise_text
from adatlas.dates import PartialDate, parse_date
from adatlas.problems import Problem
from adatlas.reader import RawDataset, RawTable, Row, read_dataset
from adatlas.schema import (
    ARTICLE_FIELDS_REQUIRED,
    ARTICLE_TEXT_KINDS,
    GROUP_PATTERN,
    ID_PATTERN,
    RANGE_QUALITIES,
    SOURCE_KINDS,
    TABLES,
    Column,
    split_list,
)

PLAIN_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", re.ASCII)

# ISO 3166-1 has no code for Kosovo; XKX is the user-assigned code used by the EU and others.
EXTRA_ISO3 = {"XKX": "Kosovo"}


def is_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def where(table: RawTable, row: Row) -> str:
    """The file a row came from (uploaded rows keep their upload's name)."""
    return row.path or table.path


def record_id(raw: RawTable, row: Row) -> str:
    """The id shown in messages: the key column, or a composite for keyless tables."""
    return record_key(raw.table.name, row)


def record_key(table: str, values: Mapping[str, str] | Row) -> str:
    """:func:`record_id` of the values of a row of ``table``."""

    def get(column: str | None) -> str:
        return (values.get(column) or "").strip() if column else ""

    if table in ("status", "confirmed"):
        return f"{get('deployment')}@{get('date')}"
    if table == "memberships":
        return f"{get('group')}/{get('country')}@{get('start')}"
    return get(TABLES[table].key)


def validate(root: Path | str) -> list[Problem]:
    """Read and check the dataset at ``root``; return every problem found."""
    return validate_raw(read_dataset(root))


def validate_raw(raw: RawDataset) -> list[Problem]:
    problems = list(raw.problems)
    ids = {name: _ids(table, problems) for name, table in raw.tables.items() if table.table.key}
    ids["articles"] = set(raw.articles)
    for table in raw.tables.values():
        for row in table.rows:
            problems.extend(_check_row(table, row, ids))
    problems.extend(_check_statuses(raw.tables["status"], raw.tables["deployments"]))
    problems.extend(_check_confirmations(raw))
    problems.extend(_check_range_quality(raw.tables["systems"]))
    problems.extend(_check_memberships(raw.tables["memberships"]))
    problems.extend(_check_citations(raw))
    problems.extend(_check_articles(raw))
    return sorted(set(problems))


def _ids(table: RawTable, problems: list[Problem]) -> set[str]:
    seen: dict[str, tuple[str, int]] = {}
    key = table.table.key
    assert key is not None
    for row in table.rows:
        value = row.get(key)
        if not value:
            continue
        if value in seen:
            path, line = seen[value]
            first = f"line {line}" if path == where(table, row) else f"{path}:{line}"
            problems.append(
                Problem(where(table, row), row.line, value, f"duplicate id (first on {first})")
            )
        else:
            seen[value] = (where(table, row), row.line)
    return set(seen)


def _check_row(table: RawTable, row: Row, ids: dict[str, set[str]]) -> Iterable[Problem]:
    rid = record_id(table, row)

    def problem(message: str) -> Problem:
        return Problem(where(table, row), row.line, rid, message)

    for column in table.table.columns:
        if column.name not in table.columns:
            continue  # reported once as a missing column
        value = row.get(column.name)
        if not value:
            if column.required:
                yield problem(f"{column.name} is empty")
            continue
        message = _check_value(column, value, ids)
        if message:
            yield problem(message)
    # Extra columns named like "coord_citations" hold citation ids too: check them the same way.
    for name in table.columns:
        if name.endswith("_citations") and table.table.column(name) is None and row.get(name):
            unknown = [c for c in split_list(row.get(name)) if c not in ids.get("citations", set())]
            if unknown:
                yield problem(f"{name}: unknown citation id(s): {', '.join(unknown)}")
    yield from (problem(m) for m in _check_coordinates(table, row))
    dates = [c.name for c in table.table.columns if c.type == "date"]
    if dates == ["start", "end"] and row.get("end"):
        try:
            if parse_date(row.get("end")) < parse_date(row.get("start")):
                yield problem(f"end {row.get('end')} is before start {row.get('start')}")
        except ValueError:
            pass  # reported as an unparseable date
    group = row.get("group") if table.table.name == "memberships" else ""
    if group and not GROUP_PATTERN.match(group):
        yield problem(f"group {row.get('group')!r} must be upper case letters, digits and '_'")


def _check_value(column: Column, value: str, ids: dict[str, set[str]]) -> str | None:
    match column.type:
        case "id":
            if column.references == "articles" and not ID_PATTERN.match(value):
                return f"article id {value!r} is not a plain file name (no '/', '\\' or '..')"
            if not ID_PATTERN.match(value):
                return f"{column.name} {value!r} may only hold letters, digits, '-', '_', '.'"
            if column.references and value not in ids.get(column.references, set()):
                return f"{column.name} {value!r} is not a known {column.references[:-1]} id"
        case "date":
            try:
                parse_date(value)
            except ValueError as exc:
                return f"{column.name}: {exc}"
        case "float":
            try:
                number = float(value)
            except ValueError:
                return f"{column.name} {value!r} is not a number"
            if not math.isfinite(number):
                return f"{column.name} {value!r} is not a finite number"
            if not PLAIN_DECIMAL.match(value):
                # float() also takes '1_000' and digits of other scripts ('١٢'); the loader
                # (pandas) and every spreadsheet do not. Found by tests/fuzz.
                return f"{column.name} {value!r} is not a plain decimal number (digits 0-9, '.')"
            if column.positive and number <= 0:
                return f"{column.name} {value!r} must be greater than zero"
        case "iso3":
            if not is_iso3(value):
                return f"{column.name} {value!r} is not an ISO 3166-1 alpha-3 country code"
        case "iso3_list":
            bad = [c for c in split_list(value) if not is_iso3(c)]
            if bad:
                return f"{column.name}: {', '.join(map(repr, bad))} not ISO 3166-1 alpha-3"
        case "ref_list":
            refs = split_list(value)
            if not refs:
                return f"{column.name} is empty"
            unknown = [r for r in refs if r not in ids.get(column.references or "", set())]
            if unknown:
                return f"unknown citation id(s): {', '.join(unknown)}"
        case "enum":
            if value not in column.allowed:
                return f"{column.name} {value!r} is not one of {', '.join(column.allowed)}"
    return None


def _check_coordinates(table: RawTable, row: Row) -> Iterable[str]:
    if "lat" not in table.columns or "lon" not in table.columns:
        return
    lat_text, lon_text = row.get("lat"), row.get("lon")
    if bool(lat_text) != bool(lon_text):
        yield "give both lat and lon, or neither"
        return
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return  # reported as not a number (or both empty)
    if not -90 <= lat <= 90:
        hint = " (lat and lon swapped?)" if -90 <= lon <= 90 and -180 <= lat <= 180 else ""
        yield f"lat {lat_text} is outside -90..90{hint}"
    if not -180 <= lon <= 180:
        yield f"lon {lon_text} is outside -180..180"


def _check_statuses(status: RawTable, deployments: RawTable) -> Iterable[Problem]:
    seen: dict[tuple[str, str], int] = {}
    with_status: set[str] = set()
    for row in status.rows:
        deployment = row.get("deployment")
        with_status.add(deployment)
        try:
            day = parse_date(row.get("date")).start.isoformat()
        except ValueError:
            continue
        key = (deployment, day)
        if key in seen:
            yield Problem(
                where(status, row),
                row.line,
                record_id(status, row),
                f"second status for this deployment on the same date (first on line {seen[key]})",
            )
        else:
            seen[key] = row.line
    for row in deployments.rows:
        if row.get("id") and row.get("id") not in with_status:
            yield Problem(
                where(deployments, row),
                row.line,
                row.get("id"),
                "deployment has no rows in status.csv, so it never appears; add its status",
            )


def _status_histories(status: RawTable) -> dict[str, list[tuple[PartialDate, str]]]:
    """Each deployment's (date, status) rows, oldest first; unparseable rows left out."""
    histories: dict[str, list[tuple[PartialDate, str]]] = defaultdict(list)
    for row in status.rows:
        try:
            day = parse_date(row.get("date"))
        except ValueError:
            continue
        histories[row.get("deployment")].append((day, row.get("status")))
    for history in histories.values():
        history.sort(key=lambda item: item[0].start)
    return histories


def _check_confirmations(raw: RawDataset) -> Iterable[Problem]:
    """A confirmation repeats the status in force on its date, from a source no older than it."""
    confirmed = raw.tables["confirmed"]
    if not confirmed.rows:
        return
    histories = _status_histories(raw.tables["status"])
    article_dates: dict[str, PartialDate] = {}
    for article_id, article in raw.articles.items():
        try:
            article_dates[article_id] = parse_date(article.meta.get("date", ""))
        except ValueError:
            continue
    excerpts = {row.get("id"): row.get("article") for row in raw.tables["citations"].rows}
    for row in confirmed.rows:
        try:
            day = parse_date(row.get("date"))
        except ValueError:
            continue  # reported as an unparseable date
        rid = record_id(confirmed, row)
        history = histories.get(row.get("deployment"), [])
        in_force = [status for start, status in history if start.start <= day.start]
        if history and not in_force:
            yield Problem(
                where(confirmed, row),
                row.line,
                rid,
                f"confirms {row.get('deployment')} before its first status row "
                f"({history[0][0]}); a confirmation repeats a status already in force",
            )
        elif in_force and row.get("status") and in_force[-1] != row.get("status"):
            yield Problem(
                where(confirmed, row),
                row.line,
                rid,
                f"confirms status {row.get('status')!r} but status.csv has "
                f"{in_force[-1]!r} in force on {day}",
            )
        for citation in split_list(row.get("citations")):
            published = article_dates.get(excerpts.get(citation, ""))
            if published is not None and published.last_day < day.start:
                yield Problem(
                    where(confirmed, row),
                    row.line,
                    rid,
                    f"citation {citation} is from an article dated {published}, before the "
                    f"date it is said to confirm ({day})",
                )


def _check_range_quality(systems: RawTable) -> Iterable[Problem]:
    """A range says how far it can be trusted; no range, no quality."""
    if "range_km" not in systems.columns:
        return
    for row in systems.rows:
        has_range, quality = bool(row.get("range_km")), row.get("range_quality")
        if has_range and not quality:
            yield Problem(
                where(systems, row),
                row.line,
                row.get("id"),
                "range_km is given, so range_quality is needed: " + ", ".join(RANGE_QUALITIES),
            )
        elif quality and not has_range:
            yield Problem(
                where(systems, row),
                row.line,
                row.get("id"),
                f"range_quality {quality!r} without a range_km; leave both empty or give both",
            )


def _check_memberships(memberships: RawTable) -> Iterable[Problem]:
    periods: dict[tuple[str, str], list[tuple[PartialDate, PartialDate | None, Row]]] = defaultdict(
        list
    )
    for row in memberships.rows:
        try:
            start = parse_date(row.get("start"))
            end = parse_date(row.get("end")) if row.get("end") else None
        except ValueError:
            continue
        periods[(row.get("group"), row.get("country"))].append((start, end, row))
    for spans in periods.values():
        spans.sort(key=lambda span: span[0])
        for (_, end, first), (start, _, second) in pairwise(spans):
            if end is None or start.start < end.start:
                yield Problem(
                    where(memberships, second),
                    second.line,
                    record_id(memberships, second),
                    f"overlaps the period on line {first.line}; end that one first",
                )


def _check_citations(raw: RawDataset) -> Iterable[Problem]:
    citations = raw.tables["citations"]
    for row in citations.rows:
        article_id, excerpt = row.get("article"), row.get("excerpt")
        article = raw.articles.get(article_id)
        if not article_id or not excerpt:
            continue
        if article is None:
            continue  # reported as an unknown article id
        if normalise_text(excerpt) not in article.normalised_body:
            yield Problem(
                where(citations, row),
                row.line,
                row.get("id"),
                f"excerpt does not appear in article {article_id!r}: {excerpt[:60]!r}",
            )


def _check_articles(raw: RawDataset) -> Iterable[Problem]:
    for article_id, article in raw.articles.items():
        path = raw.article_paths[article_id]
        for key in ARTICLE_FIELDS_REQUIRED:
            if not article.meta.get(key):
                yield Problem(path, 1, article_id, f"front matter needs {key!r}")
        if article.meta.get("date"):
            try:
                parse_date(article.meta["date"])
            except ValueError as exc:
                yield Problem(path, article.meta_lines["date"], article_id, str(exc))
        source_kind = article.meta.get("source_kind")
        if source_kind is not None and source_kind not in SOURCE_KINDS:
            yield Problem(
                path,
                article.meta_lines["source_kind"],
                article_id,
                f"source_kind {source_kind!r} is not one of {', '.join(SOURCE_KINDS)}",
            )
        kind = article.meta.get("text", "full")
        if kind not in ARTICLE_TEXT_KINDS:
            yield Problem(
                path,
                article.meta_lines.get("text", 1),
                article_id,
                f"text {kind!r} is not one of {', '.join(ARTICLE_TEXT_KINDS)}",
            )
        url = article.meta.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            yield Problem(
                path, article.meta_lines["url"], article_id, "url must start with https://"
            )
        if not article.body.strip():
            yield Problem(path, article.body_line, article_id, "article body is empty")
