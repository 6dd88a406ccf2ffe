"""The chronology chart (Altair, served by Streamlit itself: no network)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

KIND_ORDER = ["event", "membership", "status"]


def chronology_chart(chrono: pd.DataFrame, current: dt.date) -> alt.LayerChart:
    data = chrono.assign(
        countries=chrono["countries"].map(", ".join), citations=chrono["citations"].map(", ".join)
    )
    select = alt.selection_point(name="pick", fields=["start"], on="click")
    points = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=0.8)
        .encode(
            x=alt.X("start:T", title=None),
            y=alt.Y("kind:N", sort=KIND_ORDER, title=None),
            color=alt.Color("kind:N", sort=KIND_ORDER, legend=None),
            tooltip=["date", "kind", "title", "countries"],
        )
        .add_params(select)
    )
    rule = (
        alt.Chart(pd.DataFrame({"start": [pd.Timestamp(current)]}))
        .mark_rule(color="#d62728", strokeWidth=2)
        .encode(x="start:T")
    )
    return (points + rule).properties(height=220)


def selected_date(event: dict) -> dt.date | None:
    """The date of the point the user clicked, from ``st.altair_chart(on_select=...)``."""
    picked = (event or {}).get("selection", {}).get("pick") or []
    if not picked or "start" not in picked[0]:
        return None
    value = picked[0]["start"]
    stamp = (
        pd.Timestamp(value, unit="ms") if isinstance(value, (int, float)) else pd.Timestamp(value)
    )
    return stamp.date()
