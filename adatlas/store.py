"""The one write path into a dataset: apply a :class:`~adatlas.change.Change`, validated,
atomically, or return the problems.

A store is where a dataset lives. :class:`FileStore` is a directory of CSV and Markdown files;
:class:`adatlas.db.store.DatabaseStore` (a ``postgresql://`` URL) implements the same methods::

    store = open_store(location)
    store.read()                       # the dataset as stored now (a RawDataset)
    store.read(recorded_at=t, include_proposed=True)  # a database: as known at t, drafts too
    store.apply(change, dry_run=False) # → Applied: problems, or what was written

Both Curate's save and ``adatlas import`` go through :meth:`Store.apply`, which promises:
the change is checked with the one validator against the dataset as it is *at the moment of
writing* (inside the dataset's lock, so concurrent writers cannot both add the same id or lose
each other's rows); it is written completely or not at all; and every failure comes back as a
:class:`~adatlas.problems.Problem`, never an exception.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from adatlas import fileio
from adatlas.change import Change, check
from adatlas.db import is_database_url
from adatlas.lock import WRITE_TIMEOUT_S, LockBusy, reading, writing
from adatlas.problems import Problem
from adatlas.reader import RawDataset, read_dataset
from adatlas.schema import TABLES
from adatlas.validate import record_id, validate_raw


@dataclass(frozen=True)
class Applied:
    """The outcome of :meth:`Store.apply`."""

    problems: list[Problem]  # empty: the change was written (or, in a dry run, would be)
    added: dict[str, int]  # table → records added
    written: tuple[str, ...] = ()  # what was (or would be) written, relative to the store
    backup: str | None = None  # where the previous versions are kept, if the store keeps them
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class Store(Protocol):
    """A place a dataset is read from and written to."""

    location: str

    def read(
        self, *, recorded_at: dt.datetime | None = None, include_proposed: bool = False
    ) -> RawDataset: ...

    def apply(self, change: Change, *, dry_run: bool = False) -> Applied: ...


class NoHistory(ValueError):
    """A file dataset keeps no history: "as recorded at" needs the team store."""


def open_store(location: Path | str, connection: object | None = None) -> Store:
    """The store at ``location``: a dataset directory or a ``postgresql://`` URL (then
    ``connection`` may be a signed-in user's psycopg connection)."""
    if is_database_url(location):
        from adatlas.db.store import DatabaseStore  # psycopg only when a database is used

        return DatabaseStore(str(location), connection)  # type: ignore[arg-type]
    return FileStore(location)


class FileStore:
    """A dataset directory: ``geodata/*.csv`` and ``articles/*.md``.

    Writes hold ``<root>/.adatlas.lock``, append rows under each file's own header (other lines
    stay byte for byte), replace every file atomically with the permissions it had (new files
    get the umask's), and keep the previous files in ``backups/<time>/``. If any write fails,
    the files already replaced are put back.
    """

    def __init__(self, root: Path | str, lock_timeout: float = WRITE_TIMEOUT_S) -> None:
        self.root = Path(root)
        self.location = str(root)
        self.lock_timeout = lock_timeout

    def read(
        self, *, recorded_at: dt.datetime | None = None, include_proposed: bool = False
    ) -> RawDataset:
        """The files as they are (they hold no proposals; ``include_proposed`` changes nothing)."""
        if recorded_at is not None:
            raise NoHistory(
                f"{self.location} is a file dataset, which keeps no history; "
                "--recorded-at needs a team store (a postgresql:// URL)"
            )
        with reading(self.root):
            return read_dataset(self.root)

    def apply(self, change: Change, *, dry_run: bool = False) -> Applied:
        added = change.added
        if not self.root.is_dir():
            message = "dataset directory does not exist"
            return Applied([Problem(self.location, 0, "", message)], added, dry_run=dry_run)
        if not (change.rows or change.articles or change.updates):
            return Applied([], {}, dry_run=dry_run)
        # A first check without the lock: a change with problems is refused without creating
        # even the lock file, so a refused change leaves the directory exactly as it was.
        base = self.read()
        _, problems = check(base, change)
        files, found = ({}, []) if problems else self._files(base, change)
        if problems or found or dry_run:
            return Applied(problems + found, added, tuple(files), dry_run=dry_run)
        try:
            with writing(self.root, self.lock_timeout):
                return self._apply_locked(change)
        except LockBusy as exc:
            message = f"{exc}; nothing was written, try again"
            return Applied([Problem(self.location, 0, "", message)], added)
        except OSError as exc:
            message = f"cannot lock the dataset ({exc.strerror or exc}); nothing was written"
            return Applied([Problem(self.location, 0, "", message)], added)

    def _apply_locked(self, change: Change) -> Applied:
        added = change.added
        # Again, against the files as they are now: another writer may have added since.
        base = read_dataset(self.root)
        _, problems = check(base, change)
        if problems:
            return Applied(problems, added)
        files, problems = self._files(base, change)
        if problems:
            return Applied(problems, added)
        # What will be on disk must read back as a valid dataset; this guards the writing
        # code itself (a row that would not survive being written), not the user's input.
        after = validate_raw(read_dataset(self.root, overlay=files))
        if after:
            return Applied(after, added)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.root / "backups" / stamp
        try:
            self._backup(files, backup)
        except OSError as exc:
            shutil.rmtree(backup, ignore_errors=True)
            message = f"cannot back up the files ({exc.strerror or exc}); nothing was written"
            return Applied([Problem(self.location, 0, "", message)], added)
        problem, restored = self._write(files, backup)
        if problem is None:
            return Applied([], added, tuple(files), str(backup))
        if restored:
            shutil.rmtree(backup, ignore_errors=True)  # the dataset is as it was: nothing to undo
            return Applied([problem], added)
        return Applied([problem], added, backup=str(backup))

    # -- the files a change becomes --------------------------------------------------------

    def _files(self, base: RawDataset, change: Change) -> tuple[dict[str, bytes], list[Problem]]:
        """Relative path → new bytes of every file the change writes; or the problems."""
        files: dict[str, bytes] = {f"articles/{a.id}.md": a.data for a in change.articles}
        problems: list[Problem] = []
        for name in TABLES:
            rows, updates = change.rows.get(name, []), change.updates.get(name, {})
            if not rows and not updates:
                continue
            table = TABLES[name]
            path = self.root / table.file
            try:
                existing = path.read_bytes() if path.exists() else None
                if existing is None:
                    known = [c.name for c in table.columns]
                    extra = [c for c in change.columns.get(name, []) if c not in known]
                    existing = _csv_line(known + extra, "\n").encode("utf-8")
                text = existing.decode("utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:  # changed since it was validated
                problems.append(Problem(str(path), 0, "", f"cannot read the file again: {exc}"))
                continue
            newline = "\r\n" if "\r\n" in text else "\n"
            header = [h.strip() for h in next(csv.reader(io.StringIO(text, newline="")), [])]
            for row in rows:
                missing = [k for k, v in row.values.items() if v.strip() and k not in header]
                if missing:
                    problems.append(
                        Problem(
                            row.path or table.file,
                            row.line,
                            record_id(base.tables[name], row),
                            f"{table.file} has no column {', '.join(map(repr, missing))}; add it "
                            "to that file's header first, or leave the value empty",
                        )
                    )
            if updates:
                text, found = _rewritten(text, header, table.key or "id", updates, newline)
                problems.extend(Problem(change.updates_label, 0, "", m) for m in found)
            if rows:
                separator = "" if not text or text.endswith(("\n", "\r")) else newline
                lines = "".join(
                    _csv_line([row.values.get(h, "") for h in header], newline) for row in rows
                )
                text = text + separator + lines
            bom = "\ufeff" if existing.startswith(b"\xef\xbb\xbf") else ""
            files[table.file] = (bom + text).encode("utf-8")
        return files, problems

    # -- writing ----------------------------------------------------------------------------

    def _backup(self, files: dict[str, bytes], backup: Path) -> None:
        backup.mkdir(parents=True)
        replaced = [rel for rel in files if (self.root / rel).exists()]
        for rel in replaced:
            (backup / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.root / rel, backup / rel)
        created = [rel for rel in files if rel not in replaced]
        note = (
            "Files as they were before one write into this dataset.\n"
            "To undo that write: copy these files back and delete the files it added.\n\n"
            + "".join(f"replaced: {rel}\n" for rel in replaced)
            + "".join(f"added: {rel}\n" for rel in created)
        )
        fileio.write_atomic(backup / "CHANGE.txt", note.encode("utf-8"))

    def _write(self, files: dict[str, bytes], backup: Path) -> tuple[Problem | None, bool]:
        """Replace each file atomically; on a failure put back those already replaced.

        Returns the problem (None if all went well) and whether the dataset is as before.
        """
        done: list[tuple[Path, bytes | None]] = []
        for rel, data in files.items():
            path = self.root / rel
            try:
                previous = path.read_bytes() if path.exists() else None
                fileio.write_atomic(path, data, overwrite=previous is not None)
            except OSError as exc:
                failure = f"cannot write {rel} ({exc.strerror or exc})"
                try:
                    for written, original in reversed(done):
                        if original is None:
                            written.unlink(missing_ok=True)
                        else:
                            fileio.write_atomic(written, original)
                except OSError as again:
                    return Problem(
                        str(path),
                        0,
                        "",
                        f"{failure}, and restoring the files written before it failed too "
                        f"({again.strerror or again}); copy the files in {backup} back by hand",
                    ), False
                message = f"{failure}; nothing was changed (the dataset is as before)"
                return Problem(str(path), 0, "", message), True
            done.append((path, previous))
        for directory in {(self.root / rel).parent for rel in files}:
            _fsync_directory(directory)
        return None, False


def _csv_line(cells: list[str], newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(cells)
    return buffer.getvalue()


def _rewritten(
    text: str, header: list[str], key: str, updates: dict[str, dict[str, str]], newline: str
) -> tuple[str, list[str]]:
    """``text`` with the records whose ``key`` is in ``updates`` rewritten; every other line is
    kept exactly as it was."""
    missing = sorted({k for u in updates.values() for k, v in u.items() if v and k not in header})
    if missing:
        return text, [f"the file has no column(s) {', '.join(missing)}"]
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    out, previous_end = lines[: reader.line_num], reader.line_num
    for cells in reader:
        start, previous_end = previous_end, reader.line_num
        record = dict(zip(header, cells, strict=False))
        update = updates.get((record.get(key) or "").strip())
        if update is None:
            out.extend(lines[start:previous_end])
            continue
        values = [update.get(h, cell) for h, cell in zip(header, cells, strict=False)]
        out.append(_csv_line(values + cells[len(header) :], newline))
    return "".join(out), []


def _fsync_directory(directory: Path) -> None:
    """Make the renames durable (best effort: not every file system allows it)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
