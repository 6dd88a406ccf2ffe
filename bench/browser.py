"""Time to first map paint in headless Chromium against a real `streamlit run` server."""

from __future__ import annotations

import time
from pathlib import Path

from tests.e2e.conftest import CHROMIUM_ARGS, MAP_FRAME, _chromium, start_server, stop_server


def first_paint_seconds(data_dir: Path | None, query: str = "?date=2024-01-01") -> list[float]:
    """Seconds from navigation to the first deployment marker drawn.

    The first value is a first visit (empty browser cache, server just started); the others
    are returning visits in the same browser profile (Streamlit's hashed assets cached).
    """
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    if executable is None:
        return []
    server = start_server(data_dir, name="bench")
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            profile = browser.new_context()
            for _ in range(4):
                page = profile.new_page()
                start = time.perf_counter()
                page.goto(f"{server.url}/{query}", wait_until="commit")
                frame = page.frame_locator(MAP_FRAME).first
                # drawn = in the map's DOM; off-screen markers are never "visible"
                frame.locator("path.adatlas-deployment").first.wait_for(
                    state="attached", timeout=120_000
                )
                times.append(time.perf_counter() - start)
                page.close()
            browser.close()
    finally:
        stop_server(server)
    return times
