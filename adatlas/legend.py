"""What a map's legend says, as plain data: the web map renders it as HTML, snapshots as
matplotlib handles, so both explain the same symbols.

Only what is on the map gets a section: statuses and symbol kinds that occur among the shown
deployments, the stale and proposed entries when one is, memberships when alliances are drawn,
density when that layer is on, rings when they are drawn, events when they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd

from adatlas import styles
from adatlas.alliances import alliance_parts
from adatlas.dataset import Dataset
from adatlas.density import DENSITY_COLORS, DENSITY_OPACITY
from adatlas.schema import STATUSES, SYSTEM_KINDS
from adatlas.view import View

STATUS_MEANING = {
    "announced": "announced (dashed)",
    "planned": "planned (dashed)",
    "construction": "under construction",
    "operational": "operational (solid)",
    "cancelled": "cancelled",
    "withdrawn": "withdrawn",
}
KIND_MEANING = {
    "sam": "air defense (SAM)",
    "abm": "missile defense",
    "radar": "radar",
    "c2": "command and control",
}


@dataclass(frozen=True)
class Swatch:
    """One legend entry: a symbol and its words.

    ``shape`` is ``marker`` (a circle of ``size`` px), ``area`` (a filled square) or ``line``;
    ``dash`` is ``solid``, ``dashed`` or ``dotted``.
    """

    label: str
    shape: str
    edge: str
    fill: str | None = None
    dash: str = "solid"
    size: float = 12.0
    opacity: float = 1.0


@dataclass(frozen=True)
class Section:
    title: str
    swatches: tuple[Swatch, ...] = ()
    note: str = ""


def _dash(style: dict[str, object]) -> str:
    pattern = str(style.get("dashArray") or "")
    if not pattern:
        return "solid"
    return "dotted" if pattern.startswith("1 ") or pattern.startswith("2 ") else "dashed"


def status_swatch(status: str) -> Swatch:
    style = styles.STATUS_STYLE[status]
    return Swatch(
        STATUS_MEANING[status],
        "marker",
        str(style["color"]),
        str(style["fillColor"]),
        "dashed" if style["dashArray"] else "solid",
    )


def legend_sections(
    dataset: Dataset,
    view: View,
    frames: Iterable[gpd.GeoDataFrame],
    dates: Iterable[dt.date] | None = None,
) -> list[Section]:
    """The sections for maps of ``view`` showing the deployments of ``frames``, the alliances
    on ``dates`` (default: the view's date). Compare passes both of its maps, for one shared
    legend."""
    frames = list(frames)
    dates = list(dates) if dates is not None else [view.date]
    statuses = {s for f in frames for s in f["status"]}
    kinds = {k for f in frames for k in f["system_kind"]}
    any_stale = any(bool(f["stale"].any()) for f in frames if len(f))
    sections = []
    if statuses:
        swatches = [status_swatch(s) for s in STATUSES if s in statuses]
        if any_stale:
            operational = styles.STATUS_STYLE["operational"]
            swatches.append(
                Swatch(
                    f"faded: stale (not confirmed in {view.filters.stale_months} months)",
                    "marker",
                    str(operational["color"]),
                    str(operational["fillColor"]),
                    "dotted",
                    opacity=float(styles.STALE_STYLE["opacity"]),
                )
            )
        if any(bool(f["proposed"].any()) for f in frames if len(f)):
            swatches.append(
                Swatch(
                    "magenta outline: proposed, awaiting review",
                    "marker",
                    str(styles.PROPOSED_STYLE["color"]),
                    None,
                    "dashed",
                )
            )
        sections.append(Section("Status", tuple(swatches)))
    if len(kinds) > 1:  # one kind needs no key to sizes
        sections.append(
            Section(
                "Symbol size",
                tuple(
                    Swatch(
                        KIND_MEANING[k], "marker", "#555555", None, size=2 * styles.KIND_RADIUS[k]
                    )
                    for k in SYSTEM_KINDS
                    if k in kinds
                ),
            )
        )
    if "alliances" in view.layers:
        groups = dict.fromkeys(p.group for d in dates for p in alliance_parts(dataset, d))
        swatches = []
        for group in groups:
            style = styles.group_style(group)
            swatches.append(
                Swatch(
                    styles.group_label(group),
                    "area",
                    str(style["color"]),
                    str(style["fillColor"]) if float(style["fillOpacity"]) else None,
                    _dash(style),
                    opacity=0.8,
                )
            )
        if swatches:
            sections.append(
                Section(
                    "Membership on the date",
                    tuple(swatches),
                    "paler, dotted: frozen or suspended",
                )
            )
    if "density" in view.layers:
        sections.append(
            Section(
                "Coverage density",
                tuple(
                    Swatch(f"covered {name}", "area", color, color, opacity=DENSITY_OPACITY)
                    for name, color in DENSITY_COLORS.items()
                ),
            )
        )
    if "rings" in view.layers and statuses:
        if view.altitude_m is None:
            note = "maximum range, geodesic; none if cancelled or withdrawn"
        else:
            note = f"envelope against a target at {view.altitude_m:,} m (radar horizon, 4/3 earth)"
        sections.append(Section("Rings", (), note))
    if "events" in view.layers:
        sections.append(
            Section(
                "Events", (Swatch("event (click for the source)", "marker", "#333333", "#ffd700"),)
            )
        )
    return sections
