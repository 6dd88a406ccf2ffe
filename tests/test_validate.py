"""The validator: the good fixture passes; one bad fixture per rule, asserting the message."""

from __future__ import annotations

from adatlas.validate import validate
from tests.bad_inputs import C, D, E, M, S


def messages(root) -> list[str]:
    return [str(p) for p in validate(root)]


def test_good_fixture_has_no_problems(good_dir):
    assert messages(good_dir) == []


def test_shipped_dataset_has_no_problems():
    from adatlas.dataset import REPOSITORY_ROOT

    assert messages(REPOSITORY_ROOT) == []


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
