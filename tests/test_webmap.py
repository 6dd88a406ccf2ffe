"""The web map's display borders: a coarse file for wide views, the detailed one zoomed in."""

from __future__ import annotations

import json

import pytest

from adatlas.borders import load_borders
from adatlas.webmap.build import DETAILED_FROM_ZOOM, install_border_files
from adatlas.webmap.countries import CountryBase


def _vertices(collection: dict) -> int:
    def count(value) -> int:
        if value and isinstance(value[0], (int, float)):
            return 1
        return sum(count(v) for v in value)

    return sum(count(f["geometry"]["coordinates"]) for f in collection["features"])


def test_border_files_hold_the_same_countries_coarse_and_detailed(tmp_path):
    files = install_border_files(tmp_path, load_borders())
    coarse, detailed = (
        json.loads((tmp_path / url.removeprefix("/app/static/")).read_text())
        for url in (files.coarse, files.detailed)
    )
    iso3 = [f["properties"]["iso3"] for f in detailed["features"]]
    assert [f["properties"]["iso3"] for f in coarse["features"]] == iso3
    assert _vertices(coarse) < _vertices(detailed) / 2
    assert files.detailed_from == DETAILED_FROM_ZOOM
    assert install_border_files(tmp_path, load_borders()) == files  # content-addressed, stable


def test_country_base_takes_inline_data_or_files_not_both():
    with pytest.raises(ValueError, match="exactly one"):
        CountryBase({}, data=None, files=None)
