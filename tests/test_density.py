"""Coverage density on an equal-area grid."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
from pyproj import Geod
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
    # densified: a 4-corner lon/lat box would become a smaller straight-edged shape when projected
    return gpd.GeoDataFrame(
        {"iso3": [iso3], "name": [iso3]}, geometry=[box(*bounds).segmentize(0.5)], crs=4326
    )


def test_one_ring_area_matches_pi_r_squared():
    density = coverage_density(rings((25.0, 53.0, 150)), country("AAA", (15, 45, 35, 60)), 5)
    once = density.by_country.set_index("iso3").loc["AAA", "once_km2"]
    assert once == pytest.approx(math.pi * 150**2, rel=0.02)  # 5 km cells
    assert list(density.bands["band"]) == ["once"]


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
    assert empty.bands.empty and empty.by_country.empty


def test_huge_rings_use_bigger_cells_and_stay_right():
    # A 2,500 km ring at 20 km cells would need ~50,000 cells; the grid coarsens instead.
    ring = range_ring(17.1, 54.5, 2500)
    density = coverage_density(rings((17.1, 54.5, 2500)), country("AAA", (-40, 20, 80, 85)))
    assert density.cell_km > 20
    covered = density.by_country.set_index("iso3").loc["AAA", "once_km2"]
    disc = abs(Geod(ellps="WGS84").geometry_area_perimeter(ring)[0]) / 1e6
    assert disc > 1.9e7
    assert covered == pytest.approx(disc, rel=0.03)
