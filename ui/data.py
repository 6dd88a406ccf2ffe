"""Loading the dataset for the pages: once per process, plus the user's session uploads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from adatlas import assets
from adatlas.borders import load_borders, load_land_borders
from adatlas.dataset import Dataset, DatasetError, build_dataset, default_location
from adatlas.db import DatabaseError, is_database_url
from adatlas.lock import reading
from adatlas.places import load_cities
from adatlas.reader import RawDataset, read_dataset
from adatlas.recorded import format_recorded_at, parse_recorded_at
from adatlas.validate import validate_raw
from adatlas.webmap.build import install_border_files
from adatlas.webmap.countries import BorderFiles

STATIC = Path(__file__).resolve().parent.parent / "static"


@dataclass(frozen=True)
class OnDisk:
    """The dataset in the data directory (``$ADATLAS_DATA``, else the repository's), validated,
    with its borders and the border files the maps fetch."""

    raw: RawDataset
    dataset: Dataset
    borders: gpd.GeoDataFrame
    land_borders: gpd.GeoDataFrame
    border_files: BorderFiles


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=8)
def load_on_disk(
    root: str, version: int = 0, recorded_at: str = "", include_proposed: bool = False
) -> OnDisk:
    """Read and validate once per process (a team store: once per change counter value and
    view of it); write the static files the maps load."""
    assets.install_static(STATIC)
    if is_database_url(root):
        moment = parse_recorded_at(recorded_at) if recorded_at else None
        raw = _team_store(root).read(recorded_at=moment, include_proposed=include_proposed)
    else:
        with reading(root):  # never half of a write in progress
            raw = read_dataset(root)
    problems = validate_raw(raw)
    if problems:
        raise DatasetError(problems)
    borders = load_borders(root)
    files = install_border_files(STATIC, borders)
    return OnDisk(raw, build_dataset(raw), borders, load_land_borders(root), files)


@st.cache_resource(show_spinner=False)
def cities() -> gpd.GeoDataFrame:
    return load_cities()


@st.cache_resource(show_spinner=False)
def _team_store(url: str):
    """One reading connection per server process (the read-only role in the URL)."""
    from adatlas.store import open_store

    return open_store(url)


# How old the change counter a page run uses may be: another server's approval shows within
# this, and a busy server asks the database once per interval rather than on every rerun.
COUNTER_TTL_S = 2.0


@st.cache_data(ttl=COUNTER_TTL_S, show_spinner=False)
def change_counter(url: str) -> int:
    """The team store's change counter (it moves with every write, by anyone, on any server)."""
    return _team_store(url).version()


def reading_store():
    """The team store's shared read-only store (a dry-run check needs no signed-in user), or
    ``None`` for a directory."""
    location = default_location()
    return _team_store(location) if is_database_url(location) else None


def recorded_widget(fallback: str) -> tuple[str, str]:
    """The "Recorded at" field as a canonical moment ("" = now) and what is wrong with it
    ("" if nothing); ``fallback`` when it does not parse."""
    text = str(st.session_state.get("recorded_widget") or "").strip()
    try:
        return (format_recorded_at(parse_recorded_at(text)) if text else ""), ""
    except ValueError as exc:
        return fallback, str(exc)


def _store_view() -> tuple[str, bool]:
    """The recorded-at moment and the include-proposed choice, before the sidebar is drawn:
    from the widgets of an earlier run, else from the URL of the first."""
    view = st.session_state.get("view")
    if "recorded_widget" in st.session_state:
        recorded, _ = recorded_widget(view.recorded_at if view else "")
        return recorded, bool(st.session_state.get("proposed_widget"))
    if view is not None:
        return view.recorded_at, view.include_proposed
    params = st.query_params
    try:
        recorded = format_recorded_at(parse_recorded_at(params["recorded"]))
    except (KeyError, ValueError):
        recorded = ""
    return recorded, params.get("proposed") == "1"


def on_disk() -> OnDisk:
    """The shared dataset (a directory, or a team store as the sidebar asks for it); if it is
    invalid, stops the page listing every problem."""
    location = default_location()
    try:
        if is_database_url(location):
            recorded, proposed = _store_view()
            version = change_counter(location)
            return load_on_disk(location, version, recorded, proposed)
        return load_on_disk(location)
    except DatabaseError as exc:
        st.error(f"The team store cannot be read: {exc}")
        st.stop()
        raise
    except DatasetError as exc:
        st.error("The dataset has problems; fix them and reload (run `adatlas validate`).")
        st.code("\n".join(str(p) for p in exc.problems))
        st.stop()
        raise  # unreachable: st.stop() ends the run


def dataset() -> Dataset:
    """The dataset this session sees: the one on disk plus the user's valid uploads."""
    return st.session_state.get("user_dataset") or on_disk().dataset


def reload() -> None:
    """Forget the loaded dataset (after the user saved into it); the next run reads it again."""
    load_on_disk.clear()
