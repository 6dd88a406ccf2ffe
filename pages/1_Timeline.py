"""Timeline: the chronology, playback through time, and a map of the moment."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from adatlas.query import as_of
from adatlas.tables import chronology_table, readable
from adatlas.timeline import chronology, playback_dates
from adatlas.view import FIRST_DATE, default_date
from ui.data import dataset, on_disk
from ui.mapview import render_map
from ui.sidebar import set_date, view_controls
from ui.timeline_chart import chronology_chart, selected_date

st.set_page_config(page_title="adatlas — timeline", layout="wide")
data = dataset()
view, base_view = view_controls(data)
chrono = chronology(data, view.filters)


def _on_pick() -> None:
    """Clicking a point moves the shared date there (runs before the widgets are drawn)."""
    picked = selected_date(st.session_state.get("chronology"))
    if picked:
        set_date(picked)
        st.session_state["playback_date"] = picked


st.title("Timeline")
st.caption("Click a point to move the date there.")
st.altair_chart(
    chronology_chart(chrono, view.date), on_select=_on_pick, key="chronology", width="stretch"
)

controls = st.columns([2, 2, 1, 1, 1, 2])
step = controls[0].radio("Step", ["month", "year"], horizontal=True, key="playback_step")
speed = controls[1].select_slider(
    "Seconds per step", [0.5, 1.0, 2.0, 4.0], value=1.0, key="playback_speed"
)
playing = controls[2].toggle("▶ Play", key="playing")


def _step(direction: int) -> None:
    current = pd.Timestamp(st.session_state.get("playback_date", view.date))
    offset = pd.DateOffset(months=1) if step == "month" else pd.DateOffset(years=1)
    moved = (current + direction * offset).date()
    st.session_state["playback_date"] = min(max(moved, FIRST_DATE), default_date())


controls[3].button("◀", on_click=_step, args=(-1,), key="step_back", help="One step back")
controls[4].button("▶", on_click=_step, args=(1,), key="step_forward", help="One step forward")
controls[5].button(
    "Use this date on every page",
    key="adopt_playback",
    on_click=lambda: set_date(st.session_state.get("playback_date", view.date)),
)

if "playback_date" not in st.session_state:
    st.session_state["playback_date"] = view.date


@st.fragment(run_every=speed if playing else None)
def moment() -> None:
    if st.session_state.get("playing"):
        upcoming = [
            d.date()
            for d in playback_dates(
                pd.Timestamp(st.session_state["playback_date"]), pd.Timestamp(default_date()), step
            )
            if d.date() > st.session_state["playback_date"]
        ]
        st.session_state["playback_date"] = upcoming[0] if upcoming else default_date()
    day: dt.date = st.session_state["playback_date"]
    frame = as_of(data, day, view.filters)
    left, right = st.columns([1, 2])
    left.subheader(f"{day:%d %B %Y}")
    left.caption(f"{len(frame)} deployments")
    happened = chrono[(chrono["start"] <= pd.Timestamp(day))].tail(8).iloc[::-1]
    left.dataframe(
        readable(happened, {"date": "Date", "kind": "Kind", "title": "What happened"}),
        hide_index=True,
        width="stretch",
    )
    with right:
        render_map(
            data,
            replace(view, date=day),
            base_view,
            on_disk().border_files,
            key="timeline_map",
            height=480,
            remember_position=False,
            legend="collapsed",
            frame=frame,
        )


moment()
st.subheader("Chronology")
st.dataframe(chronology_table(chrono), hide_index=True, width="stretch")
