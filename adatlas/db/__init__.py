"""The team store: a dataset in PostgreSQL/PostGIS, with review, history and roles.

``--data`` and ``ADATLAS_DATA`` take a directory or a ``postgresql://`` URL; everything above
:mod:`adatlas.store` sees the same :class:`~adatlas.reader.RawDataset` either way, and the same
validator checks every write. This package needs ``psycopg`` (a dependency) and a server with
PostGIS; it is imported only when a URL is used.

- :mod:`adatlas.db.ddl`: the schema (``schema.sql`` plus one table per dataset table)
- :mod:`adatlas.db.connect`: connections, and database errors as one-line messages
- :mod:`adatlas.db.rows`: reading the rows a view shows (approved, proposed, as recorded at T)
- :mod:`adatlas.db.store`: :class:`~adatlas.db.store.DatabaseStore`, the write path
- :mod:`adatlas.db.review`: listing, approving and rejecting proposed changes
- :mod:`adatlas.db.admin`: ``db init``, ``db load``, ``db dump``, ``db user``
- :mod:`adatlas.db.cluster`: a throwaway local cluster (tests, ``make db``, benchmarks)
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

URL_PREFIXES = ("postgresql://", "postgres://")
# The project's database roles, each granted as adatlas_<name> (schema.sql).
ROLES = ("reader", "curator", "reviewer", "admin")


def is_database_url(location: object) -> bool:
    """Whether ``location`` (a ``--data`` value) names a database rather than a directory."""
    return isinstance(location, str) and location.strip().lower().startswith(URL_PREFIXES)


class DatabaseError(Exception):
    """A database failure, said in one line (see :func:`adatlas.db.connect.explain`)."""


def display(url: str) -> str:
    """The URL without its password, for messages and problem locations."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))
