"""Geodesic geometry on the WGS 84 ellipsoid (never degree or Web-Mercator buffers)."""

from __future__ import annotations

import numpy as np
from pyproj import Geod
from shapely.geometry import Polygon

WGS84 = Geod(ellps="WGS84")
RING_VERTICES = 128  # chord sag r·(1 − cos(π/128)) = 0.03 % of the radius


def range_ring(lon: float, lat: float, radius_km: float, vertices: int = RING_VERTICES) -> Polygon:
    """The set of points ``radius_km`` from (lon, lat) along the ellipsoid, as a polygon.

    Vertices lie exactly on the geodesic circle; coordinates are lon/lat degrees (EPSG:4326).
    """
    if radius_km <= 0:
        raise ValueError(f"radius_km must be positive, got {radius_km}")
    azimuths = np.linspace(0.0, 360.0, vertices, endpoint=False)
    lons, lats, _ = WGS84.fwd(
        np.full(vertices, lon), np.full(vertices, lat), azimuths, np.full(vertices, radius_km * 1e3)
    )
    return Polygon(zip(lons, lats, strict=True))


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points in km."""
    return float(WGS84.inv(lon1, lat1, lon2, lat2)[2]) / 1e3
