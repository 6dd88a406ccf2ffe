"""Which countries, cities and land borders lie inside the range rings on a date.

All lengths and areas are geodesic (pyproj.Geod on WGS 84); rings are the geodesic polygons of
:mod:`adatlas.geodesy`. Inputs and outputs are EPSG:4326.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from adatlas.geodesy import WGS84
from adatlas.rings import ring_frame


@dataclass(frozen=True)
class Coverage:
    """Result of :func:`coverage`; empty frames when no deployment has a range."""

    rings: gpd.GeoDataFrame  # one ring per deployment with a range
    covered: BaseGeometry  # union of the rings
    countries: pd.DataFrame  # iso3, name, area_km2, covered_km2, share
    cities: pd.DataFrame  # name, iso3, population, capital, lat, lon, deployments
    borders: pd.DataFrame  # a, b, name, length_km, covered_km, share


def polygon_parts(geometry: BaseGeometry) -> list[Polygon]:
    """The polygons in any geometry (collections and multi-parts flattened; lines dropped)."""
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [p for part in getattr(geometry, "geoms", []) for p in polygon_parts(part)]


def geodesic_area_km2(geometry: BaseGeometry) -> float:
    """Area on the ellipsoid. Each polygon is oriented first: pyproj's area is signed by ring
    orientation, and overlay results mix orientations (and may hold lines or points)."""
    if geometry.is_empty:
        return 0.0
    return (
        sum(
            WGS84.geometry_area_perimeter(orient(polygon, 1.0))[0]
            for polygon in polygon_parts(geometry)
        )
        / 1e6
    )


def geodesic_length_km(geometry: BaseGeometry) -> float:
    if geometry.is_empty:
        return 0.0
    return WGS84.geometry_length(geometry) / 1e3


DEFAULT_STATUSES = ("operational",)


def engaging(frame: gpd.GeoDataFrame, statuses: tuple[str, ...] = ()) -> gpd.GeoDataFrame:
    """Deployments that can engage: weapons (not radars) in ``statuses`` (default: operational).

    A planned or cancelled site covers nothing, and a radar's range is not an engagement range.
    """
    wanted = statuses or DEFAULT_STATUSES
    return frame[frame["status"].isin(wanted) & (frame["system_kind"] != "radar")]


def coverage(
    frame: gpd.GeoDataFrame,
    borders: gpd.GeoDataFrame,
    land_borders: gpd.GeoDataFrame,
    cities: gpd.GeoDataFrame,
    target_m: float | None = None,
) -> Coverage:
    """Coverage of the deployments in ``frame`` (from :func:`adatlas.query.as_of`), by their
    maximum range or, with ``target_m``, their envelope against a target at that altitude."""
    rings = ring_frame(frame, target_m)
    covered = shapely.union_all(rings.geometry.to_numpy()) if len(rings) else Polygon()
    prepared = shapely.prepared.prep(covered)

    country_rows = []
    for iso3, name, shape in zip(borders["iso3"], borders["name"], borders.geometry, strict=True):
        if not prepared.intersects(shape):
            continue
        area = geodesic_area_km2(shape)
        inside = geodesic_area_km2(shape.intersection(covered))
        if inside > 0:
            country_rows.append((iso3, name, area, inside, inside / area if area else 0.0))
    countries = pd.DataFrame(
        country_rows, columns=["iso3", "name", "area_km2", "covered_km2", "share"]
    ).sort_values("covered_km2", ascending=False, ignore_index=True)

    hits = gpd.sjoin(cities, rings, predicate="within", how="inner")
    by_city = hits.groupby("geonameid")["deployment"].agg(lambda ids: sorted(set(ids)))
    city_table = cities[cities["geonameid"].isin(by_city.index)].copy()
    city_table["deployments"] = city_table["geonameid"].map(by_city)
    city_table = pd.DataFrame(
        city_table[["name", "iso3", "population", "capital", "lat", "lon", "deployments"]]
    ).reset_index(drop=True)

    border_rows = []
    for a, b, name, line in zip(
        land_borders["a"],
        land_borders["b"],
        land_borders["name"],
        land_borders.geometry,
        strict=True,
    ):
        length = geodesic_length_km(line)
        inside = geodesic_length_km(line.intersection(covered)) if prepared.intersects(line) else 0
        border_rows.append((a, b, name, length, inside, inside / length if length else 0.0))
    border_table = pd.DataFrame(
        border_rows, columns=["a", "b", "name", "length_km", "covered_km", "share"]
    )
    border_table = border_table[border_table["covered_km"] > 0].sort_values(
        "covered_km", ascending=False, ignore_index=True
    )
    return Coverage(rings, covered, countries, city_table, border_table)


def border_coverage_km(coverage_result: Coverage, a: str, b: str) -> float:
    """Kilometres of the ``a``–``b`` land border inside the rings (0 if none)."""
    pair = sorted((a, b))
    rows = coverage_result.borders[
        (coverage_result.borders["a"] == pair[0]) & (coverage_result.borders["b"] == pair[1])
    ]
    return float(np.sum(rows["covered_km"]))
