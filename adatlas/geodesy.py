"""Geodesic geometry on the WGS 84 ellipsoid (never degree or Web-Mercator buffers)."""

from __future__ import annotations

from collections.abc import Sequence

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
    return Polygon(range_ring_coordinates([lon], [lat], [radius_km], vertices)[0])


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points in km."""
    return float(WGS84.inv(lon1, lat1, lon2, lat2)[2]) / 1e3


def range_ring_coordinates(
    lons: Sequence[float],
    lats: Sequence[float],
    radii_km: Sequence[float],
    vertices: int = RING_VERTICES,
) -> list[np.ndarray]:
    """Closed rings for many centres at once, each an array (k, 2) of lon/lat degrees.

    One vectorised ``Geod.fwd`` call. A ring that encloses a pole (a radius longer than the
    distance to it) is returned as the cap it bounds: vertices sorted by longitude and closed
    along ±180° through the pole, so it stays a valid lon/lat polygon.
    """
    lons, lats, radii = (np.asarray(a, dtype=float) for a in (lons, lats, radii_km))
    if (radii <= 0).any():
        raise ValueError("radii_km must be positive")
    count = len(lons)
    azimuths = np.tile(np.linspace(0.0, 360.0, vertices, endpoint=False), count)
    out_lon, out_lat, _ = WGS84.fwd(
        np.repeat(lons, vertices),
        np.repeat(lats, vertices),
        azimuths,
        np.repeat(radii * 1e3, vertices),
    )
    rings = np.stack([out_lon, out_lat], axis=-1).reshape(count, vertices, 2)
    pole_distance = WGS84.inv(lons, lats, lons, np.where(lats >= 0, 90.0, -90.0))[2]
    result = []
    for ring, radius, to_pole, lat in zip(rings, radii, pole_distance, lats, strict=True):
        if radius * 1e3 < to_pole:
            result.append(np.concatenate([ring, ring[:1]]))
        else:
            result.append(_polar_cap(ring, north=lat >= 0))
    return result


def _polar_cap(ring: np.ndarray, north: bool) -> np.ndarray:
    """The lon/lat polygon of a circle enclosing a pole: each meridian crosses it once."""
    ordered = ring[np.argsort(ring[:, 0])]
    first, last = ordered[0], ordered[-1]
    # latitude where the circle meets ±180°, interpolated across the antimeridian
    span = (first[0] + 360.0) - last[0]
    edge_lat = last[1] + (first[1] - last[1]) * ((180.0 - last[0]) / span if span else 0.5)
    pole = 90.0 if north else -90.0
    cap = np.vstack([[-180.0, edge_lat], ordered, [180.0, edge_lat], [180.0, pole], [-180.0, pole]])
    return np.vstack([cap, cap[:1]])
