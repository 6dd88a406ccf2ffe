"""Range rings of deployments: one geodesic polygon per deployment whose system has a range.

The one place rings are built; the web map, snapshots, exports and coverage all use it.
A cancelled or withdrawn deployment keeps its marker but has no ring: it covers nothing, and
a never-built 4,500 km radar ring would otherwise shade half the map for every later date.
A deployment known only to its country (``precision`` ``country``) has no ring either: its
point is a stand-in (often the capital), and a ring around it would claim coverage nobody knows.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon

from adatlas.dataset import CRS
from adatlas.envelope import envelope_km
from adatlas.geodesy import range_ring_coordinates
from adatlas.schema import FINAL_STATUSES

# Sites seldom move, so a date change needs no new ring: polygons are kept per (lon, lat,
# radius). 20,000 rings of 129 vertices weigh ≈ 40 MB; past that the memo starts again.
MEMO_SIZE = 20_000
_memo: dict[tuple[float, float, float], Polygon] = {}


def ring_polygons(lons: list[float], lats: list[float], radii_km: list[float]) -> list[Polygon]:
    """The geodesic ring of each centre and radius; new ones in one vectorised call.

    Sessions run in threads: the memo is only read with ``get`` and changed with ``clear`` and
    ``update``, so another session clearing it never costs this one a ring."""
    keys = list(zip(lons, lats, radii_km, strict=True))
    known = {key: _memo.get(key) for key in keys}
    missing = [key for key, ring in known.items() if ring is None]
    if missing:
        lon, lat, radius = zip(*missing, strict=True)
        for key, ring in zip(missing, range_ring_coordinates(lon, lat, radius), strict=True):
            known[key] = Polygon(ring)
        if len(_memo) + len(missing) > MEMO_SIZE:
            _memo.clear()
        _memo.update((key, known[key]) for key in missing)
    return [known[key] for key in keys]


_USED = (
    "id", "name", "system", "system_kind", "status", "status_since", "range_quality", "stale",
    "lon", "lat", "range_km", "antenna_m",
)  # fmt: skip


def ring_frame(frame: gpd.GeoDataFrame, target_m: float | None = None) -> gpd.GeoDataFrame:
    """Rings of an :func:`~adatlas.query.as_of` frame, EPSG:4326.

    With ``target_m`` each ring is the altitude-aware envelope (see :mod:`adatlas.envelope`).
    Deployments whose status is in :data:`~adatlas.schema.FINAL_STATUSES`, and those located
    only to their country, get no ring.
    Columns: ``deployment``, ``name``, ``system``, ``system_kind``, ``status``,
    ``status_since``, ``radius_km``, ``range_quality``, ``stale``.
    """
    has_ring = (
        frame["range_km"].notna()
        & (frame["range_km"] > 0)
        & ~frame["status"].isin(FINAL_STATUSES)
        & (frame["precision"] != "country")
    )
    # Only the columns used, as a plain frame: filtering every column of a GeoDataFrame is
    # most of the cost of a rerun's rings.
    ranged = pd.DataFrame(frame[[c for c in _USED if c in frame]])[has_ring]
    radii = envelope_km(ranged, target_m)
    rings = ring_polygons(
        ranged["lon"].astype(float).tolist(),
        ranged["lat"].astype(float).tolist(),
        radii.astype(float).tolist(),
    )
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
        geometry=rings,
        crs=CRS,
    )
