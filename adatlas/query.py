"""Time queries: what existed on a date, and who belonged to which group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from adatlas.dataset import Dataset
from adatlas.dates import PartialDate, parse_date

DateLike = str | dt.date | PartialDate | pd.Timestamp


def to_timestamp(value: DateLike) -> pd.Timestamp:
    """A day as a Timestamp; partial dates mean their first day."""
    if isinstance(value, PartialDate):
        return pd.Timestamp(value.start)
    if isinstance(value, str):
        return pd.Timestamp(parse_date(value).start)
    return pd.Timestamp(value)


@dataclass(frozen=True)
class Filters:
    """Which deployments to keep; an empty tuple means no restriction on that field."""

    systems: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def named(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(URL name, deployment column, allowed values) for each filter."""
        return (
            ("system", "system", self.systems),
            ("operator", "operator", self.operators),
            ("host", "host", self.hosts),
            ("status", "status", self.statuses),
        )


SYSTEM_COLUMNS = {
    "name": "system_name",
    "nato_name": "nato_name",
    "kind": "system_kind",
    "missile": "missile",
    "range_km": "range_km",
    "range_quality": "range_quality",
}


def as_of(dataset: Dataset, date: DateLike, filters: Filters | None = None) -> gpd.GeoDataFrame:
    """Deployments that exist on ``date`` with their status then, EPSG:4326.

    Adds ``status``, ``status_since`` (as written), ``status_since_ts``, the system's
    ``system_name``, ``nato_name``, ``system_kind``, ``missile``, ``range_km`` and
    ``range_quality`` (see :mod:`adatlas.range_quality`), and ``citations``: the citation ids
    of every status row up to ``date``.
    """
    day = to_timestamp(date)
    filters = filters or Filters()
    history = dataset.status[dataset.status["start"] <= day]
    current = history.drop_duplicates("deployment", keep="last").set_index("deployment")
    cited = history.groupby("deployment")["citations"].agg(
        lambda lists: list(dict.fromkeys(c for cs in lists for c in cs))
    )
    frame = dataset.deployments[dataset.deployments["id"].isin(current.index)].copy()
    frame["status"] = current.loc[frame.index, "status"].to_numpy()
    frame["status_since"] = current.loc[frame.index, "date"].to_numpy()
    frame["status_since_ts"] = current.loc[frame.index, "start"].to_numpy()
    frame["citations"] = cited.reindex(frame.index).to_numpy()
    systems = dataset.systems.rename(columns=SYSTEM_COLUMNS)[list(SYSTEM_COLUMNS.values())]
    if "antenna_m" in dataset.systems:  # optional column: radar antenna height, cited
        systems = systems.assign(
            antenna_m=pd.to_numeric(dataset.systems["antenna_m"], errors="coerce")
        )
    for column in systems.columns:
        frame[column] = systems.loc[frame["system"], column].to_numpy()
    for _, column, allowed in filters.named():
        if allowed:
            frame = frame[frame[column].isin(allowed)]
    return frame


def status_history(dataset: Dataset, deployment: str) -> pd.DataFrame:
    """Every status row of one deployment, oldest first."""
    return dataset.status[dataset.status["deployment"] == deployment]


def members(
    dataset: Dataset,
    date: DateLike,
    group: str | None = None,
    standing: str | None = None,
) -> dict[str, list[str]]:
    """``{group: sorted ISO3 codes}`` of countries whose membership covers ``date``.

    Frozen and suspended members are included unless ``standing`` selects one standing.
    """
    day = to_timestamp(date)
    rows = dataset.memberships
    covers = (rows["start_ts"] <= day) & (rows["end_ts"].isna() | (rows["end_ts"] > day))
    rows = rows[covers]
    if standing:
        rows = rows[rows["standing"] == standing]
    groups = [group] if group else dataset.groups
    return {g: sorted(set(rows.loc[rows["group"] == g, "country"])) for g in groups}


def citation_details(dataset: Dataset, ids: list[str]) -> list[dict[str, str]]:
    """Citations with their article's metadata, in the order given."""
    details = []
    for cid in ids:
        citation = dataset.citations.loc[cid]
        article = dataset.articles.loc[citation["article"]]
        details.append(
            {
                "id": cid,
                "article": citation["article"],
                "title": article["title"],
                "publisher": article["publisher"],
                "date": article["date"],
                "url": article["url"],
                "excerpt": citation["excerpt"],
            }
        )
    return details
