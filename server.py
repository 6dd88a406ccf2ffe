"""`streamlit run server.py`: the dashboard (app.py), with its data loaded as the server starts.

Streamlit runs a page's script only when a browser connects, so without this the first visitor
after a start waits ≈ 1.5 s for imports, validation and the borders file. The warm-up runs in a
thread: the server answers at once, and a visit during the warm-up waits on the same cache.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import AsyncIterator

import streamlit as st

WARM_UP_THREAD = "adatlas-warm-up"


class _NoSessionWarning(logging.Filter):
    """Streamlit warns when its cache runs outside a session; the warm-up does so on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != WARM_UP_THREAD


def _warm_up() -> None:
    # The whole library (matplotlib for snapshots included), under the lock page runs also
    # take. Not streamlit_folium: imported here, outside a page run, its component was not
    # registered (seen: iframe 404).
    from ui.library_import import import_library

    import_library()
    from adatlas.dataset import DatasetError, default_location
    from adatlas.db import is_database_url
    from ui.data import load_on_disk

    location = default_location()
    if not is_database_url(location):  # a team store is read per change counter, on a page run
        # An invalid dataset is not cached: the first page run lists its problems.
        with contextlib.suppress(DatasetError):
            load_on_disk(location)
    # Streamlit collects garbage after every script run (runner.postScriptGC), holding the
    # interpreter ≈ 150 ms here for the library and data loaded above: twice per visit, before
    # the map is sent. Frozen, they are no longer scanned. They stay reference-counted: only
    # cycles among them are kept, e.g. the first dataset's, once a save reloads it.
    gc.freeze()


@contextlib.asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        _NoSessionWarning()
    )
    threading.Thread(target=_warm_up, name=WARM_UP_THREAD, daemon=True).start()
    yield


app = st.App("app.py", lifespan=_lifespan)
