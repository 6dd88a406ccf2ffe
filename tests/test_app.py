"""AppTest smoke tests of the map page (app.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


@pytest.fixture
def app(good_dir, monkeypatch):
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    return map_page()


def map_page(table_open: bool = True) -> AppTest:
    """The map page; the deployments table below the map is filled only once opened."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.session_state["deployments_table"] = table_open
    return app


def test_deployments_table_is_filled_only_when_opened(app):
    closed = map_page(table_open=False)
    closed.query_params["date"] = "2017-01-01"
    closed.run()
    assert not closed.dataframe
    assert closed.expander[0].label == "Deployments on the map (2)"
    app.query_params["date"] = "2017-01-01"
    app.run()
    assert len(app.dataframe[0].value) == 2


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
    warnings = [w.value.replace("\\", "") for w in app.warning]
    assert any("date='2014-99-01'" in w for w in warnings)
    assert any("zoom='<b>x</b>': not a whole number" in w for w in warnings)
    # Markdown/HTML in a parameter is escaped, so it shows as text.
    assert all("<b>" not in w.value for w in app.warning)


def test_invalid_dataset_shows_problems_not_traceback(edit, monkeypatch):
    root = edit("geodata/deployments.csv", "BLR,BLR", "BLR,XYZ")
    monkeypatch.setenv("ADATLAS_DATA", str(root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "The dataset has problems" in at.error[0].value
    assert "host 'XYZ'" in at.code[0].value


def shown(app) -> list[str]:
    return sorted(app.dataframe[0].value["id"])


def test_curated_deveselu_planned_2012_operational_2017(monkeypatch):
    monkeypatch.delenv("ADATLAS_DATA", raising=False)
    app = map_page()
    app.query_params["date"] = "2012-06-01"
    app.run()
    table = app.dataframe[0].value.set_index("id")
    assert table.loc["usa-aegis-deveselu", "Status"] == "planned"
    app.sidebar.slider(key="date").set_value(__import__("datetime").date(2017, 1, 1)).run()
    table = app.dataframe[0].value.set_index("id")
    assert table.loc["usa-aegis-deveselu", "Status"] == "operational"
    assert table.loc["usa-aegis-deveselu", "Since"] == "2016-05-12"


def test_filters_combine_in_the_app(app):
    app.query_params["date"] = "2017-01-01"
    app.run()
    assert shown(app) == ["site-1", "site-2"]
    app.sidebar.multiselect(key="operators").set_value(["USA"]).run()
    assert shown(app) == ["site-2"]
    app.sidebar.multiselect(key="statuses").set_value(["operational"]).run()
    assert shown(app) == []
    assert app.query_params["operator"] == "USA"
    assert app.query_params["status"] == "operational"
    app.sidebar.multiselect(key="operators").set_value([]).run()
    assert shown(app) == ["site-1"]


def test_year_buttons_step_the_date(app):
    app.query_params["date"] = "2016-02-29"
    app.run()
    app.sidebar.button[1].click().run()
    assert app.query_params["date"] == "2017-02-28"
    app.sidebar.button[0].click().run()
    assert app.query_params["date"] == "2016-02-28"


def test_target_altitude_selector_goes_to_the_url(app):
    app.query_params["date"] = "2017-01-01"
    app.run()
    app.sidebar.selectbox(key="altitude").set_value(300).run()
    assert not app.exception
    assert app.query_params["alt"] == "300"


def test_hide_stale_and_the_threshold_change_what_is_shown(app):
    # site-1: operational since 2016, nothing later; in 2019 that is 36 months: stale.
    app.query_params["date"] = "2019-01-01"
    app.run()
    table = app.dataframe[0].value
    assert table.set_index("id").loc["site-1", "Stale"]
    assert table.set_index("id").loc["site-1", "Last confirmed"] == "2016"
    app.sidebar.checkbox(key="hide_stale").check().run()
    assert app.caption[0].value.startswith("1 deployments shown")
    assert app.query_params["stale"] == "hide"
    app.sidebar.number_input(key="stale_months").set_value(48).run()
    assert app.caption[0].value.startswith("2 deployments shown")
    assert app.query_params["stale_months"] == "48"


def test_confidence_filter_follows_the_url(app):
    app.query_params["date"] = "2017-01-01"
    app.query_params["confidence"] = "high"
    app.run()
    assert not app.exception
    # The fixture states no confidence, and "not stated" is never taken for high.
    assert app.caption[0].value.startswith("0 deployments shown")
    assert app.sidebar.multiselect(key="confidences").value == ["high"]
