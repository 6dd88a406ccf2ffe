import numpy as np
import pytest
from pyproj import Geod

from adatlas.geodesy import RING_VERTICES, distance_km, range_ring

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("lon", "lat", "radius"), [(23.8, 53.7, 200), (20.5, 54.7, 400), (68.0, 41.0, 40)]
)
def test_ring_vertices_are_on_the_geodesic_circle(lon, lat, radius):
    ring = range_ring(lon, lat, radius)
    xs, ys = np.asarray(ring.exterior.xy)
    _, _, dist = GEOD.inv(np.full(len(xs), lon), np.full(len(xs), lat), xs, ys)
    assert np.allclose(dist / 1e3, radius, rtol=1e-9)
    assert len(xs) - 1 >= 128 == RING_VERTICES


def test_ring_edge_midpoints_within_a_tenth_of_a_percent():
    lon, lat, radius = 23.8, 53.7, 300
    xs, ys = range_ring(lon, lat, radius).exterior.xy
    worst = 0.0
    for i in range(len(xs) - 1):
        ((mx, my),) = GEOD.npts(xs[i], ys[i], xs[i + 1], ys[i + 1], 1)
        worst = max(worst, abs(distance_km(lon, lat, mx, my) - radius) / radius)
    assert worst < 0.001


def test_ring_is_not_a_degree_buffer():
    # At 54°N a degree of longitude is ~65.6 km: a 200 km ring spans ~6.1° east-west, not 3.6°.
    ring = range_ring(23.5, 54.0, 200)
    minx, _, maxx, _ = ring.bounds
    assert maxx - minx == pytest.approx(6.1, abs=0.1)


def test_nonpositive_radius_rejected():
    with pytest.raises(ValueError, match="radius_km must be positive"):
        range_ring(0, 0, 0)


def test_ring_enclosing_the_north_pole_is_a_valid_cap():
    # 4,600 km from Brdy (49.6° N) reaches past the pole (4,506 km away).
    ring = range_ring(13.7, 49.6, 4600)
    assert ring.is_valid
    minx, _, maxx, maxy = ring.bounds
    assert (minx, maxx, maxy) == (-180.0, 180.0, 90.0)
    # A point just beyond the pole (on the far meridian) is inside; Brdy itself is inside.
    from shapely.geometry import Point

    assert ring.contains(Point(-166.3, 89.5)) and ring.contains(Point(13.7, 49.6))
    assert not ring.contains(Point(13.7, 5.0)) and not ring.contains(Point(-166.3, 85.0))


def test_small_ring_unchanged_by_pole_handling():
    ring = range_ring(13.7, 49.6, 100)
    assert len(ring.exterior.coords) == RING_VERTICES + 1


def test_memoised_rings_are_the_geodesic_rings_and_are_reused(monkeypatch):
    from adatlas import rings

    monkeypatch.setattr(rings, "_memo", {})
    first = rings.ring_polygons([24.0, 21.0, 24.0], [53.7, 54.7, 53.7], [200.0, 400.0, 200.0])
    assert first[0] is first[2] and len(rings._memo) == 2  # same site and radius: one ring
    assert first[1].equals(range_ring(21.0, 54.7, 400.0))
    assert rings.ring_polygons([21.0], [54.7], [400.0])[0] is first[1]  # the next date's rerun
    monkeypatch.setattr(rings, "MEMO_SIZE", 2)
    again = rings.ring_polygons([30.0], [50.0], [100.0])  # full: starts again, still right
    assert len(rings._memo) == 1 and again[0].equals(range_ring(30.0, 50.0, 100.0))
