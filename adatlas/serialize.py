"""Deployments as GeoJSON features and CSV rows (the shapes ``adatlas query`` prints)."""

from __future__ import annotations

import io
import math
import re
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping

from adatlas.dataset import Dataset
from adatlas.query import citation_details
from adatlas.rings import ring_frame

# Internal columns that are not part of a deployment's public properties.
_HIDDEN = {"geometry", "status_since_ts", "last_confirmed_ts", "citations"}


def _plain(value: Any) -> Any:
    """JSON-safe scalar: NaN → None, numpy → Python."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def deployment_properties(dataset: Dataset, row: Any) -> dict[str, Any]:
    props = {k: _plain(v) for k, v in row.items() if k not in _HIDDEN}
    props["kind"] = "deployment"
    props["citations"] = [
        {k: c[k] for k in ("id", "article", "title", "publisher", "date", "url", "excerpt")}
        for c in citation_details(dataset, row["citations"])
    ]
    return props


def ring_features(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One geodesic range-ring Polygon feature per deployment whose system has a range."""
    rings = ring_frame(frame)
    return [
        {
            "type": "Feature",
            "geometry": mapping(geometry),
            "properties": {
                "kind": "range",
                "deployment": deployment,
                "system": system,
                "status": status,
                "radius_km": float(radius),
            },
        }
        for geometry, deployment, system, status, radius in zip(
            rings.geometry,
            rings["deployment"],
            rings["system"],
            rings["status"],
            rings["radius_km"],
            strict=True,
        )
    ]


def deployments_feature_collection(
    dataset: Dataset, frame: gpd.GeoDataFrame, rings: bool = False
) -> dict[str, Any]:
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": deployment_properties(dataset, row),
        }
        for _, row in frame.iterrows()
    ]
    if rings:
        features.extend(ring_features(frame))
    return {"type": "FeatureCollection", "features": features}


# OWASP "CSV injection": spreadsheets run a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading ``'``.

    Numbers are left alone, also when they are text (``-5`` in an extra column): a plain number
    runs nothing, and a spreadsheet user needs it to stay a number.
    """
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.match(value)
    ):
        return "'" + value
    return value


def deployments_csv(frame: gpd.GeoDataFrame) -> str:
    """The deployments as CSV, text cells made safe to open in a spreadsheet."""
    table = frame.drop(columns=["geometry", "status_since_ts", "last_confirmed_ts"]).copy()
    table["citations"] = table["citations"].map(";".join)
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(spreadsheet_safe)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
