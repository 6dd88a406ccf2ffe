"""Writing one file atomically, with the permissions an ordinary write would give it.

``tempfile.mkstemp`` creates files readable by their owner only (0600), and a rename keeps that
mode, so exports and dataset files ended up private. Here the temporary file is opened with mode
0666, which the kernel narrows by the process umask exactly as for any new file (no global umask
read, which would race between threads); a file that is replaced keeps its own mode.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: Path | str, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    Readers see the old file or the new one, never a part. Raises ``FileExistsError`` if the
    file exists and not ``overwrite``, and ``OSError`` for any failure; on failure ``path`` is
    untouched and the temporary file is removed.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        previous = path.stat()
    except FileNotFoundError:
        previous = None
    if previous is not None and not overwrite:
        raise FileExistsError(17, "File exists", str(path))
    temporary = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            if previous is not None:
                os.chmod(stream.fileno(), previous.st_mode & 0o7777)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not overwrite and path.exists():
            raise FileExistsError(17, "File exists", str(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def shown(path: Path | str) -> str:
    """A path for a message; quoted when it holds characters a terminal would not show."""
    text = str(path)
    return text if text.isprintable() else repr(text)
