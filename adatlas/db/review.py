"""Review: proposed changes listed, approved or rejected by another database user.

Approving is refused if the approved dataset would then be invalid (say, the change's status rows
point at a deployment another change proposes, still unapproved); rejecting, if a proposal left
behind depends on the rejected one. The database itself refuses an author's approval of their
own change and anyone without the ``adatlas_reviewer`` role (``adatlas.decide``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import psycopg

from adatlas.db import rows as stored
from adatlas.db.connect import WRITE_LOCK_TIMEOUT, DatabaseError, explain
from adatlas.db.store import WRITE_LOCK_KEY, DatabaseStore
from adatlas.problems import Problem
from adatlas.validate import validate_raw

DECISIONS = ("approved", "rejected")


@dataclass(frozen=True)
class Proposal:
    id: int
    proposed_by: str
    proposed_at: dt.datetime
    summary: str
    rows: dict[str, int]  # table → rows in the change


def pending(store: DatabaseStore) -> list[Proposal]:
    """The changes awaiting review, oldest first."""
    try:
        with store.session() as conn:
            changes = conn.execute(
                "SELECT id, proposed_by, proposed_at, summary FROM adatlas.changes "
                "WHERE state = 'proposed' ORDER BY id"
            ).fetchall()
            rows = stored.current_rows(conn)
            conn.rollback()
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot list the proposals: {explain(exc)}") from None
    counts: dict[int, Counter] = {}
    for row in rows:
        if row.state == "proposed":
            counts.setdefault(row.change_id, Counter())[row.table] += 1
    return [
        Proposal(cid, who, when, summary, dict(counts.get(cid, {})))
        for cid, who, when, summary in changes
    ]


def decide(store: DatabaseStore, change_id: int, decision: str, note: str = "") -> list[Problem]:
    """Approve or reject change ``change_id``; the problems, or none if it was done."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {DECISIONS}")
    where = f"{store.location} change {change_id}"
    try:
        with store.session() as conn, conn.transaction():
            conn.execute(f"SET LOCAL lock_timeout = '{WRITE_LOCK_TIMEOUT}'")
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            state = conn.execute(
                "SELECT state FROM adatlas.changes WHERE id = %s", (change_id,)
            ).fetchone()
            if state is None:
                return [Problem(where, 0, "", "there is no such change")]
            if state[0] != "proposed":
                return [Problem(where, 0, "", f"the change is {state[0]} already")]
            rows = stored.current_rows(conn)
            problems = _check(rows, change_id, decision, store.location)
            if problems:
                return problems
            conn.execute("SELECT adatlas.decide(%s, %s, %s)", (change_id, decision, note))
    except (psycopg.Error, DatabaseError) as exc:
        return [Problem(where, 0, "", f"{explain(exc)}; nothing was changed")]
    return []


def _check(
    rows: list[stored.StoredRow], change_id: int, decision: str, location: str
) -> list[Problem]:
    mine = [r for r in rows if r.change_id == change_id and r.state == "proposed"]
    if decision == "approved":
        replaced = {(r.table, r.replaces) for r in mine if r.replaces is not None}
        after = [
            r for r in rows if r.state == "approved" and (r.table, r.row_id) not in replaced
        ] + [
            stored.StoredRow(r.table, r.row_id, r.change_id, "approved", r.replaces, r.values)
            for r in mine
        ]
        why = "approving it would leave the approved dataset with this problem"
    else:
        after = stored.visible([r for r in rows if r.change_id != change_id], True)
        why = "a proposal left behind depends on it"
    after.sort(key=lambda r: (r.table, r.row_id))
    problems = validate_raw(stored.raw_dataset(after, location))
    return [
        Problem(p.path, p.line, p.record, f"{p.message} ({why}; change {change_id})")
        for p in problems
    ]
