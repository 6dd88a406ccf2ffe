"""The interactive (Leaflet/Folium) map: offline base map, layers, popups, assembly."""

from adatlas.webmap.build import build_map

__all__ = ["build_map"]
