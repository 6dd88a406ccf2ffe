"""A range from a weak source or carried over from another system says so wherever it shows."""

from __future__ import annotations

import pytest

from adatlas.range_quality import range_quality
from adatlas.webmap.build import ring_features
from adatlas.webmap.deployments import deployment_payload


@pytest.mark.parametrize(
    ("notes", "quality"),
    [
        ("RANGE ASSUMED: 75 km is the Slovak figure", "assumed"),
        ("WEAK, a lower bound: over 4,500 km", "weak source"),
        ("WEAK: 250 km", "weak source"),
        ("60 km is the operator's own figure", ""),
        ("Other sources are weak", ""),  # the flag opens the notes; a mention is no flag
        ("", ""),
    ],
)
def test_flags_in_notes(notes, quality):
    assert range_quality(notes) == quality


@pytest.fixture
def frame(curated_2017):
    return curated_2017


def test_curated_ranges_carry_their_quality(frame):
    _, shown = frame
    assert shown.loc["usa-aegis-deveselu", "range_quality"] == "weak source"
    assert shown.loc["blr-s300ps-polotsk", "range_quality"] == "assumed"
    assert shown.loc["usa-tpy2-kurecik", "range_quality"] == ""


def test_popup_data_and_ring_tooltip_say_it(frame):
    ds, shown = frame
    payload = deployment_payload(ds, shown)
    qualities = {s["id"]: s["rangeQuality"] for s in payload["systems"]}
    assert qualities["aegis-ashore-sm3-ib"] == "weak source"
    tooltips = {f["properties"]["tooltip"] for f in ring_features(shown)}
    assert any("Deveselu" in t and t.endswith("700 km (weak source)") for t in tooltips)
