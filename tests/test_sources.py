from adatlas import load_dataset
from adatlas.sources import article_table, citing_records, highlight, search


def test_citing_records(good_dir):
    cited = citing_records(load_dataset(good_dir))
    assert ("deployments", "site-2") in cited["c-plan"]
    assert ("events", "ev-2") in cited["c-plan"]
    assert ("systems", "abm-b") in cited["c-plan"]
    assert ("memberships", "CSTO/ARM") in cited["c-freeze"]


def test_article_table_counts(good_dir):
    table = article_table(load_dataset(good_dir)).set_index("id")
    assert table.loc["beta", "citations"] == 1
    assert table.loc["beta", "cited_by"] == "deployments:site-2, events:ev-2, systems:abm-b"
    assert table.loc["alpha", "citations"] == 4
    assert table.loc["alpha", "title"] == "Alpha report on “air defense”"


def test_highlight_marks_excerpts_despite_quotes_and_whitespace():
    body = 'Officials said: "the site is ready" and\nconstruction   began. Other text.'
    segments = highlight(body, {"c1": "“the site is ready” and construction began.", "c2": "Other"})
    assert "".join(s.text for s in segments) == body  # nothing lost or reordered
    marked = {s.citations: s.text for s in segments if s.citations}
    assert marked[("c1",)] == '"the site is ready" and\nconstruction   began.'
    assert marked[("c2",)] == "Other"


def test_highlight_ignores_missing_excerpt():
    assert highlight("abc", {"c": "zzz"}) == [type(highlight("abc", {})[0])("abc")]


def test_search_finds_excerpts_and_articles(good_dir):
    ds = load_dataset(good_dir)
    found = search(ds, "CANCELLED")
    assert set(found["kind"]) == {"excerpt", "article"}
    assert "c-plan" in set(found["citation"])
    assert search(ds, "   ").empty
