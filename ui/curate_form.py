"""Form fields for the record a curator creates (one function per record type)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from adatlas.curate import Draft, check, save_to_dataset, zip_bytes
from adatlas.dataset import Dataset
from adatlas.schema import EVENT_KINDS, PRECISIONS, STANDINGS, STATUSES
from adatlas.view import View
from adatlas.webmap import base_map
from adatlas.webmap.countries import BorderFiles
from ui.data import reload
from ui.problems import show_problems
from ui.text import escape_markdown


def location_fields(prefix: str) -> dict[str, str]:
    left, right, precision = st.columns(3)
    lat = left.number_input("Latitude", -90.0, 90.0, key=f"{prefix}_lat", format="%.5f")
    lon = right.number_input("Longitude", -180.0, 180.0, key=f"{prefix}_lon", format="%.5f")
    level = precision.selectbox(
        "Precision",
        PRECISIONS,
        key=f"{prefix}_precision",
        help="site: the site itself; town: garrison/nearest town; "
        "region: only the area is known (approximate)",
    )
    return {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "precision": level}


def deployment_fields(dataset: Dataset, citation: str) -> dict[str, list[dict[str, str]]]:
    ident = st.text_input("Deployment id", key="cur_dep_id", help="letters, digits, - _ .")
    name = st.text_input("Name", key="cur_dep_name")
    system = st.selectbox("System", sorted(dataset.systems.index), key="cur_dep_system")
    operator = st.text_input("Operator (ISO3)", key="cur_dep_operator").strip().upper()
    host = st.text_input("Host country (ISO3)", key="cur_dep_host").strip().upper()
    place = location_fields("cur")
    notes = st.text_input("Notes (what is uncertain)", key="cur_dep_notes")
    date = st.text_input("Status date (YYYY, YYYY-MM or YYYY-MM-DD)", key="cur_dep_date")
    status = st.selectbox("Status", STATUSES, key="cur_dep_status")
    deployment = {
        "id": ident,
        "name": name,
        "system": system,
        "operator": operator,
        "host": host,
        "notes": notes,
        **place,
    }
    del deployment["precision"]
    deployment["precision"] = place["precision"]
    return {
        "deployments": [deployment],
        "status": [{"deployment": ident, "date": date, "status": status, "citations": citation}],
    }


def status_fields(dataset: Dataset, citation: str) -> dict[str, list[dict[str, str]]]:
    deployment = st.selectbox("Deployment", sorted(dataset.deployments.index), key="cur_st_dep")
    date = st.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)", key="cur_st_date")
    status = st.selectbox("Status", STATUSES, key="cur_st_status")
    return {
        "status": [
            {"deployment": deployment, "date": date, "status": status, "citations": citation}
        ]
    }


def event_fields(dataset: Dataset, citation: str) -> dict[str, list[dict[str, str]]]:
    row = {
        "id": st.text_input("Event id", key="cur_ev_id"),
        "date": st.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)", key="cur_ev_date"),
        "title": st.text_input("Title", key="cur_ev_title"),
        "kind": st.selectbox("Kind", EVENT_KINDS, key="cur_ev_kind"),
        "countries": st.text_input("Countries (ISO3, ;-separated)", key="cur_ev_countries"),
        "actors": st.text_input("Actors (Name (role); …)", key="cur_ev_actors"),
        "citations": citation,
    }
    if st.checkbox("The event has a place", key="cur_ev_located"):
        place = location_fields("cur")
        row |= {"lat": place["lat"], "lon": place["lon"]}
    return {"events": [row]}


def membership_fields(dataset: Dataset, citation: str) -> dict[str, list[dict[str, str]]]:
    return {
        "memberships": [
            {
                "group": st.text_input("Group (e.g. NATO, CSTO)", key="cur_m_group")
                .strip()
                .upper(),
                "country": st.text_input("Country (ISO3)", key="cur_m_country").strip().upper(),
                "start": st.text_input("Start", key="cur_m_start"),
                "end": st.text_input("End (empty: still holds)", key="cur_m_end"),
                "standing": st.selectbox("Standing", STANDINGS, key="cur_m_standing"),
                "citations": citation,
            }
        ]
    }


def update_fields(dataset: Dataset, citation: str) -> dict[str, list[dict[str, str]]]:
    """New location, precision and notes for an existing deployment (its row is replaced)."""
    ident = st.selectbox("Deployment", sorted(dataset.deployments.index), key="cur_up_dep")
    current = dataset.deployments.loc[ident]
    st.caption(f"Now: {current['lat']:.5f}, {current['lon']:.5f} ({current['precision']})")
    place = location_fields("cur")
    notes = st.text_input("Notes", value=current["notes"], key=f"cur_up_notes_{ident}")
    return {UPDATE: [{"id": ident, **place, "notes": f"{notes} [source: {citation}]".strip()}]}


UPDATE = "__update__"  # rows that replace an existing deployment's fields

RECORD_FORMS = {
    "New deployment (with its first status)": deployment_fields,
    "Status change of a deployment": status_fields,
    "Update a deployment's location or notes": update_fields,
    "Event": event_fields,
    "Membership": membership_fields,
}


def location_picker(dataset: Dataset, base_view: View, border_files: BorderFiles) -> None:
    """A map whose last click fills the latitude and longitude fields."""
    with st.expander("Pick a location on the map"):
        clicked = st_folium(
            base_map(base_view, border_files=border_files),
            key="curate_map",
            height=360,
            use_container_width=True,
            returned_objects=["last_clicked"],
        )
    point = (clicked or {}).get("last_clicked")
    if point and (point["lat"], point["lng"]) != st.session_state.get("cur_picked"):
        st.session_state["cur_picked"] = (point["lat"], point["lng"])
        st.session_state["cur_lat"], st.session_state["cur_lon"] = point["lat"], point["lng"]
        st.rerun()


def check_and_save(root: Path | str, draft: Draft, can_save: bool, store=None) -> None:
    """Validate the draft; save it into the user's dataset (through ``store``, if given: a
    team store's signed-in user) or offer it as a zip."""
    result = check(root, draft, store)
    if result.problems:
        st.error(f"{len(result.problems)} problem(s) to fix before saving:")
        show_problems(result.problems)
    else:
        st.success("The new article and record pass every check.")
    left, right = st.columns(2)
    label = "Propose for review" if store is not None else "Save into my dataset"
    if left.button(label, key="cur_save", disabled=bool(result.problems) or not can_save):
        saved = save_to_dataset(root, draft, store)
        if saved.problems:
            st.error(f"Nothing was saved: {len(saved.problems)} problem(s).")
            show_problems(saved.problems)
        elif store is not None:  # a team store: a reviewer approves it before any map shows it
            st.success(
                escape_markdown(
                    f"Saved into {store.location} as {', '.join(saved.written)}; turn on "
                    "“Include proposed” in the sidebar to see it."
                )
            )
        else:
            reload()  # the map and every page now show the new record
            st.success(
                escape_markdown(f"Saved into {root}; the previous files are in {saved.backup}.")
            )
    right.download_button(
        "Download the new rows (zip)",
        data=lambda: zip_bytes(draft),
        file_name=f"{draft.article.id or 'draft'}.zip",
        mime="application/zip",
        key="cur_download",
        width="stretch",
    )
