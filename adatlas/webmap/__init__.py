"""The interactive (Leaflet/Folium) map: offline base map, layers, popups, assembly."""

from adatlas.webmap.build import base_map, borders_collection, build_map, overlays

__all__ = ["base_map", "borders_collection", "build_map", "overlays"]
