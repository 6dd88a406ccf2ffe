"""The rows a view of the team store shows, as the :class:`RawDataset` every reader takes.

Three questions decide which rows: the *current* rows or the rows *as recorded at* a moment
(rebuilt from the history, whole transactions only); and *approved* rows only, or approved rows
with the *proposed* ones on top (a proposed edit then hides the row it replaces). Proposed rows
carry ``review = proposed`` so the pages can mark them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from adatlas.db.ddl import ARTICLES, DATA_TABLES, columns, quoted
from adatlas.reader import RawDataset, RawTable, Row, read_article
from adatlas.schema import REVIEW_COLUMN, TABLES


@dataclass(frozen=True)
class StoredRow:
    table: str
    row_id: int
    change_id: int
    state: str
    replaces: int | None
    values: dict[str, str]  # the table's columns, then any extra ones


def _values(table: str, record: dict, extra: dict | None) -> dict[str, str]:
    values = {c: str(record.get(c) or "") for c in columns(table)}
    for name, value in (extra or {}).items():
        values.setdefault(name, "" if value is None else str(value))
    return values


def current_rows(conn: psycopg.Connection) -> list[StoredRow]:
    """Every approved and proposed row, in the order they were written."""
    rows: list[StoredRow] = []
    for table in DATA_TABLES:
        names = columns(table)
        selected = ", ".join(quoted(c) for c in names)
        cursor = conn.execute(
            f"SELECT row_id, change_id, state, replaces, extra, {selected} FROM adatlas.{table} "
            "WHERE state IN ('approved', 'proposed') ORDER BY row_id"
        )
        for row_id, change_id, state, replaces, extra, *cells in cursor:
            record = dict(zip(names, cells, strict=True))
            rows.append(
                StoredRow(table, row_id, change_id, state, replaces, _values(table, record, extra))
            )
    return rows


def rows_at(conn: psycopg.Connection, moment: dt.datetime) -> list[StoredRow]:
    """Every row as it stood at ``moment``: the last version of each written by a transaction
    whose last write was at or before then (a transaction is known whole or not at all)."""
    cursor = conn.execute(
        """
        WITH known AS (
            SELECT xact FROM adatlas.history GROUP BY xact HAVING max(at) <= %s
        )
        SELECT DISTINCT ON (h.table_name, h.row_id) h.table_name, h.row_id, h.op, h.after
        FROM adatlas.history h JOIN known USING (xact)
        WHERE h.table_name <> 'changes'
        ORDER BY h.table_name, h.row_id, h.seq DESC
        """,
        (moment,),
    )
    rows: list[StoredRow] = []
    for table, row_id, op, after in cursor:
        if op == "DELETE" or after is None or table not in DATA_TABLES:
            continue
        if after.get("state") not in ("approved", "proposed"):
            continue
        rows.append(
            StoredRow(
                table,
                row_id,
                int(after["change_id"]),
                after["state"],
                after.get("replaces"),
                _values(table, after, after.get("extra")),
            )
        )
    rows.sort(key=lambda r: (DATA_TABLES.index(r.table), r.row_id))
    return rows


def visible(rows: list[StoredRow], include_proposed: bool) -> list[StoredRow]:
    """The approved rows; with ``include_proposed``, the proposed ones too, each proposed edit
    in place of the row it replaces."""
    approved = [r for r in rows if r.state == "approved"]
    if not include_proposed:
        return approved
    proposed = [r for r in rows if r.state == "proposed"]
    replaced = {(r.table, r.replaces) for r in proposed if r.replaces is not None}
    kept = [r for r in approved if (r.table, r.row_id) not in replaced]
    return sorted(kept + proposed, key=lambda r: (DATA_TABLES.index(r.table), r.row_id))


def raw_dataset(
    rows: list[StoredRow], where: str, layouts: dict[str, list[str]] | None = None
) -> RawDataset:
    """``rows`` as a :class:`RawDataset`; a problem's line is the row's ``row_id``."""
    layouts = layouts or {}
    tables: dict[str, RawTable] = {}
    for name, table in TABLES.items():
        names = list(layouts.get(name) or columns(name))
        tables[name] = RawTable(table, f"{where}/{name}", names)
    articles, paths, problems = {}, {}, []
    for row in rows:
        values = dict(row.values)
        if row.state == "proposed":
            values[REVIEW_COLUMN] = "proposed"
        if row.table == ARTICLES:
            path = f"{where}/articles/{values['id']}"
            article, found = read_article(values["id"], values["source"].encode("utf-8"), path)
            problems.extend(found)
            if article is not None:
                articles[article.id] = article
                paths[article.id] = path
            continue
        raw = tables[row.table]
        raw.columns.extend(c for c in values if c not in raw.columns)
        raw.rows.append(Row(row.row_id, values))
    return RawDataset(where, tables, articles, paths, problems)


def layouts(conn: psycopg.Connection) -> dict[str, list[str]]:
    return dict(conn.execute("SELECT table_name, columns FROM adatlas.layout").fetchall())


def insert_rows(
    conn: psycopg.Connection,
    table: str,
    change_id: int,
    records: list[dict[str, str]],
    *,
    state: str = "proposed",
    replaces: list[int | None] | None = None,
) -> None:
    """Insert ``records`` (column → text) as rows of ``change_id``; unknown columns → extra."""
    if not records:
        return
    names = columns(table)
    targets = ", ".join(["change_id", "state", "replaces", "extra", *map(quoted, names)])
    copy = f"COPY adatlas.{table} ({targets}) FROM STDIN"
    with conn.cursor() as cursor, cursor.copy(copy) as writer:
        for index, record in enumerate(records):
            extra = {k: v for k, v in record.items() if k not in names and k != REVIEW_COLUMN}
            writer.write_row(
                [
                    change_id,
                    state,
                    replaces[index] if replaces else None,
                    Jsonb(extra),
                    *((record.get(c) or "") for c in names),
                ]
            )
