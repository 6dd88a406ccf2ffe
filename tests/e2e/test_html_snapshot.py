"""The standalone HTML snapshot opens from disk with all network blocked."""

from __future__ import annotations

import datetime as dt

import pytest

from adatlas import load_dataset
from adatlas.borders import load_borders
from adatlas.snapshot import render_html
from adatlas.view import View
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e


def test_html_snapshot_works_offline_from_file(browser, tmp_path):
    view = View(date=dt.date(2017, 1, 1), layers=frozenset({"alliances", "rings", "events"}))
    path = tmp_path / "snapshot.html"
    path.write_bytes(render_html(load_dataset(), view, load_borders(), title="Offline test"))
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.locator("path.adatlas-country").first.wait_for(state="attached", timeout=30_000)
    marker = page.locator("path.adatlas-id-usa-aegis-deveselu")
    marker.wait_for(state="attached")
    marker.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Deveselu" in popup.inner_text()
    # [source] opens the article inside the file: there is no Sources page to go to.
    popup.locator(".adatlas-source-link").first.click()
    card = page.locator(".adatlas-source-card")
    card.wait_for()
    for label in ("Title:", "Publisher:", "Date:", "URL:"):
        assert label in card.inner_text()
    assert card.locator("q.adatlas-excerpt").inner_text()
    assert page.url == path.as_uri()
    card.locator(".adatlas-back").click()
    popup.locator(".adatlas-popup-title", has_text="Deveselu").wait_for()
    # The legend is there, and within a quarter of the map.
    legend = page.locator(".adatlas-legend-box").bounding_box()
    whole = page.locator(".leaflet-container").bounding_box()
    assert legend["width"] * legend["height"] <= whole["width"] * whole["height"] / 4
    # layer toggles survive: the layer control lists the overlays
    assert page.locator(".leaflet-control-layers").count() == 1
    assert "Offline test" in page.locator(".adatlas-caption").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-snapshot-offline.png"))
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert errors == []
    context.close()
