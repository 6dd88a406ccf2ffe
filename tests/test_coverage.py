"""Coverage numbers against values computed independently here with pyproj."""

from __future__ import annotations

from itertools import pairwise

import geopandas as gpd
import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, box

from adatlas import as_of, load_dataset
from adatlas.changes import deployment_changes, membership_changes
from adatlas.coverage import border_coverage_km, coverage, engaging

GEOD = Geod(ellps="WGS84")


def _independent_length_inside(line: LineString, lon: float, lat: float, radius_km: float) -> float:
    """Densify the line to ~100 m steps; sum geodesic lengths of steps whose midpoint is inside."""
    total = 0.0
    coords = list(line.coords)
    for (x1, y1), (x2, y2) in pairwise(coords):
        step = GEOD.inv(x1, y1, x2, y2)[2]
        n = max(1, int(step / 100))
        points = (
            [(x1, y1), *GEOD.npts(x1, y1, x2, y2, n - 1), (x2, y2)]
            if n > 1
            else [(x1, y1), (x2, y2)]
        )
        for (a, b), (c, d) in pairwise(points):
            mid_lon, mid_lat = (a + c) / 2, (b + d) / 2
            if GEOD.inv(lon, lat, mid_lon, mid_lat)[2] <= radius_km * 1e3:
                total += GEOD.inv(a, b, c, d)[2]
    return total / 1e3


@pytest.fixture(scope="module")
def synthetic():
    """One 200 km ring at site-1 (Hrodna area) against a straight north–south 'border'."""
    ds = load_dataset(__import__("tests.conftest", fromlist=["FIXTURES"]).FIXTURES / "good")
    frame = as_of(ds, "2017-01-01")
    border_line = LineString([(25.0, 51.0), (25.0, 56.0)])
    land = gpd.GeoDataFrame(
        {"a": ["AAA"], "b": ["BBB"], "name": ["A–B"]}, geometry=[border_line], crs=4326
    )
    countries = gpd.GeoDataFrame(
        {"iso3": ["AAA", "BBB"], "name": ["West", "East"]},
        geometry=[box(20.0, 50.0, 25.0, 57.0), box(25.0, 50.0, 30.0, 57.0)],
        crs=4326,
    )
    cities = gpd.GeoDataFrame(
        {
            "geonameid": [1, 2],
            "name": ["Near", "Far"],
            "iso3": ["AAA", "BBB"],
            "population": [1000, 2000],
            "capital": [True, False],
            "lat": [53.9, 53.9],
            "lon": [24.0, 29.0],
        },
        geometry=[Point(24.0, 53.9), Point(29.0, 53.9)],
        crs=4326,
    )
    return frame, coverage(frame, countries, land, cities), border_line


def test_border_length_inside_ring_matches_independent_computation(synthetic):
    frame, result, line = synthetic
    site = frame.loc["site-1"]
    expected = _independent_length_inside(line, site["lon"], site["lat"], 200)
    assert border_coverage_km(result, "BBB", "AAA") == pytest.approx(expected, rel=0.002)
    assert expected > 300  # the ring really crosses the line


def test_cities_inside_and_outside(synthetic):
    _, result, _ = synthetic
    assert list(result.cities["name"]) == ["Near"]
    assert result.cities.iloc[0]["deployments"] == ["site-1"]


def test_country_area_inside_ring(synthetic):
    frame, result, _ = synthetic
    site = frame.loc["site-1"]
    ring_area = np.pi * 200**2  # a geodesic disc of 200 km is within 0.1 % of πr²
    covered = result.countries.set_index("iso3")["covered_km2"]
    assert covered.sum() == pytest.approx(ring_area, rel=0.003)
    assert covered["AAA"] > covered["BBB"] > 0  # site is west of the line
    assert site["lon"] < 25.0


def test_curated_lithuania_belarus_border_answerable():
    from adatlas.borders import load_borders, load_land_borders
    from adatlas.places import load_cities
    from adatlas.query import Filters

    ds = load_dataset()
    borders, land, cities = load_borders(), load_land_borders(), load_cities()
    # Belarus's Grodno-area S-300s are reported as planned, never as on duty: include them,
    # as an analyst choosing those statuses in the sidebar would.
    statuses = ("operational", "construction", "planned", "announced")
    km = {
        year: border_coverage_km(
            coverage(
                engaging(as_of(ds, day, Filters(operators=("BLR",))), statuses),
                borders,
                land,
                cities,
            ),
            "LTU",
            "BLR",
        )
        for year, day in ((2006, "2006-12-01"), (2014, "2014-06-01"))
    }
    assert km[2014] > 0 and km[2006] > 0
    assert km[2014] >= km[2006]


def test_what_changed(good_dir):
    ds = load_dataset(good_dir)
    changes = deployment_changes(ds, "2008-01-01", "2016-06-01").set_index("id")
    assert changes.loc["site-1", "change"] == "appeared"
    assert changes.loc["site-2", "change"] == "appeared"
    changes = deployment_changes(ds, "2009-01-01", "2016-06-01").set_index("id")
    assert (changes.loc["site-2", "status_before"], changes.loc["site-2", "status_after"]) == (
        "planned",
        "cancelled",
    )
    members = membership_changes(ds, "2020-01-01", "2025-01-01")
    assert members.values.tolist() == [["CSTO", "ARM", "froze or suspended"]]


def test_engaging_keeps_operational_weapons_only():
    ds = load_dataset()
    frame = engaging(as_of(ds, "2017-01-01"))
    assert set(frame["status"]) == {"operational"}
    assert "radar" not in set(frame["system_kind"])
    assert "usa-aegis-deveselu" in frame.index and "usa-tpy2-kurecik" not in frame.index
    planned = engaging(as_of(ds, "2017-01-01"), ("planned",))
    assert set(planned["status"]) == {"planned"}


def test_area_ignores_orientation_and_mixed_parts():
    from shapely.geometry import GeometryCollection, MultiPolygon
    from shapely.geometry.polygon import orient

    from adatlas.coverage import geodesic_area_km2

    square = box(20.0, 50.0, 21.0, 51.0)
    area = geodesic_area_km2(square)
    assert geodesic_area_km2(orient(square, -1.0)) == pytest.approx(area)
    mixed = MultiPolygon([orient(square, -1.0), orient(box(22.0, 50.0, 23.0, 51.0), 1.0)])
    assert geodesic_area_km2(mixed) == pytest.approx(2 * area, rel=1e-6)
    assert geodesic_area_km2(
        GeometryCollection([square, LineString([(0, 0), (1, 1)])])
    ) == pytest.approx(area)
    expected = abs(GEOD.polygon_area_perimeter([20, 21, 21, 20], [50, 50, 51, 51])[0]) / 1e6
    assert area == pytest.approx(expected, rel=1e-9)
