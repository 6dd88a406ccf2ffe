"""Two dashboard servers on one team store, in Chromium: a curator signs in on one and proposes
a record, it shows marked as proposed on the other, a reviewer approves it there, and the first
server's map shows it within a few seconds."""

from __future__ import annotations

import time

import pytest

from tests.db.conftest import PASSWORDS, new_store, pg_cluster  # noqa: F401 (a fixture)
from tests.e2e.conftest import map_frame, start_server, stop_server, wait_idle
from tests.e2e.test_curate import fill_new_battery

pytestmark = pytest.mark.e2e

SEEN_WITHIN_S = 10  # the counter is read at most every 2 s; a page run takes a few more


@pytest.fixture
def two_servers(pg_cluster, good_dir):  # noqa: F811 (the fixture imported above)
    store = new_store(pg_cluster, good_dir)
    url = store.url("web")
    first = start_server(url, name="team-1")
    try:
        second = start_server(url, name="team-2")
    except BaseException:
        stop_server(first)
        raise
    yield first, second
    stop_server(second)
    stop_server(first)


def sign_in(page, server, user: str) -> None:
    page.goto(f"{server.url}/Curate")
    page.get_by_role("heading", name="Curate a new source").wait_for(timeout=60_000)
    page.get_by_label("Database user").fill(user)
    page.get_by_label("Password", exact=True).fill(PASSWORDS[user])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"as {user} (").wait_for(timeout=30_000)
    wait_idle(page)


def propose_site_3(page) -> None:
    fill_new_battery(page)
    page.get_by_text("The new article and record pass every check.").wait_for(timeout=30_000)
    wait_idle(page)  # while a run redraws the page, the old, disabled button is still there
    page.get_by_role("button", name="Propose for review", disabled=False).click()
    page.get_by_text("proposed, awaiting review").wait_for(timeout=30_000)


def test_two_servers_one_store_propose_review_and_see_it(browser, two_servers):
    first, second = two_servers
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    curator, reviewer, viewer = (context.new_page() for _ in range(3))
    try:
        sign_in(curator, first, "alice")
        propose_site_3(curator)

        # The second server, with drafts on: the record is there, marked as proposed.
        reviewer.goto(f"{second.url}/?date=2021-01-01&proposed=1")
        marker = map_frame(reviewer).locator("path.adatlas-id-site-3")
        marker.wait_for(state="attached", timeout=60_000)
        assert "adatlas-proposed" in marker.get_attribute("class")
        marker.dispatch_event("click")
        popup = map_frame(reviewer).locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Proposed: awaiting review" in popup.inner_text()

        # The first server, approved records only: not there yet.
        viewer.goto(f"{first.url}/?date=2021-01-01")
        map_frame(viewer).locator("path.adatlas-id-site-1").wait_for(
            state="attached", timeout=60_000
        )
        assert map_frame(viewer).locator("path.adatlas-id-site-3").count() == 0

        # A reviewer approves it on the second server.
        sign_in(reviewer, second, "bob")
        reviewer.get_by_role("tab", name="Review").click()
        reviewer.get_by_role("button", name="Approve").click()
        reviewer.get_by_text("approved.").wait_for(timeout=30_000)
        approved_at = time.monotonic()

        # The first server shows it, drawn as approved, within a few seconds.
        while True:
            viewer.goto(f"{first.url}/?date=2021-01-01")
            frame = map_frame(viewer)
            frame.locator("path.adatlas-id-site-1").wait_for(state="attached", timeout=60_000)
            if frame.locator("path.adatlas-id-site-3").count():
                break
            assert time.monotonic() - approved_at < SEEN_WITHIN_S, "the approval never showed"
            viewer.wait_for_timeout(500)
        classes = frame.locator("path.adatlas-id-site-3").get_attribute("class")
        assert "adatlas-proposed" not in classes
    finally:
        context.close()
