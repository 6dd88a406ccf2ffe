"""HTML for popups and tooltips. Every record value is escaped (markupsafe)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from adatlas.dates import parse_date

PRECISION_TEXT = {
    "site": "exact site",
    "town": "town (within ~10 km)",
    "region": "region only — approximate location",
}


def sources_link(citation_id: str, base: str = "Sources") -> str:
    """Relative URL of a citation on the Sources page."""
    return f"{base}?{urlencode({'citation': citation_id})}"


def _range_text(range_km: Any) -> str:
    if range_km is None or (isinstance(range_km, float) and math.isnan(range_km)):
        return "not given"
    return f"{float(range_km):,.0f} km"


def deployment_tooltip(row: Any) -> str:
    return str(escape(f"{row['name']} — {row['status']} since {row['status_since']}"))


def deployment_popup(
    row: Any, citations: list[dict[str, str]], sources_base: str = "Sources"
) -> str:
    """Popup HTML for one deployment (a row of :func:`adatlas.query.as_of`)."""
    missile = f" / {row['missile']}" if row["missile"] else ""
    nato = f" ({row['nato_name']})" if row["nato_name"] else ""
    parts = [
        Markup('<div class="adatlas-popup">'),
        Markup("<b>{}</b><br>").format(row["name"]),
        Markup("<b>System:</b> {}{}{}<br>").format(row["system_name"], nato, missile),
        Markup("<b>Range:</b> {}<br>").format(_range_text(row["range_km"])),
        Markup("<b>Operator:</b> {} · <b>host:</b> {}<br>").format(row["operator"], row["host"]),
        Markup("<b>Status:</b> {} since {}<br>").format(row["status"], row["status_since"]),
        Markup("<b>Location:</b> {}{}<br>").format(
            PRECISION_TEXT.get(row["precision"], row["precision"]),
            f" — {row['location']}" if row.get("location") else "",
        ),
    ]
    if row.get("units"):
        parts.append(Markup("<b>Units:</b> {}<br>").format(row["units"]))
    if row.get("notes"):
        parts.append(Markup("<i>{}</i><br>").format(row["notes"]))
    parts.append(Markup("<b>Sources</b><ol>"))
    for citation in citations:
        parts.append(
            Markup(
                "<li>“{}” — {}, <i>{}</i>, {} "
                '<a href="{}" target="_top" rel="noopener">[source]</a></li>'
            ).format(
                citation["excerpt"],
                citation["publisher"],
                citation["title"],
                citation["date"],
                sources_link(citation["id"], sources_base),
            )
        )
    parts.append(Markup("</ol></div>"))
    return str(Markup("").join(parts))


def event_popup(row: Any, citations: list[dict[str, str]]) -> str:
    parts = [
        Markup("<b>{}</b><br>{} · {}<br>").format(row["title"], row["date"], row["kind"]),
    ]
    if row.get("place"):
        precision = PRECISION_TEXT.get(row.get("location_precision", ""), "")
        parts.append(Markup("<b>Place:</b> {} ({})<br>").format(row["place"], precision))
    if row.get("actors"):
        parts.append(Markup("<b>Actors:</b> {}<br>").format(row["actors"]))
    for citation in citations:
        parts.append(
            Markup("“{}” — {}, {}<br>").format(
                citation["excerpt"], citation["publisher"], citation["date"]
            )
        )
    return str(Markup("").join(parts))


def date_label(text: str) -> str:
    """A date as written, with its precision made explicit for partial dates."""
    precision = parse_date(text).precision
    return text if precision == "day" else f"{text} ({precision} precision)"
