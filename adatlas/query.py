"""Time queries: what existed on a date, and who belonged to which group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from adatlas.dataset import Dataset
from adatlas.dates import PartialDate, parse_date
from adatlas.freshness import DEFAULT_STALE_MONTHS, stale
from adatlas.schema import CONFIDENCES, REVIEW_COLUMN

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
    """Which deployments to keep; an empty tuple means no restriction on that field.

    ``stale_months`` sets the freshness rule (see :mod:`adatlas.freshness`): a deployment is
    marked stale, and dropped with ``hide_stale``, when its status was last confirmed more
    than that many months before the date.
    """

    systems: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    hide_stale: bool = False
    stale_months: int = DEFAULT_STALE_MONTHS

    def named(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(URL name, deployment column, allowed values) for each list filter."""
        return (
            ("system", "system", self.systems),
            ("operator", "operator", self.operators),
            ("host", "host", self.hosts),
            ("status", "status", self.statuses),
            ("confidence", "confidence", self.confidences),
        )


SYSTEM_COLUMNS = {
    "name": "system_name",
    "nato_name": "nato_name",
    "kind": "system_kind",
    "missile": "missile",
    "range_km": "range_km",
    "range_quality": "range_quality",
}


_RANK = {c: i for i, c in enumerate(reversed(CONFIDENCES))}  # low 0, medium 1, high 2


def lower_confidence(first: pd.Series, second: pd.Series) -> pd.Series:
    """Element-wise the lower of two confidences; an empty one does not count."""
    lower = [
        min((c for c in pair if c in _RANK), key=_RANK.__getitem__, default="")
        for pair in zip(first, second, strict=True)
    ]
    return pd.Series(lower, index=first.index, dtype=object)


def as_of(dataset: Dataset, date: DateLike, filters: Filters | None = None) -> gpd.GeoDataFrame:
    """Deployments that exist on ``date`` with their status then, EPSG:4326.

    Adds ``status``, ``status_since`` (as written), ``status_since_ts``, the system's
    ``system_name``, ``nato_name``, ``system_kind``, ``missile``, ``range_km`` and
    ``range_quality`` (``cited``, ``weak``, ``assumed``), ``citations``: the citation ids
    of every status row up to ``date`` (in order, without repeats); freshness:
    ``last_confirmed`` (as written), ``last_confirmed_ts`` and ``stale`` (see
    :mod:`adatlas.freshness`); and confidence: ``deployment_confidence``,
    ``status_confidence`` (the status row in force) and ``confidence``, the lower of the two;
    ``proposed``: the record or its status in force awaits review (a team store's view with
    proposed records; always false otherwise).
    """
    day = to_timestamp(date)
    filters = filters or Filters()
    history = dataset.status[dataset.status["start"] <= day]
    current = history.drop_duplicates("deployment", keep="last").set_index("deployment")
    frame = dataset.deployments[dataset.deployments["id"].isin(current.index)]
    # One lookup per source table, one assign: per-column .loc and setitem dominate otherwise.
    state = current.reindex(frame.index)
    system = dataset.systems.reindex(frame["system"])
    stale_now = stale(state["status"], state["last_confirmed_ts"], day, filters.stale_months)
    columns = {
        "status": state["status"],
        "status_since": state["date"],
        "status_since_ts": state["start"],
        "citations": state["citations_so_far"],
        "last_confirmed": state["last_confirmed"],
        "last_confirmed_ts": state["last_confirmed_ts"],
        "stale": stale_now,
        "deployment_confidence": frame["confidence"],
        "status_confidence": state["confidence"],
        "confidence": lower_confidence(frame["confidence"], state["confidence"]),
        **{new: system[old] for old, new in SYSTEM_COLUMNS.items()},
        "antenna_m": system["antenna_m"],  # cited radar height
        "proposed": _awaiting_review(frame) | _awaiting_review(state),
    }
    added = pd.DataFrame({name: values.to_numpy() for name, values in columns.items()})
    own = frame.drop(columns=["confidence", REVIEW_COLUMN], errors="ignore")
    frame = pd.concat([own, added.set_index(frame.index)], axis=1)
    for _, column, allowed in filters.named():
        if allowed:
            frame = frame[frame[column].isin(allowed)]
    if filters.hide_stale:
        frame = frame[~frame["stale"]]
    return frame


def _awaiting_review(rows: pd.DataFrame) -> pd.Series:
    """Rows a team store marked as proposed (the column exists only in a view with drafts)."""
    if REVIEW_COLUMN not in rows:
        return pd.Series(False, index=rows.index)
    return rows[REVIEW_COLUMN].eq("proposed")


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
    if standing:
        covers &= rows["standing"] == standing
    found: dict[str, set[str]] = {}
    # One filter and a loop over the few rows left: a filter per group cost ms per rerun.
    covering = rows.loc[covers, ["group", "country"]]
    for row_group, country in zip(covering["group"], covering["country"], strict=True):
        found.setdefault(row_group, set()).add(country)
    groups = [group] if group else dataset.groups
    return {g: sorted(found.get(g, ())) for g in groups}


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
