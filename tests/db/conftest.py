"""A throwaway PostgreSQL cluster for the team-store tests (started once per run, stopped after).

With CI=true a missing server is a failure, not a skip: CI installs it (.ci/run).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from adatlas.db import admin
from adatlas.db.cluster import Cluster, ClusterError, server_bin, start, stop

REPO = Path(__file__).resolve().parent.parent.parent
PASSWORDS = {"alice": "alice-pw", "carol": "carol-pw", "bob": "bob-pw", "web": "web-pw"}
ROLES = {"alice": "curator", "carol": "curator", "bob": "reviewer", "web": "reader"}
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Cluster:
    try:
        server_bin()
    except ClusterError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(str(exc))
    # Not under pytest's tmp_path: as root, the server runs as `postgres`, which cannot enter
    # pytest's private directories; start() hands this one to it.
    directory = Path(tempfile.mkdtemp(prefix="adatlas-pg-"))
    cluster = start(directory, durable=False)
    yield cluster
    stop(directory)
    shutil.rmtree(directory, ignore_errors=True)


@dataclass(frozen=True)
class TeamStore:
    cluster: Cluster
    database: str

    @property
    def admin(self) -> str:
        return self.cluster.admin_url(self.database)

    def url(self, user: str) -> str:
        return self.cluster.url(self.database, user, PASSWORDS[user])


def new_store(cluster: Cluster, source: Path | None = REPO) -> TeamStore:
    """A new database with the schema, the users, and (unless None) ``source`` loaded."""
    name = f"atlas{next(_names)}"
    cluster.create_database(name)
    store = TeamStore(cluster, name)
    admin.init(store.admin)
    for user, role in ROLES.items():
        admin.add_user(store.admin, user, PASSWORDS[user], role)
    if source is not None:
        admin.load(source, store.admin)
    return store


@pytest.fixture
def team_store(pg_cluster: Cluster, good_dir: Path) -> TeamStore:
    """The small test dataset in a fresh database (fast)."""
    return new_store(pg_cluster, good_dir)


@pytest.fixture(scope="session")
def shipped_store(pg_cluster: Cluster) -> TeamStore:
    """The shipped dataset, loaded once per run; tests must not write to it."""
    return new_store(pg_cluster, REPO)
