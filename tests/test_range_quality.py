"""A range from a weak source or carried over from another system says so wherever it shows."""

from __future__ import annotations

import pytest

from adatlas import as_of, load_dataset
from adatlas.range_quality import range_quality_text
from adatlas.tables import deployment_table
from adatlas.webmap.build import ring_features
from adatlas.webmap.deployments import deployment_payload


@pytest.mark.parametrize(
    ("quality", "text"),
    [("cited", ""), ("weak", "weak source"), ("assumed", "assumed"), ("", "")],
)
def test_words_for_each_quality(quality, text):
    assert range_quality_text(quality) == text


def test_quality_is_read_from_its_column_not_from_notes(edit):
    # Notes that once carried the flag no longer decide anything: the column does.
    root = edit("geodata/systems.csv", "200,cited,,c-ops", "200,assumed,WEAK: a note,c-ops")
    shown = as_of(load_dataset(root), "2017")
    assert shown.loc["site-1", "range_quality"] == "assumed"
    assert deployment_table(shown).loc[0, "Range is"] == "assumed"


@pytest.fixture
def frame(curated_2017):
    return curated_2017


def test_curated_ranges_carry_their_quality(frame):
    _, shown = frame
    assert shown.loc["usa-aegis-deveselu", "range_quality"] == "weak"
    assert shown.loc["blr-s300ps-polotsk", "range_quality"] == "assumed"
    assert shown.loc["usa-tpy2-kurecik", "range_quality"] == "cited"


def test_popup_data_and_ring_tooltip_say_it(frame):
    ds, shown = frame
    payload = deployment_payload(ds, shown)
    qualities = {s["id"]: s["rangeQuality"] for s in payload["systems"]}
    assert qualities["aegis-ashore-sm3-ib"] == "weak source"
    assert qualities["an-tpy-2"] == ""
    tooltips = {f["properties"]["tooltip"] for f in ring_features(shown)}
    assert any("Deveselu" in t and t.endswith("700 km (weak source)") for t in tooltips)
