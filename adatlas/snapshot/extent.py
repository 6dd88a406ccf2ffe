"""The geographic extent of a view, as the web map shows it."""

from __future__ import annotations

import math

from adatlas.view import View

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat (EPSG:4326)

# The dashboard's map is about this many CSS pixels; a snapshot of "the current view" shows
# what that map shows at the view's centre and zoom.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 1100, 640


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def view_bbox(view: View, width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> BBox:
    """The lon/lat box a Web-Mercator map of ``width_px``×``height_px`` shows for ``view``."""
    lat, lon = view.center
    world_px = 256 * 2**view.zoom
    half_lon = width_px / world_px * 180.0
    centre_y = _mercator_y(lat)
    half_y = height_px / world_px * math.pi
    south = _inverse_mercator_y(centre_y - half_y)
    north = _inverse_mercator_y(centre_y + half_y)
    return (
        max(-180.0, lon - half_lon),
        max(-85.0, south),
        min(180.0, lon + half_lon),
        min(85.0, north),
    )


def parse_bbox(text: str) -> BBox:
    """``minlon,minlat,maxlon,maxlat`` → a checked box; ValueError says what is wrong."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox {text!r} needs four numbers: minlon,minlat,maxlon,maxlat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox {text!r} has a value that is not a number") from None
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValueError(f"bbox {text!r} is not a box inside -180..180, -90..90 with min < max")
    return min_lon, min_lat, max_lon, max_lat
