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
    columns = dict(DEPLOYMENT_COLUMNS)
    if "proposed" in table and table["proposed"].any():  # a team store's view with drafts
        table["review"] = table["proposed"].map({True: "proposed", False: "approved"})
        columns = {**columns, "review": "Review"}
    return (
        table[list(columns)]
        .rename(columns=columns)
        .sort_values(["Operator", "Deployment"])
        .reset_index(drop=True)
    )


def readable(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``table`` with only ``columns`` (in that order), renamed to human names with units."""
    return table[[c for c in columns if c in table]].rename(columns=columns)


BORDER_COLUMNS = {
    "name": "Land border",
    "length_km": "Length (km)",
    "covered_km": "Inside the rings (km)",
    "share": "Share inside",
}
COUNTRY_COLUMNS = {
    "name": "Country",
    "iso3": "ISO code",
    "area_km2": "Area (km²)",
    "covered_km2": "Inside the rings (km²)",
    "share": "Share inside",
}
DENSITY_COLUMNS = {
    "name": "Country",
    "iso3": "ISO code",
    "once_km2": "Covered once (km²)",
    "twice_km2": "Covered twice (km²)",
    "three_or_more_km2": "Covered three or more times (km²)",
}
CITY_COLUMNS = {
    "name": "City",
    "iso3": "Country (ISO)",
    "population": "Population",
    "capital": "Capital",
    "deployments": "Within range of",
    "lat": "Latitude (°)",
    "lon": "Longitude (°)",
}
CHANGE_COLUMNS = {
    "name": "Deployment",
    "change": "Change",
    "status_before": "Status before",
    "status_after": "Status after",
    "since_after": "Since",
    "system": "System",
    "operator": "Operator",
    "host": "Host",
    "id": "id",
}
MEMBERSHIP_CHANGE_COLUMNS = {"group": "Group", "country": "Country (ISO)", "change": "Change"}
CHRONOLOGY_COLUMNS = {
    "date": "Date",
    "kind": "Kind",
    "title": "What happened",
    "countries": "Countries",
    "record": "Record",
    "citations": "Citations",
}


def coverage_tables(result) -> dict[str, pd.DataFrame]:
    """The Analysis page's coverage tables (of a :class:`~adatlas.coverage.Coverage`), rounded
    and with human column names: ``borders``, ``countries``, ``cities``."""
    return {
        "borders": readable(
            result.borders.round({"length_km": 0, "covered_km": 0, "share": 3}), BORDER_COLUMNS
        ),
        "countries": readable(
            result.countries.round({"area_km2": 0, "covered_km2": 0, "share": 3}), COUNTRY_COLUMNS
        ),
        "cities": readable(
            result.cities.assign(deployments=result.cities["deployments"].map(", ".join)),
            CITY_COLUMNS,
        ),
    }


def density_table(by_country: pd.DataFrame) -> pd.DataFrame:
    return readable(by_country.round(0), DENSITY_COLUMNS)


def change_table(changes: pd.DataFrame) -> pd.DataFrame:
    return readable(changes, CHANGE_COLUMNS)


def membership_change_table(changes: pd.DataFrame) -> pd.DataFrame:
    return readable(changes, MEMBERSHIP_CHANGE_COLUMNS)


def chronology_table(chronology: pd.DataFrame) -> pd.DataFrame:
    lists = {c: chronology[c].map(", ".join) for c in ("countries", "citations") if c in chronology}
    return readable(chronology.assign(**lists), CHRONOLOGY_COLUMNS)
