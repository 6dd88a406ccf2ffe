"""Altitude-aware envelopes: horizon distances against the 4/3-earth formula, computed here."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from pypdf import PdfReader

from adatlas import as_of, load_dataset
from adatlas.envelope import DEFAULT_ANTENNA_M, envelope_km, radar_horizon_km
from adatlas.rings import ring_frame
from adatlas.view import View, view_from_query_params

EARTH_RADIUS_KM = 6371.0


def horizon_independent(antenna_m: float, target_m: float) -> float:
    """d = √(2·k·R·h) per height with k = 4/3, summed (heights in km)."""
    k = 4 / 3
    return sum(math.sqrt(2 * k * EARTH_RADIUS_KM * h / 1000) for h in (antenna_m, target_m))


@pytest.mark.parametrize("antenna", [5, 10, 25, 39])
@pytest.mark.parametrize("target", [30, 300, 3000, 10000])
def test_horizon_matches_the_formula(antenna, target):
    assert radar_horizon_km(antenna, target) == pytest.approx(
        horizon_independent(antenna, target), rel=0.002
    )


def test_envelope_is_the_smaller_of_range_and_horizon():
    frame = pd.DataFrame({"range_km": [400.0, 12.0, 90.0], "antenna_m": [25.0, None, 10.0]})
    low = envelope_km(frame, 30)
    assert low.iloc[0] == pytest.approx(radar_horizon_km(25, 30))  # horizon binds
    assert low.iloc[1] == 12.0  # missile range binds
    assert low.iloc[2] == pytest.approx(radar_horizon_km(DEFAULT_ANTENNA_M, 30))
    assert list(envelope_km(frame, None)) == [400.0, 12.0, 90.0]
    high = envelope_km(frame, 10000)
    assert high.iloc[0] == 400.0


def test_rings_use_the_envelope(good_dir):
    ds = load_dataset(good_dir)  # sam-a: 200 km, antenna_m 25 in the fixture
    frame = as_of(ds, "2017")
    assert ring_frame(frame)["radius_km"].tolist() == [200.0]
    assert ring_frame(frame, 30)["radius_km"].iloc[0] == pytest.approx(radar_horizon_km(25, 30))


def test_altitude_in_the_url(good_dir):
    ds = load_dataset(good_dir)
    view = View(date=dt.date(2017, 1, 1), altitude_m=300)
    assert view.to_query_params()["alt"] == "300"
    assert view_from_query_params(view.to_query_params(), ds) == (view, [])
    _, warnings = view_from_query_params({"alt": "55"}, ds)
    assert "target altitude must be one of 30, 300, 3000, 10000" in warnings[0]


def test_snapshot_says_which_altitude(good_dir):
    from adatlas.borders import load_borders
    from adatlas.snapshot import render_static

    ds = load_dataset(good_dir)
    pdf = render_static(ds, View(date=dt.date(2017, 1, 1), altitude_m=300), load_borders(), "pdf")
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)  # wrapped lines
    assert "target altitude 300 m" in text
    assert "envelope against a target at 300 m" in text
