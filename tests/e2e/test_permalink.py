"""A permalink reproduces the view: date, filters, centre and zoom."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import map_frame, map_js_frame

pytestmark = pytest.mark.e2e


def wait_map(page):
    frame = map_frame(page)
    frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=60_000)
    return map_js_frame(page)


def map_state(js_frame) -> tuple[float, float, int]:
    return tuple(
        js_frame.evaluate(
            "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
        )
    )


def test_permalink_reproduces_the_view(browser, app_server):
    query = "?date=2016-06-01&operator=USA&zoom=6&lat=45.5&lon=25.5"
    first = browser.new_page(viewport={"width": 1400, "height": 900})
    first.goto(f"{app_server.url}/{query}")
    js = wait_map(first)
    first.get_by_text("Air and missile defense as of 01 June 2016").wait_for()
    lat, lon, zoom = map_state(js)
    assert (round(lat, 1), round(lon, 1), zoom) == (45.5, 25.5, 6)
    shown = int(
        re.match(r"(\d+) deployments shown", first.get_by_text("deployments shown").inner_text())[1]
    )
    assert map_frame(first).locator("path.adatlas-deployment").count() == shown
    assert map_frame(first).locator("path.adatlas-id-usa-aegis-deveselu").count() == 1
    assert map_frame(first).locator("path.adatlas-id-blr-s300ps-polotsk").count() == 0  # filtered

    # The user pans and zooms: the URL follows, so copying it keeps the new view.
    js.evaluate("window.map.setView([50.0, 20.0], 7)")
    first.wait_for_url(re.compile(r".*zoom=7.*"), timeout=30_000)
    url = first.url
    assert "lat=50.0000" in url and "lon=20.0000" in url and "operator=USA" in url
    first.close()

    second = browser.new_page(viewport={"width": 1400, "height": 900})
    second.goto(url)
    js = wait_map(second)
    second.get_by_text("Air and missile defense as of 01 June 2016").wait_for()
    lat, lon, zoom = map_state(js)
    assert (round(lat, 1), round(lon, 1), zoom) == (50.0, 20.0, 7)
    assert map_frame(second).locator("path.adatlas-id-blr-s300ps-polotsk").count() == 0
    second.screenshot(path="test-artifacts/permalink.png")
    second.close()


def test_bad_parameters_show_a_warning_in_the_page(page, app_server):
    page.goto(f"{app_server.url}/?date=2016-02-30&zoom=<b>big</b>")
    wait_map(page)
    page.get_by_text("Ignored URL parameter date='2016-02-30'").wait_for()
    assert page.get_by_text("zoom='<b>big</b>': not a whole number").count() == 1
    assert page.recorded.console_errors == []


def test_opening_the_map_leaves_the_url_alone(page, app_server):
    """Leaflet reports a pixel-snapped centre on load; that is not a pan, so no lat/lon."""
    page.goto(f"{app_server.url}/?date=2016-06-01")
    wait_map(page)
    # streamlit-folium reports the map's position 250 ms after it settles; give it time.
    page.wait_for_timeout(2_000)
    assert "lat=" not in page.url and "zoom=" not in page.url
    assert "date=2016-06-01" in page.url
