"""Coverage density on an equal-area grid."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
from shapely.geometry import box

from adatlas.density import band, coverage_density
from adatlas.geodesy import range_ring


def rings(*centres: tuple[float, float, float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"deployment": [f"d{i}" for i in range(len(centres))]},
        geometry=[range_ring(lon, lat, r) for lon, lat, r in centres],
        crs=4326,
    )


def country(iso3: str, bounds: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"iso3": [iso3], "name": [iso3]}, geometry=[box(*bounds)], crs=4326)


def test_one_ring_area_matches_pi_r_squared():
    density = coverage_density(rings((25.0, 53.0, 150)), country("AAA", (15, 45, 35, 60)), 5)
    once = density.by_country.set_index("iso3").loc["AAA", "once_km2"]
    assert once == pytest.approx(math.pi * 150**2, rel=0.02)  # 5 km cells
    assert set(density.cells["count"]) == {1}


def test_overlap_counts_twice_and_three_times():
    overlapping = rings((25.0, 53.0, 150), (25.5, 53.0, 150), (25.25, 53.2, 150))
    density = coverage_density(overlapping, country("AAA", (15, 45, 35, 60)), 5)
    row = density.by_country.set_index("iso3").loc["AAA"]
    assert row["three_or_more_km2"] > 0 and row["twice_km2"] > 0 and row["once_km2"] > 0
    total = row[["once_km2", "twice_km2", "three_or_more_km2"]].sum()
    union = gpd.GeoSeries([overlapping.union_all()], crs=4326).to_crs(
        "+proj=laea +lat_0=53 +lon_0=25"
    )
    assert total == pytest.approx(union.area.iloc[0] / 1e6, rel=0.02)


def test_bands_and_empty():
    assert [band(n) for n in (1, 2, 3, 7)] == ["once", "twice", "three or more", "three or more"]
    empty = coverage_density(rings().iloc[:0])
    assert empty.cells.empty and empty.by_country.empty
