"""Country borders (Natural Earth, see geodata/borders.PROVENANCE.md), EPSG:4326."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from adatlas.dataset import CRS, REPOSITORY_ROOT

BORDERS_FILE = "geodata/borders.geojson"
LAND_BORDERS_FILE = "geodata/land_borders.geojson"


def _read(root: Path | str | None, name: str) -> gpd.GeoDataFrame:
    """The dataset's own file if it has one, else the shipped one; empty if neither exists."""
    for base in (Path(root) if root else None, REPOSITORY_ROOT):
        if base is not None and (base / name).is_file():
            return gpd.read_file(base / name).to_crs(CRS)
    return gpd.GeoDataFrame({"iso3": [], "name": []}, geometry=[], crs=CRS)


def load_borders(root: Path | str | None = None) -> gpd.GeoDataFrame:
    """Country polygons with ``iso3`` and ``name``."""
    return _read(root, BORDERS_FILE)


def load_land_borders(root: Path | str | None = None) -> gpd.GeoDataFrame:
    """Shared land borders, one line per country pair (``a``, ``b``, ``name``)."""
    return _read(root, LAND_BORDERS_FILE)
