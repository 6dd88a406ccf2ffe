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


def test_no_javascript_left_in_python_strings():
    """Map scripts live in .js files beside the modules (package data), not in templates."""
    from pathlib import Path

    import adatlas.webmap

    package = Path(adatlas.webmap.__file__).parent
    for module in package.glob("*.py"):
        if module.name != "scripts.py":  # the loader's one-line closure around a file
            assert "function (" not in module.read_text(), module.name
    assert {p.name for p in package.glob("*.js")} >= {
        "countries.js", "deployments.js", "layers.js", "legend.js"
    }  # fmt: skip


def test_legend_has_only_the_sections_on_the_map(curated_2017):
    import datetime as dt
    from dataclasses import replace

    from adatlas.legend import legend_sections
    from adatlas.view import View

    ds, frame = curated_2017
    view = View(date=dt.date(2017, 1, 1))
    titles = [s.title for s in legend_sections(ds, view, [frame])]
    assert titles[:1] == ["Status"] and "Rings" in titles
    assert "Coverage density" not in titles and "Events" not in titles
    shown = replace(view, layers=frozenset({"density", "events"}))
    titles = [s.title for s in legend_sections(ds, shown, [frame])]
    assert "Coverage density" in titles and "Events" in titles
    assert "Membership on the date" not in titles and "Rings" not in titles
    few = frame[frame["status"] == "operational"]
    statuses = {w.label for s in legend_sections(ds, view, [few]) for w in s.swatches}
    assert "operational (solid)" in statuses
    assert "withdrawn" not in statuses and "planned (dashed)" not in statuses


def test_the_legend_is_an_overlay_and_the_dashboard_link_is_passed_in(curated_2017):
    import datetime as dt

    from adatlas.view import View
    from adatlas.webmap import overlays

    ds, _ = curated_2017
    view = View(date=dt.date(2017, 1, 1))
    groups = overlays(ds, view, citation_link="/Sources?citation={citation}", legend="collapsed")
    html = _render_all(groups)
    assert '"citationLink": "/Sources?citation={citation}"' in html
    assert '"open": false' in html
    assert "adatlas-legend" not in _render_all(overlays(ds, view, legend=None))
    assert "/Sources" not in _render_all(overlays(ds, view))  # nothing hard-coded


def _render(group) -> str:
    import folium

    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    return fmap.get_root().render()


def _render_all(groups) -> str:
    return "".join(_render(g) for g in groups)


def test_alliance_parts_split_members_and_frozen(curated_2017):
    from adatlas.alliances import alliance_parts

    ds, _ = curated_2017
    parts = {(p.group, p.standing): p.countries for p in alliance_parts(ds, "2024-06-01")}
    assert "BLR" in parts[("CSTO", "member")]
    assert "ARM" in parts[("CSTO", "frozen")]  # Armenia froze its CSTO participation in 2024
    assert not set(parts[("CSTO", "member")]) & set(parts[("CSTO", "frozen")])


TEMPLATE_TEXT = "{{ 7*7 }} {% raw %} {# note #}"


def test_template_syntax_in_the_data_reaches_the_map_as_written(curated_2017):
    """branca re-parses rendered output as Jinja: "{{ 7*7 }}" became 49, "{% raw %}" broke the
    whole map. Our layers add their output as text, in the dashboard's path and in exports."""
    import datetime as dt

    from streamlit_folium import _get_feature_group_string

    from adatlas.view import View
    from adatlas.webmap import base_map, overlays

    ds, frame = curated_2017
    view = View(date=dt.date(2017, 1, 1))
    named = frame.assign(name=frame["name"] + " " + TEMPLATE_TEXT)
    groups = overlays(ds, view, frame=named)
    served = "".join(
        _get_feature_group_string(group, base_map(view), idx) for idx, group in enumerate(groups)
    )
    assert served.count(TEMPLATE_TEXT) >= len(named)  # every name (and ring), none evaluated
    exported = _render_all(overlays(ds, view, frame=named))  # a whole page, as exports render
    assert exported.count(TEMPLATE_TEXT) >= len(named)
