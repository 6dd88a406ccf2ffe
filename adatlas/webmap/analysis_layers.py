"""Overlays for the Analysis page: covered area and borders, and what changed between dates."""

from __future__ import annotations

import folium
import pandas as pd
from markupsafe import escape
from shapely.geometry import mapping

from adatlas.coverage import Coverage
from adatlas.webmap.build import _group, _round
from adatlas.webmap.layers import StyledGeoJson, collection, feature

CHANGE_STYLE = {
    "appeared": {"color": "#1a9850", "fillColor": "#1a9850"},
    "disappeared": {"color": "#d73027", "fillColor": "#d73027"},
    "status changed": {"color": "#fc8d59", "fillColor": "#fee08b"},
}


def coverage_overlays(result: Coverage, land_borders) -> list[folium.FeatureGroup]:
    """The union of rings and the covered stretches of land borders."""
    area = StyledGeoJson(
        collection(
            [
                feature(
                    _round(mapping(result.covered)),
                    className="adatlas-covered",
                    style={"color": "#b2182b", "weight": 1, "fillOpacity": 0.15},
                )
            ]
            if not result.covered.is_empty
            else []
        ),
        "Covered area",
        interactive=False,
    )
    lines = []
    for _, row in result.borders.iterrows():
        line = land_borders[(land_borders["a"] == row["a"]) & (land_borders["b"] == row["b"])]
        for geometry in line.geometry:
            inside = geometry.intersection(result.covered)
            if not inside.is_empty:
                lines.append(
                    feature(
                        _round(mapping(inside)),
                        style={"color": "#67001f", "weight": 4},
                        tooltip=str(escape(f"{row['name']}: {row['covered_km']:,.0f} km covered")),
                        className="adatlas-covered-border",
                    )
                )
    borders = StyledGeoJson(collection(lines), "Covered land borders")
    return [_group("Covered area", area), _group("Covered borders", borders)]


def change_overlays(changes: pd.DataFrame) -> list[folium.FeatureGroup]:
    """Deployments that appeared (green), disappeared (red) or changed status (orange)."""
    points = [
        feature(
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            style={**CHANGE_STYLE[row["change"]], "radius": 7, "weight": 2, "fillOpacity": 0.9},
            tooltip=str(
                escape(
                    f"{row['name']}: {row['change']} ({row['status_before'] or '—'} → "
                    f"{row['status_after'] or '—'})"
                )
            ),
            className=f"adatlas-change adatlas-change-{row['change'].replace(' ', '-')}",
        )
        for _, row in changes.iterrows()
    ]
    return [_group("Changes", StyledGeoJson(collection(points), "Changes"))]
