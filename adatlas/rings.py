"""Range rings of deployments: one geodesic polygon per deployment whose system has a range.

The one place rings are built; the web map, snapshots, exports and coverage all use it.
A cancelled or withdrawn deployment keeps its marker but has no ring: it covers nothing, and
a never-built 4,500 km radar ring would otherwise shade half the map for every later date.
A deployment known only to its country (``precision`` ``country``) has no ring either: its
point is a stand-in (often the capital), and a ring around it would claim coverage nobody knows.
"""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Polygon

from adatlas.dataset import CRS
from adatlas.envelope import envelope_km
from adatlas.geodesy import range_ring_coordinates
from adatlas.schema import FINAL_STATUSES


def ring_frame(frame: gpd.GeoDataFrame, target_m: float | None = None) -> gpd.GeoDataFrame:
    """Rings of an :func:`~adatlas.query.as_of` frame, EPSG:4326.

    With ``target_m`` each ring is the altitude-aware envelope (see :mod:`adatlas.envelope`).
    Deployments whose status is in :data:`~adatlas.schema.FINAL_STATUSES`, and those located
    only to their country, get no ring.
    Columns: ``deployment``, ``name``, ``system``, ``system_kind``, ``status``,
    ``status_since``, ``radius_km``, ``range_quality``, ``stale``.
    """
    ranged = frame[
        frame["range_km"].notna()
        & (frame["range_km"] > 0)
        & ~frame["status"].isin(FINAL_STATUSES)
        & (frame["precision"] != "country")
    ]
    radii = envelope_km(ranged, target_m)
    rings = range_ring_coordinates(ranged["lon"], ranged["lat"], radii)
    return gpd.GeoDataFrame(
        {
            "deployment": ranged["id"].to_numpy(),
            "name": ranged["name"].to_numpy(),
            "system": ranged["system"].to_numpy(),
            "system_kind": ranged["system_kind"].to_numpy(),
            "status": ranged["status"].to_numpy(),
            "status_since": ranged["status_since"].to_numpy(),
            "radius_km": radii.to_numpy(dtype=float),
            "range_quality": ranged["range_quality"].to_numpy(),
            "stale": ranged["stale"].to_numpy(dtype=bool),
        },
        geometry=[Polygon(r) for r in rings],
        crs=CRS,
    )
