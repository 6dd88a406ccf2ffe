"""Alliance shading on a date: each group's full members and its frozen or suspended ones.

The one split the web map and the snapshots both draw from, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from adatlas import styles
from adatlas.dataset import Dataset
from adatlas.query import DateLike, members


@dataclass(frozen=True)
class AlliancePart:
    """Countries of one ``group`` in one ``standing`` (``member`` or ``frozen``) on a date."""

    group: str
    standing: str
    countries: tuple[str, ...]

    @property
    def style(self) -> dict[str, object]:
        return styles.group_style(self.group, self.standing)


def alliance_parts(dataset: Dataset, date: DateLike) -> list[AlliancePart]:
    """The non-empty parts in drawing order: groups as the dataset lists them, members first.

    ``frozen`` covers frozen and suspended participation (drawn paler and dotted).
    """
    everyone = members(dataset, date)
    full = members(dataset, date, standing="member")
    parts = []
    for group in dataset.groups:
        frozen = sorted(set(everyone[group]) - set(full[group]))
        for standing, countries in (("member", full[group]), ("frozen", frozen)):
            if countries:
                parts.append(AlliancePart(group, standing, tuple(countries)))
    return parts
