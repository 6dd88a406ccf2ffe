"""Static and HTML snapshots, checked as files a person would open."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pypdf import PdfReader

from adatlas import load_dataset
from adatlas.borders import load_borders
from adatlas.snapshot import SnapshotOptions, render_html, render_static, view_bbox
from adatlas.view import View

VIEW = View(date=dt.date(2017, 1, 1))


@pytest.fixture(scope="module")
def inputs():
    return load_dataset(), load_borders()


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def test_png_size_not_blank_and_layer_colours(inputs):
    ds, borders = inputs
    image = Image.open(
        io.BytesIO(render_static(ds, VIEW, borders, "png", SnapshotOptions(width_px=1200, dpi=100)))
    ).convert("RGB")
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
    pdf = render_static(ds, VIEW, borders, "pdf", SnapshotOptions(title="Eastern flank 2017"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Eastern flank 2017" in text
    assert "2017-01-01" in text
    assert "Sources:" in text
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
    png = render_static(ds, view, borders, "png", SnapshotOptions(width_px=1000, dpi=100))
    colours = {c for _, c in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1_000_000)}
    plain = render_static(
        ds,
        View(date=dt.date(2017, 1, 1), layers=frozenset()),
        borders,
        "png",
        SnapshotOptions(width_px=1000, dpi=100),
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
