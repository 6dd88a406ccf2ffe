"""The team store against files: load time of the curated data, and an as-of query at 10k sites.

A throwaway PostgreSQL cluster (the one the tests use, durable) is started for the run and
stopped after. Each figure is the best of three: reading and validating the whole dataset
(`load_dataset`), then the as-of query a `query` or a map makes for one day.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from adatlas.dataset import load_dataset
from adatlas.query import as_of

READER_PASSWORD = "bench-reader"  # a throwaway cluster on loopback, gone after the run


def _best(function: Callable[[], Any], repeat: int = 3) -> tuple[Any, float]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return result, min(times)


@contextmanager
def team_cluster() -> Iterator[Any]:
    """A started cluster, or ``None`` where PostgreSQL is not installed."""
    from adatlas.db.cluster import ClusterError, server_bin, start, stop

    try:
        server_bin()
    except ClusterError:
        yield None
        return
    directory = Path(tempfile.mkdtemp(prefix="adatlas-bench-pg-"))
    try:
        yield start(directory)
    finally:
        stop(directory)
        shutil.rmtree(directory, ignore_errors=True)


def compare(cluster: Any, name: str, data_dir: Path, date: dt.date) -> dict[str, str]:
    """One row: files against a PostGIS database loaded from ``data_dir``, read as the
    dashboard's read-only role over TCP."""
    from adatlas.db import admin

    database = f"bench_{name}"
    cluster.create_database(database)
    admin.init(cluster.admin_url(database))
    admin.add_user(cluster.admin_url(database), "bench_reader", READER_PASSWORD, "reader")
    start = time.perf_counter()
    admin.load(data_dir, cluster.admin_url(database))
    db_load = time.perf_counter() - start
    url = cluster.url(database, "bench_reader", READER_PASSWORD)
    files, files_s = _best(lambda: load_dataset(data_dir))
    stored, stored_s = _best(lambda: load_dataset(url))
    _, files_asof = _best(lambda: as_of(files, date))
    _, stored_asof = _best(lambda: as_of(stored, date))
    return {
        "data": f"{name} ({len(files.deployments):,} sites)",
        "db load s": f"{db_load:.2f}",
        "read files / PostGIS s": f"{files_s:.2f} / {stored_s:.2f}",
        "as-of files / PostGIS ms": f"{files_asof * 1e3:.0f} / {stored_asof * 1e3:.0f}",
        "read + as-of files / PostGIS s": (
            f"{files_s + files_asof:.2f} / {stored_s + stored_asof:.2f}"
        ),
    }
