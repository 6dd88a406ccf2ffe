"""AppTest of each page's logic."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

PAGES = REPO / "pages"


def page(name: str, **params: str) -> AppTest:
    app = AppTest.from_file(str(PAGES / name), default_timeout=90)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


@pytest.fixture
def fixture_data(good_dir, monkeypatch):
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    return good_dir


# Timeline ---------------------------------------------------------------------------------


def test_timeline_steps_by_month_and_year(fixture_data):
    app = page("1_Timeline.py", date="2013-10-31")
    assert not app.exception
    assert app.subheader[0].value == "31 October 2013"
    app.button(key="step_forward").click().run()
    assert app.subheader[0].value == "30 November 2013"
    app.radio(key="playback_step").set_value("year").run()
    app.button(key="step_back").click().run()
    assert app.subheader[0].value == "30 November 2012"


def test_timeline_chronology_follows_filters(fixture_data):
    app = page("1_Timeline.py", date="2017-01-01", operator="USA")
    chronology = app.dataframe[-1].value
    assert set(chronology[chronology["Kind"] == "status"]["Record"]) == {"site-2"}


def test_timeline_adopting_the_playback_date(fixture_data):
    app = page("1_Timeline.py", date="2013-10-31")
    app.button(key="step_forward").click().run()
    app.button(key="adopt_playback").click().run()
    assert app.query_params["date"] == "2013-11-30"


# Sources ----------------------------------------------------------------------------------


def test_sources_opens_a_citation_highlighted_in_place(fixture_data):
    app = page("2_Sources.py", citation="c-plan")
    assert not app.exception
    assert app.selectbox(key="source_article").value == "beta"
    body = next(m.value for m in app.html if "adatlas-article" in m.value)
    assert 'data-citations="c-plan"' in body and "outline" in body  # focused excerpt
    records = app.dataframe[-1].value
    assert "deployments:site-2" in records.iloc[0]["records"]


def test_sources_search(fixture_data):
    app = page("2_Sources.py")
    app.text_input(key="source_search").input("froze").run()
    found = app.dataframe[0].value
    assert "c-freeze" in set(found["citation"])


def test_sources_unknown_citation_warns(fixture_data):
    app = page("2_Sources.py", citation="nope")
    assert any("Unknown citation" in w.value for w in app.warning)
    assert not app.exception


def test_sources_escape_article_text(good_dir, monkeypatch):
    article = good_dir / "articles" / "beta.md"
    article.write_text(article.read_text() + "\n<script>alert(1)</script>\n")
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    app = page("2_Sources.py", article="beta")
    body = next(m.value for m in app.html if "adatlas-article" in m.value)
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_sources_never_hand_article_text_to_markdown(good_dir, monkeypatch):
    """Regression: the escaped body went through st.markdown, which parsed it as Markdown."""
    article = good_dir / "articles" / "beta.md"
    article.write_text(
        article.read_text().replace("title: Beta excerpts", "title: Beta [t](http://evil.example)")
        + "\n![pixel](http://tracker.example/p.png)\n"
    )
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    app = page("2_Sources.py", article="beta")
    assert not app.exception
    assert not [m.value for m in app.markdown if "example" in m.value]
    shown = "".join(h.value for h in app.html)
    assert "![pixel](http://tracker.example/p.png)" in shown
    assert "Beta [t](http://evil.example)" in shown


# Data -------------------------------------------------------------------------------------


def test_data_table_and_history(fixture_data):
    app = page("3_Data.py", date="2017-01-01", operator="USA")
    assert list(app.dataframe[0].value["id"]) == ["site-2"]
    assert app.dataframe[0].value["Source"].iloc[0] == "/Sources?citation=c-plan"
    history = app.dataframe[1].value
    assert list(history["Status"]) == ["planned", "cancelled"]


DEPLOYMENT = (
    b"id,name,system,operator,host,lat,lon,precision\nsite-9,Nine,sam-a,BLR,BLR,53,27,town\n"
)
STATUS = b"deployment,date,status,citations\nsite-9,2015,operational,c-ops\n"


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    app.file_uploader(key="uploads").set_value([(n, d, "text/csv") for n, d in files]).run()
    return app.button(key="check_uploads").click().run()


def test_upload_good_files_adds_to_the_session_only(fixture_data):
    before = {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()}
    app = page("3_Data.py", date="2016-01-01")
    upload(app, ("deployments.csv", DEPLOYMENT), ("status.csv", STATUS))
    assert not app.exception
    assert "site-9" in set(app.dataframe[0].value["id"])
    assert (
        app.success[0].value
        == "Added 1 deployments, 1 status to this session; every page shows them."
    )
    assert any("includes your uploaded records" in i.value for i in app.info)
    assert {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()} == before
    app.button(key="clear_uploads").click().run()
    assert "site-9" not in set(app.dataframe[0].value["id"])


def test_upload_bad_file_lists_problems_per_row(fixture_data):
    app = page("3_Data.py", date="2016-01-01")
    bad = DEPLOYMENT + b"site-1,Dup,sam-a,BLR,XYZ,95,27,town\n"
    upload(app, ("my-deployments.csv", bad), ("status.csv", STATUS))
    assert "nothing was added" in app.error[0].value
    problems = app.dataframe[-1].value
    assert set(problems["file"]) == {"my-deployments.csv"}
    assert set(problems["row"]) == {3}
    assert any("host 'XYZ'" in m for m in problems["problem"])
    assert "site-9" not in set(app.dataframe[0].value["id"])


def test_upload_of_unknown_kind_is_refused(fixture_data):
    app = page("3_Data.py")
    app.file_uploader(key="uploads").set_value([("notes.csv", b"a,b\n1,2\n", "text/csv")]).run()
    app.button(key="check_uploads").click().run()
    assert any("cannot tell what this file holds" in m for m in app.dataframe[-1].value["problem"])


# Analysis ---------------------------------------------------------------------------------


def test_analysis_coverage_and_changes(fixture_data):
    app = page("4_Analysis.py", date="2017-01-01")
    assert not app.exception
    area = float(app.metric[0].value.replace(",", "").split()[0])
    # One operational 200 km ring at Hrodna; part of it lies over the land of BLR/LTU/POL.
    assert 50_000 < area <= 125_700
    borders = app.dataframe[0].value.set_index("Land border")
    assert borders.loc["Belarus–Lithuania", "Inside the rings (km)"] > 0
    density = app.dataframe[2].value.set_index("ISO code")
    assert density.loc["BLR", "Covered once (km²)"] > 0  # the fixture's single ring covers once
    app.date_input(key="changes_from").set_value(dt.date(2008, 1, 1)).run()
    changes = app.dataframe[4].value.set_index("id")
    assert changes.loc["site-1", "Change"] == "appeared"
    # Human column names with units, no code names (issue 15 found a, b, length_km, once_km2).
    for table in app.dataframe:
        columns = list(table.value.columns)
        assert not {"a", "b", "length_km", "iso3", "once_km2", "share"} & set(columns), columns
        assert all(c == "id" or c[0].isupper() for c in columns), columns


def test_analysis_status_filter_changes_coverage(fixture_data):
    app = page("4_Analysis.py", date="2017-01-01", status="cancelled")
    assert app.metric[0].value.startswith("0 ")  # abm-b has no range: nothing covered


# Compare ----------------------------------------------------------------------------------


def test_compare_two_dates(fixture_data):
    app = page("5_Compare.py", date="2016-06-01")
    assert not app.exception
    app.date_input(key="compare_before").set_value(dt.date(2009, 1, 1)).run()
    changes = app.dataframe[0].value.set_index("id")
    assert changes.loc["site-1", "Change"] == "appeared"
    assert (changes.loc["site-2", "Status before"], changes.loc["site-2", "Status after"]) == (
        "planned",
        "cancelled",
    )
    assert app.subheader[0].value == "What changed from A to B (2)"


# Curate -----------------------------------------------------------------------------------


def fill_curation(app: AppTest) -> AppTest:
    for key, value in {
        "cur_article_id": "gamma",
        "cur_title": "New battery",
        "cur_publisher": "Test Wire",
        "cur_date": "2020-03-05",
        "cur_url": "https://example.org/gamma",
        "cur_body": "The ministry said a new battery took up combat duty near Hrodna in 2020.",
        "cur_excerpt": "a new battery took up combat duty near Hrodna",
        "cur_dep_id": "site-3",
        "cur_dep_name": "New battery",
        "cur_dep_operator": "BLR",
        "cur_dep_host": "BLR",
        "cur_dep_date": "2020-03",
    }.items():
        if key in ("cur_body", "cur_excerpt"):
            app.text_area(key=key).input(value)
        else:
            app.text_input(key=key).input(value)
    app.number_input(key="cur_lat").set_value(53.7)
    app.number_input(key="cur_lon").set_value(23.8)
    app.selectbox(key="cur_dep_status").set_value("operational")
    return app.run()


@pytest.fixture
def curating(fixture_data, monkeypatch):
    monkeypatch.setenv("ADATLAS_CURATE", "1")
    return fixture_data


def test_curate_paste_check_save_and_see_it(curating):
    fixture_data = curating
    app = fill_curation(page("6_Curate.py"))
    assert not app.exception
    assert app.success[0].value == "The excerpt appears in the article."
    assert any("pass every check" in s.value for s in app.success)
    app.button(key="cur_save").click().run()
    assert any(s.value.startswith("Saved into") for s in app.success)
    assert (fixture_data / "articles" / "gamma.md").exists()
    assert list((fixture_data / "backups").iterdir())
    data_page = page("3_Data.py", date="2021-01-01")
    assert "site-3" in set(data_page.dataframe[0].value["id"])


def test_curate_refuses_bad_records_and_writes_nothing(curating):
    fixture_data = curating
    before = {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()}
    app = fill_curation(page("6_Curate.py"))
    app.text_input(key="cur_dep_host").input("XYZ").run()
    assert any("problem(s) to fix" in e.value for e in app.error)
    assert app.button(key="cur_save").disabled
    assert {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()} == before


def test_curate_without_own_dataset_cannot_save(monkeypatch):
    monkeypatch.delenv("ADATLAS_DATA", raising=False)
    monkeypatch.setenv("ADATLAS_CURATE", "1")
    app = page("6_Curate.py")
    assert any("Saving is off" in i.value for i in app.info)
    assert app.button(key="cur_save").disabled


def test_curate_saves_only_when_opted_in(fixture_data, monkeypatch):
    """ADATLAS_DATA alone does not let the page write: anyone reaching it could."""
    monkeypatch.delenv("ADATLAS_CURATE", raising=False)
    before = {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()}
    app = fill_curation(page("6_Curate.py"))
    assert any("pass every check" in s.value for s in app.success)
    assert any("ADATLAS_CURATE=1" in i.value for i in app.info)
    assert app.button(key="cur_save").disabled
    assert {p: p.read_bytes() for p in fixture_data.rglob("*") if p.is_file()} == before
