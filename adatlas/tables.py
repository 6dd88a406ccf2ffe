"""Tables for display and download: plain DataFrames with readable column names."""

from __future__ import annotations

from urllib.parse import quote

import geopandas as gpd
import pandas as pd

from adatlas.range_quality import range_quality_text

DEPLOYMENT_COLUMNS = {
    "name": "Deployment",
    "system_name": "System",
    "missile": "Missile",
    "range_km": "Range (km)",
    "range_quality": "Range is",
    "operator": "Operator",
    "host": "Host",
    "status": "Status",
    "status_since": "Since",
    "last_confirmed": "Last confirmed",
    "stale": "Stale",
    "confidence": "Confidence",
    "precision": "Location precision",
    "location": "Place",
    "source": "Source",
    "id": "id",
}


def deployment_table(frame: gpd.GeoDataFrame, citation_link: str | None = None) -> pd.DataFrame:
    """The deployments of an :func:`~adatlas.query.as_of` frame, one row each, for display.

    The Source column holds the newest citation behind the row's status: its id, or the URL
    ``citation_link`` makes of it (``{citation}`` stands for the id; the dashboard passes its
    Sources page).
    """
    table = pd.DataFrame(frame.drop(columns="geometry"))
    newest = [ids[-1] if ids else "" for ids in frame["citations"]]
    table["source"] = [
        citation_link.replace("{citation}", quote(c, safe="")) if c and citation_link else c
        for c in newest
    ]
    table["range_quality"] = table["range_quality"].map(range_quality_text)
    for column in DEPLOYMENT_COLUMNS:
        if column not in table:
            table[column] = ""
    return (
        table[list(DEPLOYMENT_COLUMNS)]
        .rename(columns=DEPLOYMENT_COLUMNS)
        .sort_values(["Operator", "Deployment"])
        .reset_index(drop=True)
    )
