"""The dashboard on a team store (AppTest): it reads approved records, shows proposed ones on
request, goes back to a recorded moment from the URL, and sees a change made elsewhere."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from adatlas.db import review
from adatlas.db.store import DatabaseStore

from .conftest import REPO, TeamStore
from .test_team_store import _change


def _map_page(store: TeamStore, monkeypatch) -> AppTest:
    monkeypatch.setenv("ADATLAS_DATA", store.url("web"))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.session_state["deployments_table"] = True
    app.query_params["date"] = "2017-01-01"
    return app


def test_the_map_shows_approved_records_and_proposed_ones_on_request(team_store, monkeypatch):
    time.sleep(1.1)  # the URL's moment has whole seconds: after the load, before the draft
    moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    time.sleep(1.1)
    alice, bob = DatabaseStore(team_store.url("alice")), DatabaseStore(team_store.url("bob"))
    assert alice.apply(_change("site-draft")).ok

    app = _map_page(team_store, monkeypatch).run()
    assert not app.exception
    assert app.caption[0].value.startswith("2 deployments shown")
    assert app.text_input(key="recorded_widget").label == "Recorded at (UTC)"

    app.checkbox(key="proposed_widget").check().run()
    assert not app.exception
    assert app.caption[0].value.startswith("3 deployments shown")
    assert app.query_params["proposed"] == "1"
    app.checkbox(key="proposed_widget").uncheck().run()

    # Approved on "another server": the change counter moves, the next run reads it again.
    assert review.decide(bob, review.pending(bob)[0].id, "approved") == []
    app.run()
    assert app.caption[0].value.startswith("3 deployments shown")

    past = _map_page(team_store, monkeypatch)
    past.query_params["recorded"] = moment
    past.run()
    assert not past.exception
    assert past.caption[0].value.startswith("2 deployments shown")
    assert past.text_input(key="recorded_widget").value == moment
