"""A dataset in PostgreSQL: :class:`DatabaseStore`, the second back end of :mod:`adatlas.store`.

``apply`` writes a change in one transaction: it waits for any other write (an advisory lock,
so writers queue rather than fail), reads the dataset as it is then — approved rows plus every
proposed one, so two curators cannot propose the same id — runs the one validator, and inserts
the change's rows as *proposed*. Nothing reaches a map before a reviewer approves it
(:mod:`adatlas.db.review`). Edits of existing records are new rows that replace the old ones.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.pq import TransactionStatus

from adatlas.change import Change, check
from adatlas.db import ROLES
from adatlas.db import rows as stored
from adatlas.db.connect import WRITE_LOCK_TIMEOUT, DatabaseError, connect, display, explain
from adatlas.db.ddl import ARTICLES
from adatlas.problems import Problem
from adatlas.reader import RawDataset
from adatlas.store import Applied
from adatlas.validate import record_key

# One key for every writer of this database (pg_advisory_xact_lock): writes queue one by one.
WRITE_LOCK_KEY = 0x0ADA71A5


class _Refused(Exception):
    """Roll the transaction back and return these problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


class DatabaseStore:
    """The team store at ``url``; ``connection`` is a signed-in user's (else one is opened from
    the URL and libpq's environment, and kept)."""

    def __init__(self, url: str, connection: psycopg.Connection | None = None) -> None:
        self.url = url
        self.location = display(url)
        self._connection = connection
        self._owned = connection is None
        self._lock = threading.Lock()

    @property
    def user(self) -> str:
        return self.identity()[0]

    def identity(self) -> tuple[str, tuple[str, ...]]:
        """The connection's user and the adatlas roles it holds (``reader``, ``curator``, …)."""
        [(user, held)] = self._ask(
            "SELECT session_user, ARRAY(SELECT name FROM unnest(%s::text[]) AS name "
            "WHERE pg_has_role(session_user, 'adatlas_' || name, 'MEMBER'))",
            (list(ROLES),),
        )
        return user, tuple(held)

    def _ask(self, query: str, params: tuple = ()) -> list[tuple]:
        try:
            with self.session() as conn:
                return conn.execute(query, params).fetchall()
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot ask {self.location}: {explain(exc)}") from None

    @contextmanager
    def session(self) -> Iterator[psycopg.Connection]:
        """The connection, one caller at a time; reopened if the server dropped it."""
        with self._lock:
            if self._connection is None or self._connection.closed:
                if not self._owned:
                    raise DatabaseError("the database connection was closed; sign in again")
                self._connection = connect(self.url)
            conn = self._connection
            try:
                yield conn
            finally:
                if not conn.closed and conn.info.transaction_status != TransactionStatus.IDLE:
                    conn.rollback()

    def close(self) -> None:
        """Close the connection, the one it opened or the signed-in one it was given."""
        if self._connection is not None and not self._connection.closed:
            self._connection.close()

    # -- reading -----------------------------------------------------------------------------

    def version(self) -> int:
        """The change counter: it moves with every write, by anyone, on any server."""
        return int(self._ask("SELECT counter FROM adatlas.version")[0][0])

    def read(
        self, *, recorded_at: dt.datetime | None = None, include_proposed: bool = False
    ) -> RawDataset:
        """The approved dataset (with ``include_proposed``, the proposed rows on top), as it is
        now or as it was recorded at ``recorded_at``."""
        try:
            with self.session() as conn, conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                rows = (
                    stored.current_rows(conn)
                    if recorded_at is None
                    else stored.rows_at(conn, recorded_at)
                )
                layouts = stored.layouts(conn)
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot read {self.location}: {explain(exc)}") from None
        return stored.raw_dataset(stored.visible(rows, include_proposed), self.location, layouts)

    # -- writing -----------------------------------------------------------------------------

    def apply(self, change: Change, *, dry_run: bool = False) -> Applied:
        """Propose ``change``: validated against the dataset with every proposal in it, written
        in one transaction as one change, or not at all."""
        added = change.added
        if not (change.rows or change.articles or change.updates):
            return Applied([], {}, dry_run=dry_run)
        try:
            with self.session() as conn, conn.transaction():
                if not dry_run:
                    conn.execute(f"SET LOCAL lock_timeout = '{WRITE_LOCK_TIMEOUT}'")
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                rows = stored.current_rows(conn)
                base = stored.raw_dataset(stored.visible(rows, True), self.location)
                _, problems = check(base, change)
                edits, found = _edits(rows, change)
                problems = sorted(set(problems + found))
                if problems:
                    raise _Refused(problems)
                if dry_run:
                    return Applied([], added, dry_run=True)
                change_id = _write(conn, change, edits)
        except _Refused as refused:
            return Applied(refused.problems, added, dry_run=dry_run)
        except (psycopg.Error, DatabaseError) as exc:
            message = f"{explain(exc)}; nothing was written"
            return Applied([Problem(self.location, 0, "", message)], added, dry_run=dry_run)
        return Applied([], added, (f"change {change_id} (proposed, awaiting review)",))


def _edits(
    rows: list[stored.StoredRow], change: Change
) -> tuple[dict[str, list[tuple[int, dict[str, str]]]], list[Problem]]:
    """Per table, (replaced row id, new values) of each edited record; or why not."""
    edits: dict[str, list[tuple[int, dict[str, str]]]] = {}
    problems: list[Problem] = []
    for table, updates in change.updates.items():
        for record, fields in updates.items():
            current = [r for r in rows if r.table == table and r.values.get("id") == record]
            pending = [r for r in current if r.state == "proposed"]
            approved = [r for r in current if r.state == "approved"]
            if pending:
                message = (
                    f"{table} {record} has an edit awaiting review (change "
                    f"{pending[0].change_id}); it must be approved or rejected first"
                )
                problems.append(Problem(change.updates_label, 0, record, message))
            elif approved:
                values = dict(approved[0].values)
                values.update({k: v for k, v in fields.items() if v is not None})
                edits.setdefault(table, []).append((approved[0].row_id, values))
    return edits, problems


def _write(
    conn: psycopg.Connection,
    change: Change,
    edits: dict[str, list[tuple[int, dict[str, str]]]],
) -> int:
    summary = _summary(change)
    change_id = conn.execute(
        "INSERT INTO adatlas.changes (summary) VALUES (%s) RETURNING id", (summary,)
    ).fetchone()[0]
    for table, new_rows in change.rows.items():
        stored.insert_rows(conn, table, change_id, [dict(r.values) for r in new_rows])
    for table, replaced in edits.items():
        stored.insert_rows(
            conn,
            table,
            change_id,
            [values for _, values in replaced],
            replaces=[row_id for row_id, _ in replaced],
        )
    if change.articles:
        records = [{"id": a.id, "source": a.data.decode("utf-8-sig")} for a in change.articles]
        stored.insert_rows(conn, ARTICLES, change_id, records)
    return change_id


def _summary(change: Change) -> str:
    """What a reviewer reads first: counts, and the records by id."""
    parts = []
    for table, new_rows in change.rows.items():
        ids = [record_key(table, r.values) for r in new_rows]
        parts.append(f"{len(new_rows)} {table}: {', '.join(ids[:8])}{' …' if len(ids) > 8 else ''}")
    for table, updates in change.updates.items():
        if updates:
            parts.append(f"edited {table}: {', '.join(sorted(updates))}")
    if change.articles:
        parts.append(f"{len(change.articles)} articles: {', '.join(a.id for a in change.articles)}")
    return "; ".join(parts)
