"""Map build time and HTML payload: adatlas vs a naive folium map (a Marker + Popup per site)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import folium

from adatlas.dataset import Dataset
from adatlas.query import as_of, citation_details
from adatlas.view import View
from adatlas.webmap import build_map
from adatlas.webmap.popups import deployment_popup


def _timed(function: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


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
