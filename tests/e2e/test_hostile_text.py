"""Script- and Markdown-injection payloads in record text must show as text and never act.

Script payloads must not run; Markdown payloads must not become images (which the browser would
fetch: a tracking pixel, and a broken no-network promise), links, or HTML. Every request leaving
localhost fails a test (tests/e2e/conftest.py), so a fetched image is caught even when hidden.
"""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import map_frame, map_js_frame, start_server, stop_server

pytestmark = pytest.mark.e2e

PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=2</script>",
    '"><svg onload="window.__xss=3">',
    "javascript:window.__xss=4",
    "</script><script>window.__xss=5</script>",
]
MARKDOWN_PAYLOADS = [
    "![pixel](http://tracker.example/inline.png)",
    "[click me](http://evil.example/link)",
    "<http://evil.example/autolink>",
    "www.evil.example/bare",
    '<a href="http://evil.example/html">html link</a>',
]
# Markdown that only acts at the start of a line (in the article body: a block of its own).
MARKDOWN_BLOCK = (
    "\n\n[ref]: http://tracker.example/ref.png\n\n![by reference][ref]\n\n"
    '<div>\n<img src="http://tracker.example/block.png">\n</div>\n\n'
    "# heading?\n\n* [listed](http://evil.example/list)\n"
)
# Jinja syntax: branca re-parsed rendered map output as a template ("{% raw %}" broke the map).
TEMPLATE_PAYLOADS = ["{{ 7*7 }}", "{% raw %}"]
PAYLOADS = PAYLOADS + MARKDOWN_PAYLOADS + TEMPLATE_PAYLOADS
HOSTILE = " ".join(PAYLOADS)


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "dataset"
    shutil.copytree(FIXTURES / "good", root)
    deployments = root / "geodata" / "deployments.csv"
    text = deployments.read_text()
    text = text.replace("site-1,Site One,", f"site-1,{_csv('Site One ' + HOSTILE)},")
    text = text.replace("1st battalion,,Hrodna", f"{_csv(HOSTILE)},{_csv(HOSTILE)},{_csv(HOSTILE)}")
    deployments.write_text(text)
    article = root / "articles" / "alpha.md"
    article.write_text(
        article.read_text()
        .replace("title: Alpha report on “air defense”", f"title: Alpha {HOSTILE}")
        .replace("publisher: Test Wire", f"publisher: Wire {HOSTILE}")
        + f"\nNot quoted anywhere: {PAYLOADS[0]}\n\n{HOSTILE}\n{MARKDOWN_BLOCK}"
    )
    citations = root / "geodata" / "citations.csv"
    citations.write_text(citations.read_text() + f"c-hostile,alpha,{_csv(HOSTILE)}\n")
    status = root / "geodata" / "status.csv"
    status.write_text(
        status.read_text().replace(
            "site-1,2016,operational,c-ops", "site-1,2016,operational,c-ops;c-hostile"
        )
    )
    server = start_server(root, name="hostile")
    yield server
    stop_server(server)


def test_payloads_in_popups_and_tooltips_do_not_run(page, hostile_server):
    page.goto(f"{hostile_server.url}/?date=2017-01-01&layers=rings,labels")
    frame = map_frame(page)
    marker = frame.locator("path.adatlas-id-site-1")
    marker.wait_for(state="attached", timeout=60_000)
    marker.dispatch_event("mouseover")
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    for payload in PAYLOADS:
        assert payload in text  # shown literally
    assert popup.locator("img, script, svg").count() == 0
    labels = frame.locator(".adatlas-label").all_inner_texts()
    assert any(PAYLOADS[0] in label for label in labels)
    js = map_js_frame(page)
    assert js.evaluate("window.__xss") is None
    assert page.evaluate("window.__xss") is None
    # the link to the source is an http(s) path on this server, never javascript:
    href = popup.locator("a").first.get_attribute("href")
    assert href.startswith("/Sources?citation=")


def test_payloads_in_url_parameters_do_not_run(page, hostile_server):
    page.goto(
        f"{hostile_server.url}/?operator={quote(PAYLOADS[0])}&system={quote(PAYLOADS[1])}"
        f"&host={quote(MARKDOWN_PAYLOADS[0])}&status={quote(MARKDOWN_PAYLOADS[1])}"
        f"&layers={quote(MARKDOWN_PAYLOADS[2])}&date={quote(MARKDOWN_PAYLOADS[3])}"
    )
    map_frame(page).locator("path.adatlas-deployment").first.wait_for(
        state="attached", timeout=60_000
    )
    page.get_by_text("Ignored URL parameter operator=").wait_for()
    warnings = page.locator("[data-testid=stAlert]").all_inner_texts()
    shown = "\n".join(warnings).replace("\u2060", "")  # ui.text's invisible autolink breaker
    for payload in MARKDOWN_PAYLOADS[:3]:
        assert payload in shown  # the warning names the value literally
    _assert_inert(page)


def _assert_inert(page) -> None:
    assert page.evaluate("window.__xss") is None
    for frame in page.frames:
        assert frame.evaluate("window.__xss") is None
        # Markdown payloads: no image, link or element pointing at the payloads' hosts
        found = frame.locator("[src*='.example'], [href*='evil.example'], [href*='tracker.']")
        assert found.count() == 0, found.evaluate_all("els => els.map(e => e.outerHTML)")
    assert page.locator("img[src=x], svg[onload]").count() == 0


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("Timeline?date=2017-01-01", "Timeline"),
        ("Sources?article=alpha", "Sources"),
        ("Data?date=2017-01-01", "Records as of 01 January 2017"),
        ("Analysis?date=2017-01-01", "Analysis"),
        ("Compare?date=2017-01-01", "Compare two dates"),
        ("Curate", "Curate a new source"),
    ],
)
def test_payloads_on_every_page_do_not_run(page, hostile_server, path, ready):
    page.goto(f"{hostile_server.url}/{path}")
    page.get_by_role("heading", name=ready).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let tables, charts and maps render
    if path.startswith("Sources"):
        article = page.locator(".adatlas-article")
        text = article.inner_text()
        assert PAYLOADS[1] in text  # the article body shows the payload as text
        for payload in MARKDOWN_PAYLOADS:
            assert payload in text
        assert "[ref]: http://tracker.example/ref.png" in text
        assert "![by reference][ref]" in text and "# heading?" in text
        assert article.locator("img, a, h1, li").count() == 0
        heading = page.locator(".adatlas-source-heading").inner_text()
        assert MARKDOWN_PAYLOADS[0] in heading and MARKDOWN_PAYLOADS[1] in heading
        page.get_by_label("Search articles and excerpts").fill("onerror")
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
    _assert_inert(page)
    assert page.recorded.console_errors == []


def test_payloads_in_the_html_export_do_not_run(browser, hostile_server, tmp_path):
    import datetime as dt

    from adatlas import load_dataset
    from adatlas.borders import load_borders
    from adatlas.snapshot import render_html
    from adatlas.view import View

    dataset = load_dataset(hostile_server.data_dir)
    path = tmp_path / "hostile.html"
    path.write_bytes(
        render_html(dataset, View(date=dt.date(2017, 1, 1)), load_borders(), title=HOSTILE)
    )
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(path.as_uri())
    marker = page.locator("path.adatlas-id-site-1")
    marker.wait_for(state="attached", timeout=30_000)
    marker.dispatch_event("click")
    page.locator(".leaflet-popup-content").wait_for()
    assert PAYLOADS[0] in page.locator(".leaflet-popup-content").inner_text()
    assert HOSTILE in page.locator(".adatlas-caption").inner_text()
    page.locator(".adatlas-caption summary").click()
    _assert_inert(page)
    context.close()


def test_payloads_in_uploaded_records_do_not_run(page, app_server, tmp_path):
    deployments = tmp_path / "deployments.csv"
    deployments.write_text(
        "id,name,system,operator,host,lat,lon,precision,notes\n"
        f"up-1,{_csv('Uploaded ' + HOSTILE)},s300-sa10,BLR,BLR,53.5,25.5,town,{_csv(HOSTILE)}\n"
    )
    status = tmp_path / "status.csv"
    status.write_text(
        "deployment,date,status,citations\nup-1,2010,operational,gsn13-four-complexes\n"
    )
    page.goto(f"{app_server.url}/Data?date=2017-01-01")
    page.get_by_role("heading", name="Records as of 01 January 2017").wait_for(timeout=60_000)
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
        [str(deployments), str(status)]
    )
    page.get_by_role("button", name="Check and add").click()
    page.get_by_text("Added 1 deployments, 1 status to this session").wait_for(timeout=30_000)
    page.get_by_role("link", name="app").click()  # same session: the upload is kept
    frame = map_frame(page)
    marker = frame.locator("path.adatlas-id-up-1")
    marker.wait_for(state="attached", timeout=60_000)
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Uploaded " + PAYLOADS[0] in popup.inner_text()
    assert popup.locator("img, script, svg").count() == 0
    _assert_inert(page)
