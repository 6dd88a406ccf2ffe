"""The lock that serialises writes into one dataset directory (``<dataset>/.adatlas.lock``).

Writers (:mod:`adatlas.store`) hold it while they re-read, validate and write; readers take it
only once a writer has created it, so reading a dataset that was never written through
adatlas creates no file, and reading one that is never sees a write half-done.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".adatlas.lock"
WRITE_TIMEOUT_S = 30.0
READ_TIMEOUT_S = 10.0


class LockBusy(Exception):
    """Another write held the dataset's lock for longer than the timeout."""


@contextlib.contextmanager
def writing(root: Path | str, timeout: float = WRITE_TIMEOUT_S) -> Iterator[None]:
    """Hold the dataset's lock; raise :class:`LockBusy` after ``timeout`` s, OSError if the
    lock file cannot be created."""
    lock = FileLock(Path(root) / LOCK_NAME, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockBusy(f"another write into {root} held its lock for {timeout:g} s") from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def reading(root: Path | str, timeout: float = READ_TIMEOUT_S) -> Iterator[None]:
    """Wait for a write in progress to finish, if the dataset has a lock file; best effort."""
    path = Path(root) / LOCK_NAME
    if not path.exists():
        yield
        return
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except (Timeout, OSError):
        yield  # a stuck writer or a read-only dataset: read what is there
        return
    try:
        yield
    finally:
        lock.release()
