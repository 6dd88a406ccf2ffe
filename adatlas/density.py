"""Coverage density: how many deployments' rings cover each place, on an equal-area grid.

Cells are squares of ``cell_km`` in a Lambert azimuthal equal-area projection centred on the
rings, so every cell has the same area; a cell counts a ring when its centre lies inside it.
Areas are therefore exact to within the grid resolution (document it with the result).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS
from shapely import box as boxes
from shapely import coverage_union_all, points

from adatlas.coverage import engaging
from adatlas.dataset import CRS as WGS84_CRS
from adatlas.rings import ring_frame

DEFAULT_CELL_KM = 20.0
BANDS = ("once", "twice", "three or more")


MAX_CELLS = 20_000  # past this the cells grow, so huge rings stay fast (cell_km says how big)


@dataclass(frozen=True)
class Density:
    bands: gpd.GeoDataFrame  # one (multi)polygon per band: ``band``, ``count``; EPSG:4326
    by_country: pd.DataFrame  # iso3, name, once_km2, twice_km2, three_or_more_km2
    cell_km: float


def _equal_area(rings: gpd.GeoDataFrame) -> CRS:
    lon0, lat0, lon1, lat1 = rings.total_bounds
    return CRS.from_proj4(
        f"+proj=laea +lat_0={(lat0 + lat1) / 2:.3f} +lon_0={(lon0 + lon1) / 2:.3f} "
        "+datum=WGS84 +units=m"
    )


def band(count: int) -> str:
    return BANDS[min(count, 3) - 1]


DENSITY_COLORS = {"once": "#fcbba1", "twice": "#fb6a4a", "three or more": "#a50f15"}
DENSITY_OPACITY = 0.45


def coverage_density(
    rings: gpd.GeoDataFrame,
    borders: gpd.GeoDataFrame | None = None,
    cell_km: float = DEFAULT_CELL_KM,
    max_cells: int = MAX_CELLS,
) -> Density:
    """Counts of covering rings per grid cell, and (given borders) areas per country and band.

    Cells are ``cell_km`` wide, or wider if the rings' extent would need more than ``max_cells``.
    """
    empty_cells = gpd.GeoDataFrame({"band": [], "count": []}, geometry=[], crs=WGS84_CRS)
    empty_table = pd.DataFrame(
        columns=["iso3", "name", *(f"{b.replace(' ', '_')}_km2" for b in BANDS)]
    )
    if rings.empty:
        return Density(empty_cells, empty_table, cell_km)
    crs = _equal_area(rings)
    projected = rings.to_crs(crs)
    x0, y0, x1, y1 = projected.total_bounds
    cell_km = max(cell_km, math.sqrt((x1 - x0) * (y1 - y0) / max_cells) / 1000)
    size = cell_km * 1000
    xs = np.arange(x0, x1 + size, size)
    ys = np.arange(y0, y1 + size, size)
    grid_x, grid_y = np.meshgrid(xs[:-1] + size / 2, ys[:-1] + size / 2)
    centres = gpd.GeoDataFrame(
        geometry=points(grid_x.ravel(), grid_y.ravel()), crs=crs
    ).reset_index(names="cell")
    hits = gpd.sjoin(centres, projected[["geometry"]], predicate="within", how="inner")
    counts = hits.groupby("cell").size()
    covered = centres.loc[counts.index].copy()
    covered["count"] = counts.to_numpy()

    if borders is None:
        borders = gpd.GeoDataFrame({"iso3": [], "name": []}, geometry=[], crs=WGS84_CRS)
    countries = borders[["iso3", "name", "geometry"]].to_crs(crs)
    located = gpd.sjoin(covered, countries, predicate="within", how="inner")
    located["band"] = [band(c) for c in located["count"]]
    area = cell_km**2
    table = (
        located.groupby(["iso3", "name", "band"])
        .size()
        .mul(area)
        .unstack("band", fill_value=0)
        .reindex(columns=list(BANDS), fill_value=0)
        .rename(columns={b: f"{b.replace(' ', '_')}_km2" for b in BANDS})
        .reset_index()
    )
    table = (
        table.assign(_total=table.iloc[:, 2:].sum(axis=1))
        .sort_values("_total", ascending=False, ignore_index=True)
        .drop(columns="_total")
    )

    # Grid cells never overlap, so each band dissolves cheaply into one shape (a coverage union).
    half = size / 2
    xs, ys = covered.geometry.x.to_numpy(), covered.geometry.y.to_numpy()
    squares = boxes(xs - half, ys - half, xs + half, ys + half)
    names = np.array([band(c) for c in covered["count"]])
    bands = gpd.GeoDataFrame(
        {"band": list(BANDS), "count": [1, 2, 3]},
        geometry=[coverage_union_all(squares[names == name]) for name in BANDS],
        crs=crs,
    )
    bands = bands[~bands.geometry.is_empty].to_crs(WGS84_CRS).reset_index(drop=True)
    return Density(bands, table, cell_km)


def density_bands(
    frame: gpd.GeoDataFrame, statuses: tuple[str, ...] = (), target_m: float | None = None
) -> gpd.GeoDataFrame:
    """The density layer of a view, as the web map and the snapshots draw it: bands of the
    weapons in ``frame`` that can engage (see :func:`adatlas.coverage.engaging`), by their
    maximum range or their envelope at ``target_m``. EPSG:4326."""
    return coverage_density(ring_frame(engaging(frame, statuses), target_m)).bands
