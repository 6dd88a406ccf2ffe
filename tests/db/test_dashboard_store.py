"""The dashboard on a team store (AppTest): it reads approved records, shows proposed ones on
request, goes back to a recorded moment from the URL, and sees a change made elsewhere."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from adatlas.dataset import load_dataset
from adatlas.db import review
from adatlas.db.store import DatabaseStore
from ui.data import COUNTER_TTL_S
from ui.team_sign_in import SIGNED_IN

from .conftest import PASSWORDS, REPO, TeamStore
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
    time.sleep(COUNTER_TTL_S)  # a server asks for the counter at most once in this interval
    app.run()
    assert app.caption[0].value.startswith("3 deployments shown")

    past = _map_page(team_store, monkeypatch)
    past.query_params["recorded"] = moment
    past.run()
    assert not past.exception
    assert past.caption[0].value.startswith("2 deployments shown")
    assert past.text_input(key="recorded_widget").value == moment


# -- the Curate page: signing in, proposing, reviewing -------------------------------------


def _curate_page(store: TeamStore, monkeypatch) -> AppTest:
    monkeypatch.setenv("ADATLAS_DATA", store.url("web"))
    return AppTest.from_file(str(REPO / "pages" / "6_Curate.py"), default_timeout=60).run()


def _problems(app: AppTest) -> list[str]:
    """The problem column of every problem table on the page."""
    return [
        text
        for frame in app.dataframe
        if "problem" in frame.value
        for text in frame.value["problem"]
    ]


def _sign_in(app: AppTest, user: str, password: str) -> AppTest:
    app.text_input(key="team_user").input(user)
    app.text_input(key="team_password").input(password)
    return app.button(key="team_sign_in_submit").click().run()


def test_a_wrong_password_is_refused_by_the_database(team_store, monkeypatch):
    app = _curate_page(team_store, monkeypatch)
    assert any("Sign in with your own database user" in i.value for i in app.info)
    assert app.button(key="cur_save").disabled
    app = _sign_in(app, "alice", "not-her-password")
    assert not app.exception
    assert any("password authentication failed" in e.value for e in app.error)
    assert SIGNED_IN not in app.session_state


def test_a_curator_signs_in_proposes_and_a_reviewer_approves(team_store, monkeypatch):
    from tests.test_pages import fill_curation

    app = _sign_in(_curate_page(team_store, monkeypatch), "alice", PASSWORDS["alice"])
    assert not app.exception
    assert any("as **alice** (reader, curator)" in s.value for s in app.success)
    kept = [app.session_state[k] for k in app.session_state if k != SIGNED_IN]
    assert PASSWORDS["alice"] not in map(str, kept)  # the form left no password behind
    app = fill_curation(app)
    assert any("pass every check" in s.value for s in app.success)
    app.button(key="cur_save").click().run()
    assert any("proposed, awaiting review" in s.value for s in app.success), app.error
    [proposal] = review.pending(DatabaseStore(team_store.url("web")))
    assert proposal.proposed_by == "alice"

    assert any("not a reviewer" in i.value for i in app.info)
    tried = app.button(key="review_approve").click().run()  # a curator cannot approve
    assert any("was not approved" in e.value for e in tried.error)
    assert any("refused: permission denied for function decide" in p for p in _problems(tried))

    app.button(key="team_sign_out").click().run()
    assert SIGNED_IN not in app.session_state
    app = _sign_in(app, "bob", PASSWORDS["bob"])
    [pending] = [f.value for f in app.dataframe if "Proposed by" in f.value]
    assert pending["Proposed by"].tolist() == ["alice"]
    app.text_input(key="review_note").input("checked against the excerpt")
    app.button(key="review_approve").click().run()
    assert any(f"Change {proposal.id} approved" in s.value for s in app.success), (
        [e.value for e in app.error],
        _problems(app),
        [s.value for s in app.success],
    )
    assert any("No changes await review" in i.value for i in app.info)
    assert "site-3" in load_dataset(team_store.url("web")).deployments.index


def test_a_reader_signed_in_is_refused_by_the_database_and_told_so(team_store, monkeypatch):
    from tests.test_pages import fill_curation

    app = _sign_in(_curate_page(team_store, monkeypatch), "web", PASSWORDS["web"])
    assert any("as **web** (reader)" in s.value for s in app.success)
    app = fill_curation(app)
    app.button(key="cur_save").click().run()
    assert any("Nothing was saved" in e.value for e in app.error)
    assert any("the database refused" in p for p in _problems(app)), _problems(app)
    assert review.pending(DatabaseStore(team_store.url("web"))) == []
