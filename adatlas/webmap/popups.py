"""HTML for event popups (deployment popups are built in the browser). Values are escaped."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

PRECISION_TEXT = {
    "site": "exact site",
    "town": "town (within ~10 km)",
    "region": "region only — approximate location",
    "country": "country only — approximate location",
}


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
