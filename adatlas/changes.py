"""What changed between two dates: deployments and memberships."""

from __future__ import annotations

import pandas as pd

from adatlas.dataset import Dataset
from adatlas.query import DateLike, Filters, as_of, members


def deployment_changes(
    dataset: Dataset, before: DateLike, after: DateLike, filters: Filters | None = None
) -> pd.DataFrame:
    """Deployments that appeared, disappeared or changed status between two dates.

    Columns: ``id``, ``name``, ``system``, ``operator``, ``host``, ``lat``, ``lon``,
    ``change`` (``appeared``/``disappeared``/``status changed``), ``status_before``,
    ``status_after``, ``since_after``.
    """
    old = as_of(dataset, before, filters)
    new = as_of(dataset, after, filters)
    columns = ["id", "name", "system", "operator", "host", "lat", "lon"]
    rows = []
    for ident in sorted(set(old.index) | set(new.index)):
        was = old.loc[ident] if ident in old.index else None
        now = new.loc[ident] if ident in new.index else None
        if was is not None and now is not None and was["status"] == now["status"]:
            continue
        change = "appeared" if was is None else "disappeared" if now is None else "status changed"
        base = now if now is not None else was
        rows.append(
            [base[c] for c in columns]
            + [
                change,
                "" if was is None else was["status"],
                "" if now is None else now["status"],
                "" if now is None else now["status_since"],
            ]
        )
    return pd.DataFrame(
        rows, columns=[*columns, "change", "status_before", "status_after", "since_after"]
    )


def membership_changes(dataset: Dataset, before: DateLike, after: DateLike) -> pd.DataFrame:
    """Countries that joined, left, or changed standing in a group between two dates."""
    rows = []
    old_all, new_all = members(dataset, before), members(dataset, after)
    old_full = members(dataset, before, standing="member")
    new_full = members(dataset, after, standing="member")
    for group in dataset.groups:
        for country in sorted(set(old_all[group]) | set(new_all[group])):
            was, now = country in old_all[group], country in new_all[group]
            if was != now:
                rows.append((group, country, "joined" if now else "left"))
            elif (country in old_full[group]) != (country in new_full[group]):
                change = "resumed" if country in new_full[group] else "froze or suspended"
                rows.append((group, country, change))
    return pd.DataFrame(rows, columns=["group", "country", "change"])
