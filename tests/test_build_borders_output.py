"""Checks on the committed output of scripts/build_borders.py (geodata/borders*.geojson).

The files are regenerated with ``python scripts/build_borders.py``; these tests read the committed
files only (no network, no npm), plus a few unit tests of the script's TopoJSON decoder.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import geopandas as gpd
import pycountry
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parent.parent
BORDERS = ROOT / "geodata" / "borders.geojson"
LAND_BORDERS = ROOT / "geodata" / "land_borders.geojson"
PROVENANCE = ROOT / "geodata" / "borders.PROVENANCE.md"
SCRIPT = ROOT / "scripts" / "build_borders.py"

# Natural Earth units that have no ISO 3166-1 code and are kept with an empty iso3.
NO_ISO_NAMES = {"Akrotiri", "Cyprus U.N. Buffer Zone", "Dhekelia", "N. Cyprus", "Siachen Glacier"}

# Geodesic lengths measured on the build from world-atlas@2.0.2 countries-10m.json
# (BLR–LTU 482.2 km, BLR–POL 341.4 km; official figures ≈680 and ≈420 km are longer because
# Natural Earth 1:10m smooths the meanders), with a few percent of tolerance.
EXPECTED_KM = {
    ("BLR", "LTU"): (470.0, 495.0),
    ("BLR", "POL"): (330.0, 353.0),
    ("LTU", "RUS"): (190.0, 212.0),
    ("POL", "RUS"): (195.0, 217.0),
}

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def borders() -> gpd.GeoDataFrame:
    return gpd.read_file(BORDERS)


@pytest.fixture(scope="module")
def land_borders() -> gpd.GeoDataFrame:
    return gpd.read_file(LAND_BORDERS)


def country(borders: gpd.GeoDataFrame, iso3: str) -> shapely.Geometry:
    rows = borders[borders["iso3"] == iso3]
    assert len(rows) == 1, iso3
    return rows.geometry.iloc[0]


def border(land_borders: gpd.GeoDataFrame, a: str, b: str) -> gpd.GeoSeries:
    rows = land_borders[(land_borders["a"] == a) & (land_borders["b"] == b)]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


# --------------------------------------------------------------------------- borders.geojson


def test_borders_is_valid_geojson_in_epsg4326(borders: gpd.GeoDataFrame) -> None:
    raw = json.loads(BORDERS.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection"
    assert borders.crs is not None and borders.crs.to_epsg() == 4326
    assert {"iso3", "name"} <= set(borders.columns)
    assert len(borders) > 50
    assert set(borders.geom_type) <= {"Polygon", "MultiPolygon"}
    assert borders.is_valid.all()
    assert not borders.is_empty.any()
    minx, miny, maxx, maxy = borders.total_bounds
    assert minx >= -32.0 and maxx <= 100.0 and miny >= 27.0 and maxy <= 82.0


def test_iso3_codes_unique_and_iso(borders: gpd.GeoDataFrame) -> None:
    codes = [c for c in borders["iso3"] if c]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code
    unnamed = set(borders.loc[borders["iso3"] == "", "name"])
    assert unnamed <= NO_ISO_NAMES


def test_sorted_by_iso3(borders: gpd.GeoDataFrame) -> None:
    keys = list(zip(borders["iso3"], borders["name"], strict=True))
    assert keys == sorted(keys)


def test_coordinates_rounded_to_five_decimals() -> None:
    text = BORDERS.read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{6,}", text)


@pytest.mark.parametrize(
    "iso3", ["LTU", "POL", "BLR", "RUS", "UKR", "LVA", "EST", "FIN", "KAZ", "GEO", "ARM", "AZE"]
)
def test_region_countries_present(borders: gpd.GeoDataFrame, iso3: str) -> None:
    assert country(borders, iso3).area > 0


def test_kaliningrad_is_russia_between_lithuania_and_poland(borders: gpd.GeoDataFrame) -> None:
    kaliningrad = Point(20.51, 54.71)
    rus = country(borders, "RUS")
    assert rus.contains(kaliningrad)
    for other in ("LTU", "POL", "BLR"):
        assert not country(borders, other).contains(kaliningrad)
    oblast = next(p for p in shapely.get_parts(rus) if p.contains(kaliningrad))
    assert oblast.area < 5  # its own part of Russia, not joined to the mainland
    assert oblast.touches(country(borders, "LTU"))
    assert oblast.touches(country(borders, "POL"))


@pytest.mark.parametrize(
    ("iso3", "official_km2"),
    [
        ("LTU", 65_300),
        ("BLR", 207_600),
        ("POL", 312_700),
        ("DEU", 357_600),
        ("UKR", 603_500),  # includes Crimea
        ("ARM", 29_700),
    ],
)
def test_geodesic_area_matches_official(
    borders: gpd.GeoDataFrame, iso3: str, official_km2: float
) -> None:
    # Checks the TopoJSON decoding end to end (rings, holes, orientation); measured: LTU 64,932,
    # BLR 207,512, POL 313,417, DEU 357,682, UKR 599,098, ARM 29,592 km².
    area_km2 = abs(GEOD.geometry_area_perimeter(country(borders, iso3))[0]) / 1e6
    assert area_km2 == pytest.approx(official_km2, rel=0.02)


@pytest.mark.parametrize(
    ("place", "lon", "lat", "iso3"),
    [
        ("Vilnius", 25.28, 54.69, "LTU"),
        ("Minsk", 27.56, 53.90, "BLR"),
        ("Warsaw", 21.01, 52.23, "POL"),
        ("Moscow", 37.62, 55.75, "RUS"),
        ("Baikonur", 63.31, 45.62, "KAZ"),  # Natural Earth's Baikonur unit merged into KAZ
        ("Pristina", 21.16, 42.66, "XKX"),
        ("Simferopol", 34.10, 44.95, "UKR"),  # default build: --crimea UKR
    ],
)
def test_places_fall_in_their_country(
    borders: gpd.GeoDataFrame, place: str, lon: float, lat: float, iso3: str
) -> None:
    found = list(borders.loc[borders.contains(Point(lon, lat)), "iso3"])
    assert found == [iso3], place


# --------------------------------------------------------------------------- land_borders.geojson


def test_land_borders_is_valid_geojson(land_borders: gpd.GeoDataFrame) -> None:
    assert land_borders.crs is not None and land_borders.crs.to_epsg() == 4326
    assert {"a", "b", "name", "length_km"} <= set(land_borders.columns)
    assert set(land_borders.geom_type) <= {"LineString", "MultiLineString"}
    assert (land_borders["a"] < land_borders["b"]).all()
    pairs = list(zip(land_borders["a"], land_borders["b"], strict=True))
    assert len(pairs) == len(set(pairs))
    assert pairs == sorted(pairs)


def test_land_border_countries_exist(
    borders: gpd.GeoDataFrame, land_borders: gpd.GeoDataFrame
) -> None:
    codes = set(borders["iso3"])
    assert set(land_borders["a"]) <= codes
    assert set(land_borders["b"]) <= codes


@pytest.mark.parametrize(("a", "b"), sorted(EXPECTED_KM))
def test_land_border_lengths(land_borders: gpd.GeoDataFrame, a: str, b: str) -> None:
    row = border(land_borders, a, b)
    low, high = EXPECTED_KM[(a, b)]
    measured = GEOD.geometry_length(row.geometry) / 1000.0
    assert low <= measured <= high
    assert row["length_km"] == pytest.approx(measured, abs=0.1)


def test_land_border_names(land_borders: gpd.GeoDataFrame) -> None:
    assert border(land_borders, "BLR", "LTU")["name"] == "Belarus–Lithuania"
    assert border(land_borders, "BLR", "POL")["name"] == "Belarus–Poland"


@pytest.mark.parametrize(("a", "b"), [("BLR", "LTU"), ("BLR", "POL"), ("LTU", "RUS")])
def test_land_border_lies_on_both_countries(
    borders: gpd.GeoDataFrame, land_borders: gpd.GeoDataFrame, a: str, b: str
) -> None:
    line = border(land_borders, a, b).geometry
    for iso3 in (a, b):
        outline = country(borders, iso3).boundary
        vertices = shapely.points(shapely.get_coordinates(line))
        assert shapely.distance(vertices, outline).max() < 1e-5, iso3


def test_provenance_names_source_and_command() -> None:
    text = PROVENANCE.read_text(encoding="utf-8")
    assert "world-atlas@2.0.2" in text
    assert "public domain" in text
    assert "python scripts/build_borders.py" in text
    assert "XKX" in text


# --------------------------------------------------------------------------- the decoder


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_borders", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def test_decoder_delta_quantized_arcs(script: ModuleType) -> None:
    # Two unit squares side by side sharing the edge x = 1, quantized (scale 0.5, translate 10).
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
        "arcs": [
            [[2, 0], [0, 2]],  # shared edge (11,20) -> (11,21)
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # left square, rest: (11,21)->(10,21)->(10,20)->
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # right square, rest: (11,20)->(12,20)->(12,21)->
        ],
    }
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    left = script.ring([0, 1], arcs)
    right = script.ring([2, ~0], arcs)
    assert left == [(11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]
    assert right == [(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)]
    shapes = script.topo_to_shapes([[[0, 1]], [[2, ~0]]], arcs)
    assert [s.area for s in shapes] == [1.0, 1.0]
    assert sorted(script.arc_ids([[[2, ~0]]])) == [0, 2]


def test_decoder_unwraps_antimeridian(script: ModuleType) -> None:
    arcs = [[(179.0, 60.0), (-179.0, 60.0), (-179.0, 61.0), (179.0, 61.0), (179.0, 60.0)]]
    points = script.ring([0], arcs)
    assert [x for x, _ in points] == [179.0, 181.0, 181.0, 179.0, 179.0]
    shape = script.wrap_longitudes(script.unit_shape([[[0]]], arcs))
    minx, _, maxx, _ = shape.bounds
    assert minx == -180.0 and maxx == 180.0
    assert shape.area == pytest.approx(2.0)
