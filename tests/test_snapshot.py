"""Static and HTML snapshots, checked as files a person would open."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pypdf import PdfReader

from adatlas import as_of, load_dataset
from adatlas.borders import load_borders
from adatlas.snapshot import SnapshotOptions, parse_bbox, render_html, render_static, view_bbox
from adatlas.snapshot.static import SLIDE_IN, figures, shared_label
from adatlas.view import View

VIEW = View(date=dt.date(2017, 1, 1))
ROMANIA = parse_bbox("20.2,43.6,29.7,48.3")
BELARUS_AND_AROUND = parse_bbox("19,50,33,57.5")  # the example: 15 of 30 in frame


@pytest.fixture(autouse=True)
def _close_figures():
    """figures() hands its figures to the test to inspect; close them afterwards."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="module")
def inputs():
    return load_dataset(), load_borders()


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _text(pdf: bytes) -> str:
    """The PDF's text with whitespace normalised (wrapped lines join with a space)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_png_size_not_blank_and_layer_colours(inputs):
    ds, borders = inputs
    options = SnapshotOptions(width_px=1200, dpi=100, layout="poster")
    image = Image.open(io.BytesIO(render_static(ds, VIEW, borders, "png", options))).convert("RGB")
    assert image.width == 1200
    colours = {c for _, c in image.getcolors(maxcolors=1_000_000)}
    assert len(colours) > 200
    for layer, hex_colour in {
        "sea": "#d7e6f0",
        "land": "#f4f1ea",
        "operational deployments": "#d62728",
    }.items():
        assert _hex(hex_colour) in colours, layer


def test_svg_parses_and_keeps_text(inputs):
    ds, borders = inputs
    svg = render_static(ds, VIEW, borders, "svg", SnapshotOptions(title="Briefing <test> & co"))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    assert "Briefing <test> & co" in text and "As of 2017-01-01" in text


def test_pdf_text_contains_title_date_and_sources(inputs):
    ds, borders = inputs
    options = SnapshotOptions(title="Eastern flank 2017", layout="page")
    text = _text(render_static(ds, VIEW, borders, "pdf", options))
    assert "Eastern flank 2017" in text
    assert "2017-01-01" in text
    assert "Sources" in text
    assert "Global Security Newswire" in text
    assert "Natural Earth" in text


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_input_same_bytes(inputs, fmt):
    ds, borders = inputs
    assert render_static(ds, VIEW, borders, fmt) == render_static(ds, VIEW, borders, fmt)


def test_bbox_follows_the_view():
    west, south, east, north = view_bbox(View(center=(54.0, 24.0), zoom=7))
    assert west < 24.0 < east and south < 54.0 < north
    assert (east - west) == pytest.approx(1100 / (256 * 2**7) * 360)


def test_html_is_standalone(inputs):
    ds, borders = inputs
    html = render_html(ds, VIEW, borders, title="<b>x</b>").decode()
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", html)
    assert "L.map(" in html or "L.map (" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_png_with_density_layer(inputs):
    ds, borders = inputs
    view = View(date=dt.date(2017, 1, 1), layers=frozenset({"density"}))
    png = render_static(ds, view, borders, "png", SnapshotOptions(width_px=1000))
    colours = {c for _, c in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1_000_000)}
    plain = render_static(
        ds,
        View(date=dt.date(2017, 1, 1), layers=frozenset()),
        borders,
        "png",
        SnapshotOptions(width_px=1000),
    )
    plain_colours = {
        c for _, c in Image.open(io.BytesIO(plain)).convert("RGB").getcolors(1_000_000)
    }
    assert len(colours - plain_colours) > 50  # the density shading added its blends


def test_two_panel_comparison(inputs):
    from adatlas.snapshot import render_comparison

    ds, borders = inputs
    before, after = View(date=dt.date(2012, 1, 1)), View(date=dt.date(2017, 1, 1))
    pdf = render_comparison(ds, before, after, borders, "pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "A: as of 2012-01-01" in text and "B: as of 2017-01-01" in text
    assert "from A to B:" in text and "appeared" in text
    png = Image.open(io.BytesIO(render_comparison(ds, before, after, borders, "png")))
    assert png.width == 1600


# Layouts -------------------------------------------------------------------------------------


def test_slide_is_16_to_9_at_1920_by_1080_with_the_map_on_70_percent(inputs):
    ds, borders = inputs
    image = Image.open(io.BytesIO(render_static(ds, VIEW, borders, "png")))  # slide: the default
    assert image.size == (1920, 1080)
    assert image.width / image.height == pytest.approx(16 / 9, rel=0.01)
    rendered = figures(ds, VIEW, borders)
    box = rendered.map_axes.get_position()
    assert box.width * box.height >= 0.70
    assert rendered.figures[0].get_size_inches() == pytest.approx(SLIDE_IN)
    for figure in rendered.figures:
        figure.clf()


@pytest.mark.parametrize(("paper", "points"), [("a4", (842, 595)), ("letter", (792, 612))])
def test_page_one_is_landscape_paper(inputs, paper, points):
    ds, borders = inputs
    pdf = render_static(ds, VIEW, borders, "pdf", SnapshotOptions(layout="page", paper=paper))
    first = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (float(first.width), float(first.height)) == pytest.approx(points, abs=1.5)


def _belarusian_only_articles(ds) -> set[str]:
    """Titles of articles cited only by deployments hosted or operated by Belarus."""
    frame = as_of(ds, "2024-06-01")
    belarus = frame["host"].eq("BLR") | frame["operator"].eq("BLR")
    cited = {
        side: {ds.citations.loc[c, "article"] for cs in frame[mask]["citations"] for c in cs}
        for side, mask in (("blr", belarus), ("other", ~belarus))
    }
    return {ds.articles.loc[a, "title"] for a in cited["blr"] - cited["other"]}


@pytest.mark.parametrize("layout", ["slide", "page", "poster"])
def test_only_what_is_in_the_frame(inputs, layout):
    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    options = SnapshotOptions(bbox=ROMANIA, layout=layout)
    text = _text(render_static(ds, view, borders, "pdf", options))
    assert "Deveselu Aegis Ashore" in text
    belarusian = _belarusian_only_articles(ds)
    assert len(belarusian) > 10
    assert [t for t in belarusian if " ".join(t.split()) in text] == []
    rendered = figures(ds, view, borders, options)
    shown = set(rendered.brief.deployments["id"])
    assert "usa-aegis-deveselu" in shown and not any(i.startswith("blr-") for i in shown)
    assert f"{len(shown)} deployments in the frame" in text


def _numbers(label: str) -> list[str]:
    """ "2, 5–7" → ["2", "5", "6", "7"]."""
    numbers = []
    for part in label.split(", "):
        first, _, last = part.partition("–")
        numbers += [str(n) for n in range(int(first), int(last or first) + 1)]
    return numbers


@pytest.mark.parametrize(
    ("labels", "shown"),
    [(["4", "5"], "4, 5"), (["7", "3", "4", "5", "9"], "3–5, 7, 9"), (["E1", "2"], "E1, 2")],
)
def test_records_at_one_point_share_a_compact_label(labels, shown):
    assert shared_label(labels) == shown


def _boxes(rendered):
    renderer = rendered.figures[0].canvas.get_renderer()
    return [label.get_window_extent(renderer) for label in rendered.labels]


@pytest.mark.parametrize("layout", ["slide", "page", "poster"])
def test_every_deployment_in_the_frame_has_a_label_and_no_two_labels_overlap(inputs, layout):
    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    rendered = figures(ds, view, borders, SnapshotOptions(bbox=BELARUS_AND_AROUND, layout=layout))
    brief = rendered.brief
    assert 10 <= len(brief.deployments) < len(as_of(ds, view.date))
    # Records at one point (Kaliningrad, Minsk, Grodno …) share one label: "2, 3".
    written = [n for label in rendered.labels for n in _numbers(label.get_text())]
    assert sorted(written, key=int) == [row.label for row in brief.key]
    boxes = _boxes(rendered)
    overlapping = [
        (rendered.labels[i].get_text(), rendered.labels[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]
    assert overlapping == []
    map_box = rendered.map_axes.get_window_extent(rendered.figures[0].canvas.get_renderer())
    assert all(map_box.x0 <= b.x0 and b.x1 <= map_box.x1 for b in boxes)


def test_key_rows_carry_name_system_status_confirmation_and_source_numbers(inputs):
    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    brief = figures(ds, view, borders, SnapshotOptions(bbox=ROMANIA)).brief
    row = next(r for r in brief.key if r.deployment == "usa-aegis-deveselu")
    assert row.name == "Deveselu Aegis Ashore"
    assert row.status.startswith("operational since")
    assert row.last_confirmed
    numbers = [int(n) for n in row.sources.split(", ")]
    assert numbers and max(numbers) <= len(brief.sources)
    assert [n.number for n in brief.sources] == list(range(1, len(brief.sources) + 1))


def test_dollar_signs_in_record_text_stay_text(inputs):
    ds, borders = inputs
    deployments = ds.deployments.copy()
    deployments.loc["usa-aegis-deveselu", "name"] = "Cost $5 bn, $x^2$ and 100% \\alpha"
    odd = dataclasses.replace(ds, deployments=deployments)
    view = View(date=dt.date(2024, 6, 1))
    options = SnapshotOptions(bbox=ROMANIA)
    svg = render_static(odd, view, borders, "svg", options)
    text = " ".join(ET.fromstring(svg).itertext())
    assert "Cost $5 bn, $x^2$ and 100% \\alpha" in text
    assert "Cost $5 bn, $x^2$" in _text(render_static(odd, view, borders, "pdf", options))


def test_a_long_key_continues_on_a_second_page_at_the_same_size(inputs):
    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    pdf = render_static(ds, view, borders, "pdf", SnapshotOptions(layout="page"))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    assert "continued" in pages[1].extract_text()
    assert "Sources" in " ".join(p.extract_text() for p in pages)


# PowerPoint ----------------------------------------------------------------------------------


def _deck(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def _pictures(slide) -> list:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _key_rows(deck) -> int:
    return sum(len(s.table.rows) - 1 for slide in deck.slides for s in slide.shapes if s.has_table)


def test_pptx_slide_one_has_title_map_picture_key_table_and_sources_in_the_notes(inputs):
    from adatlas.snapshot import render_pptx

    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    options = SnapshotOptions(bbox=ROMANIA, title="Black Sea brief")
    deck = _deck(render_pptx(ds, view, borders, options))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    first = deck.slides[0]
    assert len(_pictures(first)) == 1
    text = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "Black Sea brief" in text and "As of 2024-06-01" in text
    brief = figures(ds, view, borders, options).brief
    tables = [s.table for s in first.shapes if s.has_table]
    assert len(tables) == 1 and len(tables[0].rows) == len(brief.deployments) + 1
    cells = " ".join(c.text for row in tables[0].rows for c in row.cells)
    assert "Deveselu Aegis Ashore" in cells
    notes = first.notes_slide.notes_text_frame.text
    assert all(f"{n.number}. {n.text()}" in notes for n in brief.sources)
    assert len(deck.slides) == 1 + (len(brief.sources) > 6) * -(-len(brief.sources) // 22)


def test_pptx_long_key_and_source_list_continue_on_more_slides(inputs):
    from adatlas.snapshot import render_pptx

    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    options = SnapshotOptions(bbox=BELARUS_AND_AROUND)
    deck = _deck(render_pptx(ds, view, borders, options))
    brief = figures(ds, view, borders, options).brief
    assert _key_rows(deck) == len(brief.deployments)
    titles = [s.shapes[0].text_frame.text for s in list(deck.slides)[1:]]
    assert any(t.endswith("key (continued)") for t in titles)
    assert any(t.endswith("sources") for t in titles)


def test_pptx_from_compare_puts_both_dates_on_one_slide(inputs):
    from adatlas.snapshot import render_comparison_pptx

    ds, borders = inputs
    before, after = View(date=dt.date(2012, 1, 1)), View(date=dt.date(2017, 1, 1))
    deck = _deck(render_comparison_pptx(ds, before, after, borders))
    first = deck.slides[0]
    assert len(_pictures(first)) == 2
    text = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "A: as of 2012-01-01" in text and "B: as of 2017-01-01" in text
    assert "from A to B" in text
    assert _key_rows(deck) > 0


def test_chinese_japanese_and_korean_source_titles_are_drawn_and_searchable(inputs):
    import os
    import warnings

    from adatlas.snapshot.flow import font_families

    if len(font_families()) == 1:
        if os.environ.get("CI") == "true":
            pytest.fail("fonts-wqy-microhei is missing; .ci/run installs it")
        pytest.skip("no CJK fallback font installed (apt-get install fonts-wqy-microhei)")
    ds, borders = inputs
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing from font")
        pdf = render_static(
            ds, View(date=dt.date(2024, 6, 1)), borders, "pdf", SnapshotOptions(layout="page")
        )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert any(0x3040 <= ord(c) <= 0x30FF for c in text)  # kana from a Japanese source title


def test_a_frame_with_too_many_places_to_label_says_so(inputs, monkeypatch):
    """Placing thousands of labels is O(n²) and illegible: above the limit none are drawn."""
    import adatlas.snapshot.static as static

    ds, borders = inputs
    view = View(date=dt.date(2024, 6, 1))
    options = SnapshotOptions(bbox=BELARUS_AND_AROUND, layout="slide")
    monkeypatch.setattr(static, "MAX_LABELS", 5)
    rendered = figures(ds, view, borders, options)
    assert rendered.labels == []
    notes = [t.get_text() for t in rendered.map_axes.texts]
    assert any(n.startswith("Labels off: ") and "(more than 5)" in n for n in notes)
