"""Legend entries shared by the dashboard and snapshots (plain data, no HTML)."""

from __future__ import annotations

from adatlas import styles
from adatlas.schema import STATUSES

STATUS_MEANING = {
    "announced": "announced (dashed)",
    "planned": "planned (dashed)",
    "construction": "under construction",
    "operational": "operational (solid)",
    "cancelled": "cancelled",
    "withdrawn": "withdrawn",
}


def status_entries() -> list[tuple[str, str, str]]:
    """(status, label, colour) for every status."""
    return [(s, STATUS_MEANING[s], str(styles.STATUS_STYLE[s]["color"])) for s in STATUSES]


def group_entries(groups: list[str]) -> list[tuple[str, str, str]]:
    """(group, label, colour) for the groups of a dataset."""
    return [(g, styles.group_label(g), str(styles.group_style(g)["color"])) for g in groups]
