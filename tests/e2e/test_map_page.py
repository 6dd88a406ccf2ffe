"""The map page in real headless Chromium, with no network beyond localhost."""

from __future__ import annotations

import pytest

from adatlas.borders import load_borders
from adatlas.webmap.build import install_border_files
from tests.e2e.conftest import map_frame, map_js_frame

pytestmark = pytest.mark.e2e


def open_map(page, server, query: str = ""):
    page.goto(f"{server.url}/{query}", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    return frame


def test_map_draws_with_no_network_and_no_console_errors(page, app_server):
    frame = open_map(page, app_server, "?date=2014-01-01")
    frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=30_000)
    # Borders are fetched from localhost; the Union State outline is drawn from them.
    frame.locator("path.adatlas-group-UNION_STATE").first.wait_for(state="attached", timeout=30_000)
    assert frame.locator("path.adatlas-country").count() > 50
    assert "Status" in frame.locator(".adatlas-legend").inner_text()
    page.get_by_text("Air and missile defense as of 01 January 2014").wait_for()
    assert page.recorded.console_errors == []
    leaflet = [u for u in page.recorded.requests if u.endswith("/vendor/leaflet/leaflet.js")]
    assert leaflet and leaflet[0].startswith(app_server.url)


def click_marker(frame, deployment_id: str) -> str:
    marker = frame.locator(f"path.adatlas-id-{deployment_id}")
    marker.wait_for(state="attached", timeout=30_000)
    marker.dispatch_event("click")  # markers can overlap; dispatch on this one
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    return popup.inner_text()


def test_clicking_a_deployment_shows_its_excerpt(page, app_server):
    frame = open_map(page, app_server, "?date=2014-01-01")
    text = click_marker(frame, "blr-s300ps-grodno-region")
    assert "four S-300 missile complexes" in text
    assert "Global Security Newswire" in text
    assert "region only — approximate location" in text
    assert "Range: 75 km (assumed)" in text  # carried over from another operator's S-300


def test_density_layer_draws(page, app_server):
    frame = open_map(page, app_server, "?date=2017-01-01&layers=density,rings")
    frame.locator("path.adatlas-density").first.wait_for(state="attached", timeout=30_000)
    assert frame.locator("path.adatlas-density-2").count() > 0  # overlapping rings exist
    assert "Coverage density" in frame.locator(".adatlas-legend").inner_text()
    assert page.recorded.console_errors == []


UNION_STATE = "adatlas-group-UNION_STATE"
VERTICES = """(name) => {
    let count = 0;
    const walk = (latlngs) => latlngs.forEach((x) => Array.isArray(x) ? walk(x) : count++);
    window.map.eachLayer((layer) => {
        if (layer.getLatLngs && (layer.options.className || "").split(" ").includes(name)) {
            walk(layer.getLatLngs());
        }
    });
    return count;
}"""


def test_wide_views_draw_coarse_borders_and_zooming_in_loads_the_detailed_ones(
    page, app_server, tmp_path
):
    files = install_border_files(tmp_path, load_borders())  # the names the server wrote

    def fetched() -> set[str]:
        return {u.removeprefix(app_server.url) for u in page.recorded.requests if "/borders-" in u}

    frame = open_map(page, app_server, "?date=2014-01-01&layers=alliances")
    frame.locator("path.adatlas-group-UNION_STATE").first.wait_for(state="attached")
    assert fetched() == {files.coarse}
    js = map_js_frame(page)
    wide = {name: js.evaluate(VERTICES, name) for name in ("adatlas-country", UNION_STATE)}

    js.evaluate(f"window.map.setZoom({files.detailed_from})")
    for name in ("adatlas-country", UNION_STATE):  # the alliance shading is redrawn too
        js.wait_for_function(f"({VERTICES})({name!r}) > {2 * wide[name]}", timeout=30_000)
    assert fetched() == {files.coarse, files.detailed}
    assert page.recorded.console_errors == []


def test_a_permalink_zoomed_in_loads_only_the_detailed_borders(page, app_server, tmp_path):
    files = install_border_files(tmp_path, load_borders())
    frame = open_map(page, app_server, f"?date=2014-01-01&zoom={files.detailed_from + 1}")
    frame.locator("path.adatlas-country").first.wait_for(state="attached")
    assert {u for u in page.recorded.requests if "/borders-" in u} == {
        app_server.url + files.detailed
    }


def test_a_stale_deployment_is_drawn_faded_and_says_when_it_was_last_heard_of(page, app_server):
    frame = open_map(page, app_server, "?date=2025-06-01")
    stale = frame.locator("path.adatlas-id-blr-s300-brest")
    stale.wait_for(state="attached", timeout=30_000)
    assert "adatlas-stale" in stale.get_attribute("class")
    assert float(stale.get_attribute("stroke-opacity")) < 1
    fresh = frame.locator("path.adatlas-id-usa-aegis-deveselu")
    assert "adatlas-stale" not in fresh.get_attribute("class")
    text = click_marker(frame, "blr-s300-brest")
    assert "Last confirmed: 2006" in text and "stale: not confirmed in the 24 months" in text
    assert "Confidence:" in text
    assert "stale" in frame.locator(".adatlas-legend").inner_text()
    assert page.recorded.console_errors == []
