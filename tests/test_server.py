"""server.py's warm-up: what it loads is kept out of the garbage collector's scans."""

from __future__ import annotations

import gc


def test_warm_up_freezes_what_it_loaded_for_the_garbage_collector():
    import server
    from ui.data import load_on_disk

    gc.unfreeze()
    load_on_disk.clear()
    try:
        server._warm_up()
        assert gc.get_freeze_count() > 100_000  # the library and the dataset, not a handful
    finally:
        gc.unfreeze()
