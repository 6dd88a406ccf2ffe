"""Legends that never hide the map, measured in Chromium: the legend's box against the map's."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import map_frame

pytestmark = pytest.mark.e2e

MAPS = "iframe[title='streamlit_folium.st_folium']"


def _boxes(frame) -> tuple[dict, dict]:
    legend = frame.locator(".adatlas-legend-box")
    legend.wait_for(timeout=30_000)
    return legend.bounding_box(), frame.locator(".leaflet-container").bounding_box()


def _assert_at_most_a_quarter(legend: dict, whole: dict) -> None:
    assert legend["width"] <= whole["width"] / 2 + 1
    assert legend["height"] <= whole["height"] / 2 + 1
    assert legend["width"] * legend["height"] <= whole["width"] * whole["height"] / 4
    # and inside the map
    assert (
        whole["x"] <= legend["x"] and legend["x"] + legend["width"] <= whole["x"] + whole["width"]
    )


def test_start_page_legend_is_open_compact_and_only_what_is_on_the_map(page, app_server):
    page.goto(f"{app_server.url}/?date=2017-01-01")
    frame = map_frame(page)
    frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=60_000)
    legend, whole = _boxes(frame)
    _assert_at_most_a_quarter(legend, whole)
    text = frame.locator(".adatlas-legend-box").inner_text()
    assert "Status" in text and "Membership on the date" in text
    assert "Coverage density" not in text  # the layer is off
    # Hidden with one click, and it stays so after a rerun (the date moves).
    frame.locator(".adatlas-legend-toggle").click()
    assert frame.locator(".adatlas-legend").is_hidden()
    small, _ = _boxes(frame)
    assert small["width"] * small["height"] < whole["width"] * whole["height"] / 50
    assert page.recorded.console_errors == []


def test_density_on_adds_its_section_and_the_legend_still_fits(page, app_server):
    page.goto(f"{app_server.url}/?date=2017-01-01&layers=alliances,rings,density,events")
    frame = map_frame(page)
    frame.locator("path.adatlas-density").first.wait_for(state="attached", timeout=60_000)
    legend, whole = _boxes(frame)
    _assert_at_most_a_quarter(legend, whole)
    text = frame.locator(".adatlas-legend-box").inner_text()
    assert "Coverage density" in text and "Events" in text


def test_timeline_map_starts_with_a_legend_button(page, app_server):
    page.goto(f"{app_server.url}/Timeline?date=2017-01-01")
    frame = map_frame(page)
    frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=60_000)
    legend, whole = _boxes(frame)
    assert frame.locator(".adatlas-legend-toggle").inner_text() == "Legend"
    assert legend["width"] * legend["height"] < whole["width"] * whole["height"] / 50
    frame.locator(".adatlas-legend-toggle").click()
    frame.locator(".adatlas-legend").wait_for()
    opened, _ = _boxes(frame)
    _assert_at_most_a_quarter(opened, whole)
    assert page.recorded.console_errors == []


def test_compare_shows_one_shared_legend_outside_both_maps(page, app_server):
    page.goto(f"{app_server.url}/Compare?date=2017-01-01")
    page.get_by_role("heading", name="Compare two dates").wait_for(timeout=60_000)
    page.wait_for_function(f'() => document.querySelectorAll("{MAPS}").length == 2', timeout=60_000)
    for index in range(2):
        frame = page.frame_locator(MAPS).nth(index)
        frame.locator("path.adatlas-deployment").first.wait_for(state="attached", timeout=60_000)
        assert frame.locator(".adatlas-legend-box").count() == 0
    shared = page.locator(".adatlas-legend-inline")
    assert shared.count() == 1
    assert "Status" in shared.inner_text()
    maps = [page.locator(MAPS).nth(i).bounding_box() for i in range(2)]
    box = shared.bounding_box()
    assert all(box["y"] >= m["y"] + m["height"] - 1 for m in maps)  # below, not over, the maps
    assert page.recorded.console_errors == []


def test_a_popup_lists_every_deployment_at_its_point(page, app_server):
    # Two Russian S-400 records share Kaliningrad's coordinates.
    page.goto(f"{app_server.url}/?date=2024-06-01")
    frame = map_frame(page)
    marker = frame.locator("path.adatlas-id-rus-s400-kaliningrad")
    marker.wait_for(state="attached", timeout=60_000)
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "2 deployments at this point" in popup.inner_text()
    other = popup.locator("button.adatlas-here-item", has_text="March 2019")
    other.click()
    frame.locator(".adatlas-popup-title", has_text="March 2019").wait_for()
    assert "March 2019" in popup.locator(".adatlas-here-item.adatlas-current").inner_text()
    assert page.recorded.console_errors == []
