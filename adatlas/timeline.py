"""The chronology: status changes, membership changes and events on one time axis."""

from __future__ import annotations

import pandas as pd

from adatlas.dataset import Dataset
from adatlas.query import Filters

COLUMNS = ["start", "date", "kind", "title", "countries", "record", "citations"]


def chronology(dataset: Dataset, filters: Filters | None = None) -> pd.DataFrame:
    """Every dated happening, oldest first.

    ``kind`` is ``status`` (a deployment's status change), ``membership`` (joining, leaving,
    freezing) or ``event``. Deployment filters apply to status rows; operator/host filters also
    narrow memberships and events to those countries.
    """
    filters = filters or Filters()
    deployments = dataset.deployments
    keep = pd.Series(True, index=deployments.index)
    for column, allowed in (
        ("system", filters.systems),
        ("operator", filters.operators),
        ("host", filters.hosts),
    ):
        if allowed:
            keep &= deployments[column].isin(allowed)
    kept = deployments[keep]
    status = dataset.status[dataset.status["deployment"].isin(kept.index)]
    if filters.statuses:
        status = status[status["status"].isin(filters.statuses)]
    status_rows = pd.DataFrame(
        {
            "start": status["start"],
            "date": status["date"],
            "kind": "status",
            "title": [
                f"{kept.loc[d, 'name']}: {s}"
                for d, s in zip(status["deployment"], status["status"], strict=True)
            ],
            "countries": [
                sorted({kept.loc[d, "operator"], kept.loc[d, "host"]}) for d in status["deployment"]
            ],
            "record": status["deployment"],
            "citations": status["citations"],
        }
    )
    countries = set(filters.operators) | set(filters.hosts)
    memberships = dataset.memberships
    if countries:
        memberships = memberships[memberships["country"].isin(countries)]
    membership_rows = pd.DataFrame(
        {
            "start": memberships["start_ts"],
            "date": memberships["start"],
            "kind": "membership",
            "title": [
                f"{country} {'joins' if standing == 'member' else standing + ' in'} {group}"
                for country, group, standing in zip(
                    memberships["country"],
                    memberships["group"],
                    memberships["standing"],
                    strict=True,
                )
            ],
            "countries": memberships["country"].map(lambda c: [c]),
            "record": memberships["group"] + "/" + memberships["country"],
            "citations": memberships["citations"],
        }
    )
    events = dataset.events
    if countries:
        events = events[events["countries"].map(lambda cs: bool(set(cs) & countries))]
    event_rows = pd.DataFrame(
        {
            "start": events["start"],
            "date": events["date"],
            "kind": "event",
            "title": events["title"],
            "countries": events["countries"],
            "record": events["id"],
            "citations": events["citations"],
        }
    )
    frames = [f for f in (status_rows, membership_rows, event_rows) if len(f)]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return (
        pd.concat(frames, ignore_index=True)[COLUMNS]
        .sort_values(["start", "kind", "title"], kind="stable")
        .reset_index(drop=True)
    )


def playback_dates(start: pd.Timestamp, end: pd.Timestamp, step: str) -> list[pd.Timestamp]:
    """Dates from ``start`` to ``end`` by ``step`` (``month`` or ``year``), inclusive."""
    frequency = {"month": "MS", "year": "YS"}[step]
    return list(pd.date_range(start, end, freq=frequency))
