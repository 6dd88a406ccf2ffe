"""Map build time and HTML payload: adatlas vs a naive folium map (a Marker + Popup per site)."""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any
from urllib.parse import urlencode

import folium
from markupsafe import Markup

from adatlas.dataset import Dataset
from adatlas.query import as_of, citation_details
from adatlas.view import View
from adatlas.webmap import build_map
from adatlas.webmap.popups import PRECISION_TEXT


def _timed(function: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


# The naive baseline's popup: the same text the dashboard shows, as server-side HTML.
def sources_link(citation_id: str, base: str = "Sources") -> str:
    """Relative URL of a citation on the Sources page."""
    return f"{base}?{urlencode({'citation': citation_id})}"


def _range_text(range_km: Any) -> str:
    if range_km is None or (isinstance(range_km, float) and math.isnan(range_km)):
        return "not given"
    return f"{float(range_km):,.0f} km"


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


def naive_html(dataset: Dataset, view: View) -> str:
    """What a straightforward folium page does: one Marker with a Popup per site."""
    fmap = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None)
    for _, row in as_of(dataset, view.date, view.filters).iterrows():
        html = deployment_popup(row, citation_details(dataset, row["citations"]))
        folium.Marker([row["lat"], row["lon"]], popup=folium.Popup(html)).add_to(fmap)
    return fmap.get_root().render()


def adatlas_html(dataset: Dataset, view: View) -> str:
    return build_map(dataset, view).get_root().render()


def adatlas_rings_html(dataset: Dataset, view: View) -> str:
    """With every ring drawn (the dashboard hides them above 2,000 sites)."""
    return build_map(dataset, view, max_rings=10**9).get_root().render()


def measure(dataset: Dataset, date: dt.date, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` build seconds and payload bytes, rings off (the naive map has none)
    and on."""
    results: dict[str, float] = {}
    for name, function, layers in (
        ("naive", naive_html, frozenset()),
        ("adatlas", adatlas_html, frozenset()),
        ("adatlas+rings", adatlas_rings_html, frozenset({"rings"})),
    ):
        view = View(date=date, layers=layers)
        times, html = [], ""
        for _ in range(repeat):
            html, seconds = _timed(lambda f=function, v=view: f(dataset, v))
            times.append(seconds)
        results[f"{name}_build_s"] = min(times)
        results[f"{name}_bytes"] = len(html.encode())
    return results
