"""The validator: the good fixture passes; one bad fixture per rule, asserting the message."""

from __future__ import annotations

import pytest

from adatlas.validate import validate

D = "geodata/deployments.csv"
S = "geodata/status.csv"
M = "geodata/memberships.csv"
C = "geodata/citations.csv"
Y = "geodata/systems.csv"
E = "geodata/events.csv"


def messages(root) -> list[str]:
    return [str(p) for p in validate(root)]


def test_good_fixture_has_no_problems(good_dir):
    assert messages(good_dir) == []


def test_shipped_dataset_has_no_problems():
    from adatlas.dataset import REPOSITORY_ROOT

    assert messages(REPOSITORY_ROOT) == []


CASES = [
    # (file, old, new, expected "path:line: record: message" fragment)
    (
        D,
        "id,name,system",
        "ident,name,system",
        "deployments.csv:1: -: missing required column 'id'",
    ),
    (D, ",location", ",lcation", "unknown column 'lcation' (did you mean 'location'?)"),
    (D, "53.68,23.83", "5x.68,23.83", "deployments.csv:2: site-1: lat '5x.68' is not a number"),
    (D, "53.68,23.83", "93.68,23.83", "deployments.csv:2: site-1: lat 93.68 is outside -90..90"),
    (D, "54.48,17.10", "117.10,54.48", "lat 117.10 is outside -90..90 (lat and lon swapped?)"),
    (D, "53.68,23.83", "53.68,190", "site-1: lon 190 is outside -180..180"),
    (D, "BLR,BLR", "BLR,XYZ", "site-1: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"),
    (D, "BLR,BLR", "BY,BLR", "operator 'BY' is not an ISO 3166-1 alpha-3"),
    (D, "sam-a,BLR", "sam-z,BLR", "site-1: system 'sam-z' is not a known system id"),
    (D, ",town,", ",city,", "site-1: precision 'city' is not one of site, town, region"),
    (
        D,
        "site-2,Site Two",
        "site-1,Site Two",
        "deployments.csv:3: site-1: duplicate id (first on line 2)",
    ),
    (D, "site-2,Site Two", "site 2,Site Two", "id 'site 2' may only hold letters"),
    (
        D,
        "Hrodna\n",
        "Hrodna,extra\n",
        "deployments.csv:2: site-1: has 12 fields but the header has 11",
    ),
    (
        S,
        "site-1,2016,",
        "site-9,2016,",
        "status.csv:3: site-9@2016: deployment 'site-9' is not a known",
    ),
    (S, "site-1,2016,", "site-1,2016-02-30,", "date: date '2016-02-30' does not exist"),
    (S, "operational,c-ops", "active,c-ops", "status 'active' is not one of announced"),
    (S, "operational,c-ops", "operational,", "status.csv:3: site-1@2016: citations is empty"),
    (S, "operational,c-ops", "operational,c-nope", "unknown citation id(s): c-nope"),
    (
        S,
        "site-1,2016,operational",
        "site-1,2013-10-01,operational",
        "second status for this deployment on the same date",
    ),
    (
        M,
        "NATO,POL,1999-03-12,,",
        "NATO,POL,1999-03-12,1998,",
        "NATO/POL@1999-03-12: end 1998 is before start 1999-03-12",
    ),
    (M, "2024-02-22,,frozen", "2024-01-01,,frozen", "overlaps the period on line 3"),
    (M, ",,frozen", ",,paused", "standing 'paused' is not one of member, frozen, suspended"),
    (M, "NATO,POL", "Nato,POL", "group 'Nato' must be upper case"),
    (
        C,
        "c-plan,beta,The plan was cancelled",
        "c-plan,beta,The plan was postponed",
        "citations.csv:6: c-plan: excerpt does not appear in article 'beta'",
    ),
    (C, "c-plan,beta,", "c-plan,../beta,", "c-plan: article id '../beta' is not a plain file name"),
    (C, "c-plan,beta,", "c-plan,gamma,", "c-plan: article 'gamma' is not a known article id"),
    (Y, "200,,c-ops", "far,,c-ops", "systems.csv:2: sam-a: range_km 'far' is not a number"),
    (Y, "200,,c-ops", "-5,,c-ops", "range_km '-5' must be positive"),
    (Y, ",sam,", ",sling,", "kind 'sling' is not one of sam, abm, radar"),
    (E, "44.08,24.38", "44.08,", "events.csv:2: ev-1: give both lat and lon, or neither"),
    (E, "USA;ROU", "USA;RO", "countries: 'RO' not ISO 3166-1 alpha-3"),
    (E, "announcement,USA", "rumour,USA", "kind 'rumour' is not one of agreement"),
    (
        "articles/beta.md",
        "date: 2009-09",
        "date: Sept 2009",
        "beta.md:4: beta: date 'Sept 2009' is not YYYY",
    ),
    (
        "articles/beta.md",
        "title: Beta excerpts\n",
        "",
        "beta.md:1: beta: front matter needs 'title'",
    ),
    ("articles/beta.md", "---\ntitle", "title", "beta.md:1: beta: article must start with a '---'"),
    ("articles/beta.md", "url: https://", "url: javascript://", "url must start with https://"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES, ids=[c[3][:50] for c in CASES])
def test_each_rule_reports_file_line_record_and_message(edit, file, old, new, expected):
    root = edit(file, old, new)
    found = messages(root)
    assert any(expected in m for m in found), "\n".join(found)


def test_messages_have_path_line_record_shape(edit):
    root = edit(D, "BLR,BLR", "BLR,XYZ")
    (problem,) = validate(root)
    assert (
        str(problem)
        == f"{root / D}:2: site-1: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"
    )


def test_every_problem_is_reported_at_once(edit):
    edit(D, "BLR,BLR", "BLR,XYZ")
    root = edit(S, "operational,c-ops", "active,c-ops")
    assert len(validate(root)) == 2


def test_record_without_citation_column_value(edit):
    root = edit(M, "NATO,POL,1999-03-12,,,c-join", "NATO,POL,1999-03-12,,,")
    assert any("NATO/POL@1999-03-12: citations is empty" in m for m in messages(root))


def test_deployment_without_status_is_reported(edit):
    root = edit(
        S, "site-2,2008-08-20,planned,c-construction\nsite-2,2009-09-17,cancelled,c-plan\n", ""
    )
    assert any("site-2: deployment has no rows in status.csv" in m for m in messages(root))


def test_bad_encoding_names_line(good_dir):
    path = good_dir / D
    path.write_bytes(path.read_bytes().replace(b"Site Two", b"Site \xe9two"))
    assert any(":3: -: not valid UTF-8 (byte 0xe9)" in m for m in messages(good_dir))


def test_malformed_csv_unterminated_quote(good_dir):
    path = good_dir / C
    path.write_text(path.read_text() + 'c-x,alpha,"never closed\n', encoding="utf-8")
    assert any("malformed CSV" in m for m in messages(good_dir))


def test_empty_file_is_reported(good_dir):
    (good_dir / E).write_text("")
    assert any("events.csv:1: -: file is empty" in m for m in messages(good_dir))


def test_missing_file_is_reported(good_dir):
    (good_dir / E).unlink()
    assert any("events.csv:0: -: file is missing" in m for m in messages(good_dir))


def test_article_file_name_must_be_plain(good_dir):
    (good_dir / "articles" / "bad name.md").write_text("---\ntitle: x\n---\nbody\n")
    assert any("article file name must be" in m for m in messages(good_dir))


def test_validator_never_writes(good_dir):
    before = {p: p.stat().st_mtime_ns for p in good_dir.rglob("*")}
    validate(good_dir)
    assert {p: p.stat().st_mtime_ns for p in good_dir.rglob("*")} == before


def test_curly_and_straight_quotes_and_whitespace_are_normalised(edit):
    # The fixture excerpt uses curly quotes; the article straight ones, over a line break.
    root = edit(
        C,
        "c-join,alpha,Country A joined the alliance in 1999;",
        'c-join,alpha,"Country  A joined\n the alliance in 1999;"',
    )
    assert messages(root) == []


def test_extra_citation_columns_are_checked(edit):
    edit(D, ",location\n", ",location,coord_citations\n")
    edit(D, "Hrodna\n", "Hrodna,c-ops\n")
    root = edit(D, "Redzikowo\n", "Redzikowo,c-missing\n")
    found = messages(root)
    assert (
        len(found) == 1 and "site-2: coord_citations: unknown citation id(s): c-missing" in found[0]
    )
