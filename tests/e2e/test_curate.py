"""Curating a new article in Chromium: paste, cite, create a deployment, save, see it on the map."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import map_frame, start_server, stop_server, wait_idle

pytestmark = pytest.mark.e2e


@pytest.fixture
def own_dataset_server(tmp_path):
    root = tmp_path / "mine"
    shutil.copytree(FIXTURES / "good", root)
    server = start_server(root, name="curate", extra_env={"ADATLAS_CURATE": "1"})
    yield server, root
    stop_server(server)


def fill(page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")  # Streamlit commits a text field when it loses focus


def fill_new_battery(page) -> None:
    """The article, its excerpt and deployment site-3, as a curator types them."""
    fill(page, "Article id (file name)", "gamma")
    fill(page, "Title", "New battery")
    fill(page, "Publisher", "Test Wire")
    fill(page, "Publication date (YYYY[-MM[-DD]])", "2020-03-05")
    fill(page, "URL", "https://example.org/gamma")
    fill(
        page,
        "Article text (paste)",
        "The ministry said a new battery took up combat duty near Hrodna in 2020.",
    )
    fill(
        page,
        "Excerpt, copied verbatim from the text",
        "a new battery took up combat duty near Hrodna",
    )
    page.get_by_text("The excerpt appears in the article.").wait_for(timeout=30_000)
    fill(page, "Deployment id", "site-3")
    fill(page, "Name", "New battery")
    fill(page, "Operator (ISO3)", "BLR")
    fill(page, "Host country (ISO3)", "BLR")
    fill(page, "Latitude", "53.7")
    fill(page, "Longitude", "23.8")
    fill(page, "Status date (YYYY, YYYY-MM or YYYY-MM-DD)", "2020-03")


def test_paste_to_map(page, own_dataset_server):
    server, root = own_dataset_server
    page.goto(f"{server.url}/Curate")
    page.get_by_role("heading", name="Curate a new source").wait_for(timeout=60_000)
    fill_new_battery(page)
    page.get_by_text("The new article and record pass every check.").wait_for(timeout=20_000)
    wait_idle(page)  # while a run redraws the page, the old, disabled button is still there
    page.get_by_role("button", name="Save into my dataset", disabled=False).click()
    page.get_by_text("Saved into").wait_for(timeout=20_000)
    assert (root / "articles" / "gamma.md").exists()

    page.get_by_role("link", name="app").click()
    frame = map_frame(page)
    marker = frame.locator("path.adatlas-id-site-3")
    marker.wait_for(state="attached", timeout=60_000)
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "a new battery took up combat duty near Hrodna" in popup.inner_text()
    assert page.recorded.console_errors == []
