"""AppTest smoke tests of the map page (app.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


@pytest.fixture
def app(good_dir, monkeypatch):
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


def test_app_renders_the_dataset_as_of_the_url_date(app):
    app.query_params["date"] = "2017-01-01"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Air and missile defense as of 01 January 2017"
    assert app.caption[0].value.startswith("2 deployments shown")


def test_moving_the_date_changes_the_visible_set(app):
    app.query_params["date"] = "2008-01-01"
    app.run()
    assert app.caption[0].value.startswith("0 deployments shown")
    app.sidebar.slider(key="date").set_value(__import__("datetime").date(2009, 1, 1)).run()
    assert app.caption[0].value.startswith("1 deployments shown")
    assert app.query_params["date"] == "2009-01-01"


def test_bad_query_parameters_warn_and_do_not_crash(app):
    app.query_params["date"] = "2014-99-01"
    app.query_params["zoom"] = "<b>x</b>"
    app.run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    assert any("date='2014-99-01'" in w for w in warnings)
    assert any("zoom='<b>x</b>': not a whole number" in w for w in warnings)


def test_invalid_dataset_shows_problems_not_traceback(edit, monkeypatch):
    root = edit("geodata/deployments.csv", "BLR,BLR", "BLR,XYZ")
    monkeypatch.setenv("ADATLAS_DATA", str(root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "The dataset has problems" in at.error[0].value
    assert "host 'XYZ'" in at.code[0].value
