"""Administering a team store: ``adatlas db init | load | dump | user``.

``init`` creates the schema (PostGIS, the data tables, history, roles); ``load`` moves a valid
file dataset in as approved rows (one change, by the loading user); ``dump`` writes the
approved dataset back out as files that ``adatlas validate`` accepts; ``user`` creates a login
in one of the roles. Passwords are hashed (SCRAM-SHA-256) on this side before they are sent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import psycopg
from psycopg import sql

from adatlas import fileio
from adatlas.db import ROLES
from adatlas.db import rows as stored
from adatlas.db.connect import DatabaseError, connect, explain
from adatlas.db.ddl import ARTICLES, schema_sql
from adatlas.db.store import DatabaseStore
from adatlas.problems import Problem
from adatlas.reader import read_dataset
from adatlas.schema import TABLES
from adatlas.validate import validate_raw


def init(url: str) -> None:
    """Create the adatlas schema in the database at ``url`` (once)."""
    with _admin(url) as conn, conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'adatlas'").fetchone()
        if exists:
            raise DatabaseError("the database has an adatlas schema already")
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.errors.FeatureNotSupported as exc:
            raise DatabaseError(_no_postgis(exc)) from None
        except psycopg.errors.UndefinedFile as exc:
            raise DatabaseError(_no_postgis(exc)) from None
        conn.execute("CREATE SCHEMA adatlas")
        conn.execute(schema_sql())
        conn.execute(sql.SQL("GRANT adatlas_admin TO {}").format(sql.Identifier(_user(conn))))


def _no_postgis(exc: BaseException) -> str:
    return (
        f"PostGIS is not installed on the database server ({explain(exc)}); on Debian: "
        "apt-get install postgresql-15-postgis-3 (the server's version)"
    )


def load(directory: Path, url: str) -> dict[str, int]:
    """Load the file dataset in ``directory`` as approved rows; table → rows loaded.

    Refused (:class:`LoadRefused`) if the dataset has problems or the database holds one already.
    """
    raw = read_dataset(directory)
    problems = validate_raw(raw)
    if problems:
        raise LoadRefused(problems)
    counts: dict[str, int] = {}
    with _admin(url) as conn, conn.transaction():
        held = conn.execute("SELECT count(*) FROM adatlas.changes").fetchone()[0]
        if held:
            raise DatabaseError(
                "the database holds a dataset already; add records with `adatlas import` "
                "(or init a new database)"
            )
        user = _user(conn)
        change_id = conn.execute(
            "INSERT INTO adatlas.changes (summary, state, reviewed_by, reviewed_at) "
            "VALUES (%s, 'approved', %s, clock_timestamp()) RETURNING id",
            (f"loaded from {Path(directory).resolve()}", user),
        ).fetchone()[0]
        for name in TABLES:
            table = raw.tables[name]
            records = [dict(row.values) for row in table.rows]
            stored.insert_rows(conn, name, change_id, records, state="approved")
            conn.execute("INSERT INTO adatlas.layout VALUES (%s, %s)", (name, list(table.columns)))
            counts[name] = len(records)
        articles = [
            {"id": article_id, "source": Path(path).read_bytes().decode("utf-8-sig")}
            for article_id, path in raw.article_paths.items()
        ]
        stored.insert_rows(conn, ARTICLES, change_id, articles, state="approved")
        counts[ARTICLES] = len(articles)
    return counts


class LoadRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the dataset")


def dump(url: str, directory: Path, *, recorded_at: dt.datetime | None = None) -> dict[str, int]:
    """Write the approved dataset as files into ``directory`` (new, or without a dataset)."""
    directory = Path(directory)
    if (directory / "geodata").exists() or (directory / "articles").exists():
        raise DatabaseError(f"{directory} holds a dataset already; dump into a new directory")
    store = DatabaseStore(url)
    try:
        with store.session() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if recorded_at is None:
                rows = stored.current_rows(conn)
            else:
                rows = stored.rows_at(conn, recorded_at)
            layouts = stored.layouts(conn)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot read {store.location}: {explain(exc)}") from None
    finally:
        store.close()
    rows = stored.visible(rows, include_proposed=False)
    counts: dict[str, int] = {}
    (directory / "geodata").mkdir(parents=True, exist_ok=True)
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    for name, table in TABLES.items():
        records = [r.values for r in rows if r.table == name]
        header = list(layouts.get(name) or [c.name for c in table.columns])
        header += [c for r in records for c in r if c not in header]
        header = list(dict.fromkeys(header))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([r.get(c, "") for c in header] for r in records)
        fileio.write_atomic(directory / table.file, buffer.getvalue().encode("utf-8"))
        counts[name] = len(records)
    articles = [r.values for r in rows if r.table == ARTICLES]
    for article in articles:
        path = directory / "articles" / f"{article['id']}.md"
        fileio.write_atomic(path, article["source"].encode("utf-8"))
    counts[ARTICLES] = len(articles)
    return counts


def add_user(url: str, name: str, password: str, role: str) -> None:
    """Create login ``name`` (or add a role to it) in group ``adatlas_<role>``."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    with _admin(url) as conn, conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if not exists:
            verifier = conn.pgconn.encrypt_password(
                password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256"
            ).decode("ascii")
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(name), sql.Literal(verifier)
                )
            )
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(f"adatlas_{role}"), sql.Identifier(name)
            )
        )


def _user(conn: psycopg.Connection) -> str:
    return conn.execute("SELECT session_user").fetchone()[0]


class _admin:
    """A connection for one administrative step; database errors become DatabaseError."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> psycopg.Connection:
        self.conn = connect(self.url)
        return self.conn

    def __exit__(self, kind, exc, traceback) -> bool:
        self.conn.close()
        if isinstance(exc, psycopg.Error):
            raise DatabaseError(explain(exc)) from None
        return False


__all__ = ["ROLES", "LoadRefused", "add_user", "dump", "init", "load"]
