"""Connections to a team store, and database errors as the one-line messages users read.

Credentials come from the URL or, as for every libpq program, from ``PGUSER``, ``PGPASSWORD``
and ``~/.pgpass``; a user who signs in on the dashboard passes theirs to :func:`connect` and
the app keeps only the open connection, never the password.
"""

from __future__ import annotations

import psycopg
from psycopg import errors

from adatlas.db import DatabaseError, display

CONNECT_TIMEOUT_S = 10
WRITE_LOCK_TIMEOUT = "30s"  # how long a write waits for another one to finish


def connect(url: str, user: str | None = None, password: str | None = None) -> psycopg.Connection:
    """Open a connection (autocommit off); :class:`DatabaseError` if the server says no."""
    params: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "adatlas",
    }
    if user:
        params["user"] = user
    if password is not None:
        params["password"] = password
    try:
        return psycopg.connect(url, **params)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to {display(url)}: {explain(exc)}") from None


def explain(exc: BaseException) -> str:
    """What went wrong, in one line, without the driver's traceback."""
    if isinstance(exc, errors.InsufficientPrivilege):
        detail = _first_line(exc)
        return f"the database refused: {detail} (your database user lacks the role for this)"
    if isinstance(exc, errors.LockNotAvailable | errors.QueryCanceled):
        return "another write held the dataset for too long; nothing was written, try again"
    if isinstance(exc, errors.UniqueViolation):
        return f"the database refused a duplicate: {_first_line(exc)}"
    if isinstance(exc, errors.UndefinedTable):
        return "the database has no adatlas schema; run `adatlas db init --db URL` first"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return text.strip().splitlines()[0]
