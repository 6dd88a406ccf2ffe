"""Deployments as GeoJSON features and CSV rows (the shapes ``adatlas query`` prints)."""

from __future__ import annotations

import io
import math
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


def deployments_csv(frame: gpd.GeoDataFrame) -> str:
    table = frame.drop(columns=["geometry", "status_since_ts", "last_confirmed_ts"]).copy()
    table["citations"] = table["citations"].map(";".join)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
