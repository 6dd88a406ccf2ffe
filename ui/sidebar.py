"""The sidebar controls that define the view, shared by every page and kept in the URL.

One canonical :class:`View` lives in ``st.session_state["view"]``. Streamlit forgets a widget's
state when its page is not running, so each page re-seeds the widgets from the canonical view
and writes the result back: date and filters follow the user from page to page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from adatlas.dataset import Dataset, default_location
from adatlas.db import is_database_url
from adatlas.envelope import TARGET_ALTITUDES_M
from adatlas.query import Filters
from adatlas.schema import CONFIDENCES, STATUSES
from adatlas.view import (
    FIRST_DATE,
    LAYERS,
    STALE_MONTHS_RANGE,
    View,
    default_date,
    moved,
    view_from_query_params,
)
from ui.data import recorded_widget
from ui.text import escape_markdown

_WIDGETS = (
    "date", "systems", "operators", "hosts", "statuses", "confidences", "stale_months",
    "hide_stale", "layers", "altitude",
)  # fmt: skip


def _seed_widgets(view: View) -> None:
    values = {
        "date": view.date,
        "systems": list(view.filters.systems),
        "operators": list(view.filters.operators),
        "hosts": list(view.filters.hosts),
        "statuses": list(view.filters.statuses),
        "confidences": list(view.filters.confidences),
        "stale_months": view.filters.stale_months,
        "hide_stale": view.filters.hide_stale,
        "layers": sorted(view.layers),
        "altitude": view.altitude_m,
    }
    for key in _WIDGETS:
        if key not in st.session_state:
            st.session_state[key] = values[key]


def current_view(dataset: Dataset) -> View:
    """The canonical view; on a session's first page load it comes from the URL."""
    if "view" not in st.session_state:
        view, warnings = view_from_query_params(dict(st.query_params), dataset)
        st.session_state["view"] = view
        st.session_state["view_warnings"] = warnings
        st.session_state["start_position"] = (view.center, view.zoom)
    return st.session_state["view"]


def _step_year(delta: int) -> None:
    day: dt.date = st.session_state["date"]
    try:
        moved = day.replace(year=day.year + delta)
    except ValueError:  # 29 February
        moved = day.replace(year=day.year + delta, day=28)
    st.session_state["date"] = min(max(moved, FIRST_DATE), default_date())


def set_date(day: dt.date) -> None:
    """Move the shared date (e.g. from a chart selection); takes effect on this run."""
    st.session_state["date"] = min(max(day, FIRST_DATE), default_date())


def view_controls(
    dataset: Dataset, layers: bool = True, keep: tuple[str, ...] = ()
) -> tuple[View, View]:
    """Sidebar widgets; returns (view, base view) and writes the view to the URL.

    ``keep`` names page-specific URL parameters (e.g. ``citation``) to leave in the URL.

    The base view keeps the centre and zoom the map was first drawn at, so the base map stays
    identical across reruns and is not redrawn on every change.
    """
    view = current_view(dataset)
    _seed_widgets(view)
    for warning in st.session_state.get("view_warnings", []):
        st.warning(escape_markdown(warning))

    sidebar = st.sidebar
    sidebar.header("View")
    sidebar.slider(
        "As of", min_value=FIRST_DATE, max_value=default_date(), key="date", format="YYYY-MM-DD"
    )
    back, forward = sidebar.columns(2)
    back.button("◀ 1 year", on_click=_step_year, args=(-1,), width="stretch")
    forward.button("1 year ▶", on_click=_step_year, args=(1,), width="stretch")
    sidebar.multiselect(
        "System",
        sorted(dataset.systems.index),
        key="systems",
        format_func=lambda s: f"{dataset.systems.loc[s, 'name']} ({s})",
    )
    sidebar.multiselect(
        "Operator", sorted(dataset.deployments["operator"].unique()), key="operators"
    )
    sidebar.multiselect("Host country", sorted(dataset.deployments["host"].unique()), key="hosts")
    sidebar.multiselect("Status", list(STATUSES), key="statuses")
    sidebar.multiselect(
        "Confidence",
        list(CONFIDENCES),
        key="confidences",
        help="A record's confidence is the lower of its deployment's and its current status's "
        "(high: an official source or two independent reputable ones; low: weak, republished "
        "or inferred).",
    )
    stale_after, hide_stale = sidebar.columns([3, 2], vertical_alignment="bottom")
    stale_after.number_input(
        "Stale after (months)",
        min_value=STALE_MONTHS_RANGE[0],
        max_value=STALE_MONTHS_RANGE[1],
        step=6,
        key="stale_months",
        help="A deployment whose status no source has confirmed for this long before the date "
        "is drawn faded and marked stale. Cancelled and withdrawn are final, never stale.",
    )
    hide_stale.checkbox("Hide stale", key="hide_stale")
    if layers:
        sidebar.multiselect(
            "Layers",
            list(LAYERS),
            key="layers",
            help="'tiles' loads OpenStreetMap tiles from the internet",
        )
    sidebar.selectbox(
        "Rings against a target at",
        [None, *TARGET_ALTITUDES_M],
        key="altitude",
        format_func=lambda a: "any altitude (maximum range)" if a is None else f"{a:,} m",
        help="Below some altitude the radar horizon, not the missile, limits what a system "
        "covers (4/3-earth model; antenna heights from systems.csv, else 10 m).",
    )

    recorded, proposed = view.recorded_at, view.include_proposed
    if is_database_url(default_location()):
        st.session_state.setdefault("recorded_widget", view.recorded_at)
        st.session_state.setdefault("proposed_widget", view.include_proposed)
        sidebar.text_input(
            "Recorded at (UTC)",
            key="recorded_widget",
            placeholder="now",
            help="The team store as it was recorded at this moment, e.g. 2026-03-01T14:30:00Z "
            "(a date alone: the end of that day). The as-of date says what stood where; this "
            "says what the dataset knew. Empty: now.",
        )
        recorded, problem = recorded_widget(view.recorded_at)
        if problem:
            sidebar.warning(problem)
        sidebar.checkbox(
            "Include proposed",
            key="proposed_widget",
            help="Show changes awaiting review too, marked as proposed.",
        )
        proposed = bool(st.session_state["proposed_widget"])
    view = replace(
        view,
        recorded_at=recorded,
        include_proposed=proposed,
        date=st.session_state["date"],
        filters=Filters(
            systems=tuple(st.session_state["systems"]),
            operators=tuple(st.session_state["operators"]),
            hosts=tuple(st.session_state["hosts"]),
            statuses=tuple(st.session_state["statuses"]),
            confidences=tuple(st.session_state["confidences"]),
            hide_stale=bool(st.session_state["hide_stale"]),
            stale_months=int(st.session_state["stale_months"]),
        ),
        layers=frozenset(st.session_state["layers"]),
        altitude_m=st.session_state["altitude"],
    )
    st.session_state["view"] = view
    extra = {name: st.query_params[name] for name in keep if name in st.query_params}
    st.query_params.from_dict({**view.to_query_params(), **extra})
    center, zoom = st.session_state["start_position"]
    return view, replace(view, center=center, zoom=zoom)


def remember_map_position(state: dict | None) -> None:
    """Store the map's centre and zoom after the user pans or zooms, and put them in the URL."""
    if not state or not state.get("center") or state.get("zoom") is None:
        return
    center = (round(state["center"]["lat"], 4), round(state["center"]["lng"], 4))
    zoom = int(state["zoom"])
    view: View = st.session_state["view"]
    if not moved(view, center, zoom):
        return
    st.session_state["view"] = replace(view, center=center, zoom=zoom)
    params = st.query_params
    params["lat"], params["lon"], params["zoom"] = f"{center[0]:.4f}", f"{center[1]:.4f}", str(zoom)


def earlier_date_input(label: str, key: str, view: View, years: int = 5) -> dt.date:
    """A second date for comparisons, by default ``years`` before the view's date."""
    default = max(FIRST_DATE, view.date - dt.timedelta(days=round(years * 365.25)))
    return st.date_input(
        label, value=default, min_value=FIRST_DATE, max_value=default_date(), key=key
    )
