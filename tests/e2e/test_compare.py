"""Two synchronised maps in Chromium: moving one moves the other."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e


def _maps(page):
    return [f for f in page.frames if "streamlit_folium" in f.url]


def test_maps_follow_each_other(page, app_server):
    page.goto(f"{app_server.url}/Compare?date=2017-01-01")
    page.get_by_role("heading", name="Compare two dates").wait_for(timeout=60_000)
    maps = "iframe[title='streamlit_folium.st_folium']"
    page.wait_for_function(f'() => document.querySelectorAll("{maps}").length == 2', timeout=60_000)
    page.wait_for_timeout(2000)
    first, second = _maps(page)[:2]
    first.wait_for_function("() => window.map !== undefined", timeout=30_000)
    second.wait_for_function("() => window.map !== undefined", timeout=30_000)
    # Each map reports its start position once it has loaded, and that rerun must be over
    # first: a move made during it can be answered with the old position.
    page.wait_for_timeout(1000)
    wait_idle(page)
    first.evaluate("window.map.setView([47.0, 28.0], 6)")
    second.wait_for_function(
        "() => Math.abs(window.map.getCenter().lat - 47.0) < 0.01 && window.map.getZoom() == 6",
        polling=250,  # by interval: animation frames in an iframe can stall while it reruns
        timeout=60_000,
    )
    assert page.recorded.console_errors == []
