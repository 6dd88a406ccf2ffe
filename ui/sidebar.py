"""The sidebar controls that define the view, kept in sync with the URL query parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from adatlas.dataset import Dataset
from adatlas.query import Filters
from adatlas.schema import STATUSES
from adatlas.view import FIRST_DATE, LAYERS, View, default_date, view_from_query_params
from ui.text import escape_markdown


def view_controls(dataset: Dataset) -> tuple[View, View]:
    """Sidebar widgets initialised from the URL; writes the view back to the URL.

    Returns (view, base view): the base view keeps the centre and zoom the map was first drawn
    at, so the base map stays identical across reruns and is not redrawn on every change.
    """
    if "view_initialised" not in st.session_state:
        view, warnings = view_from_query_params(dict(st.query_params), dataset)
        st.session_state["view_warnings"] = warnings
        st.session_state["date"] = view.date
        st.session_state["systems"] = list(view.filters.systems)
        st.session_state["operators"] = list(view.filters.operators)
        st.session_state["hosts"] = list(view.filters.hosts)
        st.session_state["statuses"] = list(view.filters.statuses)
        st.session_state["layers"] = sorted(view.layers)
        st.session_state["center"], st.session_state["zoom"] = view.center, view.zoom
        st.session_state["start_position"] = (view.center, view.zoom)
        st.session_state["view_initialised"] = True
    for warning in st.session_state.get("view_warnings", []):
        st.warning(escape_markdown(warning))

    sidebar = st.sidebar
    sidebar.header("View")

    def step_year(delta: int) -> None:
        day: dt.date = st.session_state["date"]
        try:
            moved = day.replace(year=day.year + delta)
        except ValueError:  # 29 February
            moved = day.replace(year=day.year + delta, day=28)
        st.session_state["date"] = min(max(moved, FIRST_DATE), default_date())

    sidebar.slider(
        "As of", min_value=FIRST_DATE, max_value=default_date(), key="date", format="YYYY-MM-DD"
    )
    back, forward = sidebar.columns(2)
    back.button("◀ 1 year", on_click=step_year, args=(-1,), use_container_width=True)
    forward.button("1 year ▶", on_click=step_year, args=(1,), use_container_width=True)

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
        "Layers",
        list(LAYERS),
        key="layers",
        help="'tiles' loads OpenStreetMap tiles from the internet",
    )

    view = View(
        date=st.session_state["date"],
        filters=Filters(
            systems=tuple(st.session_state["systems"]),
            operators=tuple(st.session_state["operators"]),
            hosts=tuple(st.session_state["hosts"]),
            statuses=tuple(st.session_state["statuses"]),
        ),
        layers=frozenset(st.session_state["layers"]),
    )
    view = replace(view, center=st.session_state["center"], zoom=st.session_state["zoom"])
    st.query_params.from_dict(view.to_query_params())
    center, zoom = st.session_state["start_position"]
    return view, replace(view, center=center, zoom=zoom)


def remember_map_position(state: dict | None) -> None:
    """Store the map's centre and zoom after the user pans or zooms, and put them in the URL."""
    if not state or not state.get("center") or state.get("zoom") is None:
        return
    center = (round(state["center"]["lat"], 4), round(state["center"]["lng"], 4))
    zoom = int(state["zoom"])
    if (center, zoom) == (st.session_state["center"], st.session_state["zoom"]):
        return
    st.session_state["center"], st.session_state["zoom"] = center, zoom
    params = st.query_params
    params["lat"], params["lon"], params["zoom"] = f"{center[0]:.4f}", f"{center[1]:.4f}", str(zoom)
