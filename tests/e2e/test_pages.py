"""Each page in real headless Chromium: renders, no console errors, nothing leaves localhost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adatlas import load_dataset
from adatlas.articles import normalise_text
from tests.e2e.conftest import map_frame, wait_idle

pytestmark = pytest.mark.e2e


def test_timeline_renders_and_plays(page, app_server):
    page.goto(f"{app_server.url}/Timeline?date=2013-10-01")
    page.get_by_role("heading", name="Timeline").wait_for(timeout=60_000)
    page.locator("[data-testid='stVegaLiteChart'], .vega-embed").first.wait_for(timeout=30_000)
    heading = page.get_by_role("heading", name=re.compile(r"^\d{2} \w+ \d{4}$"))
    heading.wait_for()
    assert heading.inner_text() == "01 October 2013"
    page.get_by_text("▶ Play").click()
    page.get_by_role("heading", name=re.compile(r"(November|December) 2013")).wait_for(
        timeout=30_000
    )
    page.get_by_text("▶ Play").click()  # pause
    map_frame(page).locator("path.adatlas-deployment").first.wait_for(
        state="attached", timeout=30_000
    )
    assert page.recorded.console_errors == []


def test_sources_page_from_a_popup_link(page, app_server):
    page.goto(f"{app_server.url}/?date=2014-01-01")
    frame = map_frame(page)
    marker = frame.locator("path.adatlas-id-blr-s300ps-grodno-region")
    marker.wait_for(state="attached", timeout=60_000)
    marker.dispatch_event("click")
    link = frame.locator(".leaflet-popup-content a", has_text="[source]").first
    link.wait_for()
    href = link.get_attribute("href")
    assert href.startswith("/Sources?citation=")
    page.goto(f"{app_server.url}{href}")
    page.get_by_role("heading", name="Sources").wait_for(timeout=60_000)
    focused = page.locator("mark.adatlas-excerpt[style*='outline']")
    focused.first.wait_for(timeout=30_000)
    # The outlined excerpt is the one the link names (it may span several marks).
    citation = href.split("citation=", 1)[1]
    excerpt = normalise_text(load_dataset().citations.loc[citation, "excerpt"])
    shown = normalise_text(" ".join(focused.all_inner_texts()))
    assert shown and shown in excerpt
    assert page.recorded.console_errors == []


def test_data_page_downloads_csv(page, app_server):
    page.goto(f"{app_server.url}/Data?date=2017-01-01")
    page.get_by_role("heading", name="Records as of 01 January 2017").wait_for(timeout=60_000)
    wait_idle(page)  # a click while the script still runs can be lost in the rerender
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    content = Path(info.value.path()).read_text(encoding="utf-8")
    assert content.startswith("id,name,system") and "usa-aegis-deveselu" in content
    assert page.recorded.console_errors == []


def test_analysis_page_renders_coverage(page, app_server):
    page.goto(f"{app_server.url}/Analysis?date=2017-01-01")
    page.get_by_role("heading", name="Analysis").wait_for(timeout=60_000)
    page.get_by_text("Area inside the rings").wait_for(timeout=60_000)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
    frame.locator("path.adatlas-covered").first.wait_for(state="attached", timeout=30_000)
    assert page.recorded.console_errors == []


def test_page_list_names_every_page(page, app_server):
    page.goto(f"{app_server.url}/?date=2014-01-01")
    map_frame(page).locator("path.adatlas-deployment").first.wait_for(
        state="attached", timeout=60_000
    )
    nav = page.get_by_test_id("stSidebarNav")
    names = [name.strip() for name in nav.get_by_role("link").all_inner_texts()]
    assert names == ["Map", "Timeline", "Sources", "Data", "Analysis", "Compare", "Curate"]
    nav.get_by_role("link", name="Data").click()
    page.get_by_role("heading", name="Records as of 01 January 2014").wait_for(timeout=60_000)
    assert page.url.split("?")[0].endswith("/Data")
