"""Import the whole library once, one thread at a time, before any page uses it.

Two threads importing ``adatlas`` for the first time at once can deadlock on the import locks
of a package and its child (CPython detects it and hands one thread a half-initialised module:
"cannot import name … from partially initialized module"). That happened here between the
server's warm-up thread and the first page run, and could between two first sessions. Every
page run and the warm-up call :func:`import_library` first; after the first call it returns at
once.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

_LOCK = threading.Lock()
_done = False


def import_library() -> None:
    global _done
    if _done:
        return
    with _LOCK:
        if _done:
            return
        package = importlib.import_module("adatlas")
        for module in pkgutil.walk_packages(package.__path__, prefix="adatlas."):
            if not module.name.endswith("__main__"):  # that one runs the CLI
                importlib.import_module(module.name)
        _done = True
