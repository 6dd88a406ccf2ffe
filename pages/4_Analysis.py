"""Analysis: coverage of countries, cities and land borders; what changed between two dates."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from adatlas.changes import deployment_changes, membership_changes
from adatlas.coverage import DEFAULT_STATUSES, coverage, engaging
from adatlas.density import coverage_density
from adatlas.query import as_of
from adatlas.tables import (
    change_table,
    coverage_tables,
    density_table,
    membership_change_table,
)
from adatlas.view import FIRST_DATE, default_date
from adatlas.webmap import base_map
from adatlas.webmap.analysis_layers import change_overlays, coverage_overlays
from ui.data import cities, dataset, on_disk
from ui.sidebar import earlier_date_input, view_controls

st.set_page_config(page_title="adatlas — analysis", layout="wide")
data = dataset()
view, base_view = view_controls(data, layers=False)
files = on_disk()
st.title("Analysis")
coverage_tab, changes_tab = st.tabs(["Coverage", "What changed"])

with coverage_tab:
    statuses = view.filters.statuses or DEFAULT_STATUSES
    st.caption(
        f"Inside the maximum-range rings on {view.date:%d %B %Y} of the weapons (not radars) "
        f"with status {', '.join(statuses)} that match the sidebar filters; choose statuses in "
        "the sidebar to include planned sites. Geodesic areas and lengths (WGS 84)."
    )
    frame = engaging(as_of(data, view.date, view.filters), view.filters.statuses)
    result = coverage(frame, files.borders, files.land_borders, cities(), view.altitude_m)
    st.metric("Area inside the rings", f"{sum(result.countries['covered_km2']):,.0f} km²")
    left, right = st.columns(2)
    left.markdown("**Land borders inside the rings**")
    tables = coverage_tables(result)
    left.dataframe(tables["borders"], hide_index=True, width="stretch")
    right.markdown("**Countries**")
    right.dataframe(tables["countries"], hide_index=True, width="stretch")
    density = coverage_density(result.rings, files.borders)
    st.markdown(
        f"**Area covered once, twice, three or more times** (equal-area grid of "
        f"{density.cell_km:.0f} km cells)"
    )
    st.dataframe(density_table(density.by_country), hide_index=True, width="stretch")
    st.markdown("**Capitals and cities over 100,000 inside the rings**")
    st.dataframe(tables["cities"], hide_index=True, width="stretch")
    st_folium(
        base_map(base_view, border_files=files.border_files),
        key="coverage_map",
        feature_group_to_add=coverage_overlays(result, files.land_borders),
        height=520,
        use_container_width=True,
        returned_objects=[],
    )

with changes_tab:
    before, after = st.columns(2)
    with before:
        start = earlier_date_input("From", "changes_from", view)
    end = after.date_input(
        "To", value=view.date, min_value=FIRST_DATE, max_value=default_date(), key="changes_to"
    )
    changes = deployment_changes(data, start, end, view.filters)
    st.caption(
        f"{len(changes)} deployment change(s) between {start} and {end}: "
        "green appeared, red disappeared, orange changed status."
    )
    st.dataframe(change_table(changes), hide_index=True, width="stretch")
    st.markdown("**Membership changes**")
    st.dataframe(
        membership_change_table(membership_changes(data, start, end)),
        hide_index=True,
        width="stretch",
    )
    st_folium(
        base_map(base_view, border_files=files.border_files),
        key="changes_map",
        feature_group_to_add=change_overlays(changes),
        height=520,
        use_container_width=True,
        returned_objects=[],
    )
