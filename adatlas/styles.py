"""Colours and symbols shared by the web map, the legend and static snapshots."""

from __future__ import annotations

# Status → marker/ring style. Dashed = not (yet/any longer) real; solid = exists.
STATUS_STYLE: dict[str, dict[str, object]] = {
    "announced": {"color": "#9467bd", "fillColor": "#c5b0d5", "dashArray": "4 3"},
    "planned": {"color": "#1f77b4", "fillColor": "#aec7e8", "dashArray": "4 3"},
    "construction": {"color": "#ff7f0e", "fillColor": "#ffbb78", "dashArray": "2 2"},
    "operational": {"color": "#d62728", "fillColor": "#d62728", "dashArray": ""},
    "cancelled": {"color": "#7f7f7f", "fillColor": "#ffffff", "dashArray": "1 3"},
    "withdrawn": {"color": "#8c564b", "fillColor": "#ffffff", "dashArray": "1 3"},
}

# A stale deployment (status not confirmed for the threshold): its status colour, faded and
# dotted, so it reads as "last heard of long ago" without hiding what it was.
STALE_STYLE: dict[str, object] = {"opacity": 0.55, "fillOpacity": 0.25, "dashArray": "1 3"}
# A team store's draft (include proposed): a thick magenta dashed outline over the status fill,
# unlike any status, so a briefing never mistakes a draft for an approved record.
PROPOSED_STYLE: dict[str, object] = {"color": "#d6008f", "weight": 3, "dashArray": "5 3"}

# A radar's ring is how far it sees, not where anything is engaged, and early-warning radars
# reach thousands of km: an outline only, thin and dotted, so it never tints the map.
RADAR_RING_STYLE: dict[str, object] = {"weight": 1, "fillOpacity": 0.0, "dashArray": "2 5"}

# Group → overlay style. Distinct hues and outline patterns so overlaps stay readable.
GROUP_STYLE: dict[str, dict[str, object]] = {
    "NATO": {"color": "#1f4e9c", "fillColor": "#4a7fd4", "fillOpacity": 0.18, "dashArray": ""},
    "CSTO": {"color": "#a01c1c", "fillColor": "#e06060", "fillOpacity": 0.18, "dashArray": ""},
    "UNION_STATE": {
        "color": "#e07b00",
        "fillColor": "#f5b041",
        "fillOpacity": 0.0,
        "dashArray": "8 4",
        "weight": 3,
    },
}
DEFAULT_GROUP_STYLE: dict[str, object] = {
    "color": "#2a9d8f",
    "fillColor": "#2a9d8f",
    "fillOpacity": 0.12,
    "dashArray": "3 3",
}
# Frozen or suspended participation: same hue, much lighter, dotted outline.
FROZEN_OVERRIDES: dict[str, object] = {"fillOpacity": 0.06, "dashArray": "2 4"}

GROUP_LABELS = {"NATO": "NATO", "CSTO": "CSTO", "UNION_STATE": "Union State (Russia–Belarus)"}

BORDER_STYLE: dict[str, object] = {
    "color": "#606060",
    "weight": 0.8,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
}
SEA_COLOR = "#d7e6f0"

KIND_RADIUS = {"sam": 6, "abm": 8, "radar": 6, "c2": 5}


def group_style(group: str, standing: str = "member") -> dict[str, object]:
    style = dict(GROUP_STYLE.get(group, DEFAULT_GROUP_STYLE))
    style.setdefault("weight", 1.5)
    if standing != "member":
        style.update(FROZEN_OVERRIDES)
    return style


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group.replace("_", " ").title())
