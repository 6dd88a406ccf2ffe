"""The words on a snapshot: generated title, filter summary, numbered source list."""

from __future__ import annotations

import geopandas as gpd

from adatlas.dataset import Dataset
from adatlas.view import View


def default_title(view: View) -> str:
    return f"Air and missile defense deployments as of {view.date:%d %B %Y}"


def describe_filters(view: View) -> str:
    parts = [f"{name}: {', '.join(values)}" for name, _, values in view.filters.named() if values]
    if view.filters.hide_stale:
        parts.append(f"stale records hidden (not confirmed in {view.filters.stale_months} months)")
    if view.altitude_m is not None:
        parts.append(f"rings at target altitude {view.altitude_m:,} m")
    if view.recorded_at:
        parts.append(f"dataset as recorded at {view.recorded_at}")
    if view.include_proposed:
        parts.append("including proposed records not yet reviewed")
    return "; ".join(parts) if parts else "no filters"


def source_list(dataset: Dataset, frame: gpd.GeoDataFrame) -> list[str]:
    """ "Publisher — Title (date) [source kind]" for each article behind the shown deployments,
    by date."""
    cited = {c for cs in frame["citations"] for c in cs}
    if not cited:
        return []
    articles = dataset.citations.loc[sorted(cited), "article"].unique()
    table = dataset.articles.loc[articles].sort_values(["date", "publisher", "title"])
    return [
        f"{row['publisher']} — {row['title']} ({row['date']})"
        + (f" [{row['source_kind']}]" if row["source_kind"] else "")
        for _, row in table.iterrows()
    ]
