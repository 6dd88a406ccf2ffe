"""Loading the dataset for the pages: once per process, plus the user's session uploads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from adatlas import assets
from adatlas.borders import load_borders, load_land_borders
from adatlas.dataset import Dataset, DatasetError, build_dataset, default_data_dir
from adatlas.lock import reading
from adatlas.places import load_cities
from adatlas.reader import RawDataset, read_dataset
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


@st.cache_resource(show_spinner="Loading the dataset…")
def load_on_disk(root: str) -> OnDisk:
    """Read and validate once per process; write the static files the maps load."""
    assets.install_static(STATIC)
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


def on_disk() -> OnDisk:
    """The dataset in the data directory; if it is invalid, stops the page listing every problem."""
    try:
        return load_on_disk(str(default_data_dir()))
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
