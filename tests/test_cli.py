"""The CLI through a real subprocess, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from pyproj import Geod

ADATLAS = shutil.which("adatlas", path=str(__import__("pathlib").Path(sys.executable).parent))


def run(*args: str, data=None) -> subprocess.CompletedProcess[str]:
    cmd = [ADATLAS, *args] + (["--data", str(data)] if data is not None else [])
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_validate_ok_prints_one_line_summary(good_dir):
    result = run("validate", data=good_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith("ok: 2 systems, 2 deployments")


def test_validate_reports_problems_and_exits_1(edit):
    edit("geodata/deployments.csv", "BLR,BLR", "BLR,XYZ")
    root = edit("geodata/status.csv", "operational,c-ops", "active,c-ops")
    result = run("validate", data=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "deployments.csv:2: site-1: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"
    )
    assert "Traceback" not in result.stderr


def test_validate_uses_adatlas_data_env(good_dir):
    env = {"ADATLAS_DATA": str(good_dir), "PATH": ""}
    result = subprocess.run([ADATLAS, "validate"], capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert str(good_dir) in result.stdout


def test_query_reports_freshness_and_takes_the_threshold(good_dir):
    result = run("query", "--date", "2019-01-01", "--format", "csv", data=good_dir)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert {"last_confirmed", "stale", "confidence"} <= set(header.split(","))
    site_1 = next(r for r in rows if r.startswith("site-1,"))
    assert ",2016," in site_1 and ",True," in site_1  # operational since 2016, 36 months
    result = run("query", "--date", "2019-01-01", "--stale-months", "48", data=good_dir)
    props = {f["properties"]["id"]: f["properties"] for f in json.loads(result.stdout)["features"]}
    assert (props["site-1"]["last_confirmed"], props["site-1"]["stale"]) == ("2016", False)
    hidden = run("query", "--date", "2019-01-01", "--hide-stale", "--format", "csv", data=good_dir)
    assert "site-1," not in hidden.stdout and "site-2," in hidden.stdout


def test_query_geojson_properties_and_citations(good_dir):
    result = run("query", "--date", "2017-01-01", data=good_dir)
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    by_id = {f["properties"]["id"]: f for f in collection["features"]}
    props = by_id["site-1"]["properties"]
    for key in ("id", "name", "system", "operator", "host", "status", "status_since", "precision"):
        assert key in props
    assert props["status"] == "operational" and props["status_since"] == "2016"
    assert props["citations"][0]["title"] == "Alpha report on “air defense”"
    assert props["citations"][0]["date"] == "2013-10-31"
    assert "construction began" in props["citations"][0]["excerpt"]
    assert by_id["site-1"]["geometry"] == {"type": "Point", "coordinates": [23.83, 53.68]}


def test_query_rings_are_geodesic_polygons(good_dir):
    result = run("query", "--date", "2017", "--rings", data=good_dir)
    rings = [f for f in json.loads(result.stdout)["features"] if f["properties"]["kind"] == "range"]
    assert [r["properties"]["deployment"] for r in rings] == ["site-1"]  # abm-b has no range
    assert rings[0]["properties"]["radius_km"] == 200
    coords = rings[0]["geometry"]["coordinates"][0]
    assert len(coords) >= 129
    geod = Geod(ellps="WGS84")
    for lon, lat in coords[::16]:
        assert geod.inv(23.83, 53.68, lon, lat)[2] == pytest.approx(200_000, rel=1e-6)


def test_query_filters_and_csv(good_dir):
    result = run("query", "--date", "2017", "--operator", "USA", "--format", "csv", data=good_dir)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,name,system,operator,host")
    assert [line.split(",")[0] for line in lines[1:]] == ["site-2"]


def test_members(good_dir):
    result = run("members", "--date", "2024-03-01", "--group", "CSTO", data=good_dir)
    assert json.loads(result.stdout) == {"CSTO": ["ARM", "BLR"]}
    result = run(
        "members", "--date", "2024-03-01", "--group", "CSTO", "--standing", "member", data=good_dir
    )
    assert json.loads(result.stdout) == {"CSTO": ["BLR"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "--date", "2017-02-30"], "date '2017-02-30' does not exist"),
        (["query", "--date", "yesterday"], "is not YYYY"),
        (["query", "--date", "2017", "--system", "nope"], "unknown system 'nope'"),
        (["query", "--date", "2017", "--operator", "XX"], "--operator 'XX' is not an ISO"),
        (["query", "--date", "2017", "--status", "active"], "invalid choice: 'active'"),
        (["members", "--date", "2017", "--group", "WARSAW_PACT"], "unknown group 'WARSAW_PACT'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["query"], "the following arguments are required: --date"),
    ],
)
def test_bad_arguments_one_line_exit_2(good_dir, args, message):
    result = run(*args, data=good_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_query_on_invalid_dataset_exits_1_without_traceback(edit):
    root = edit("geodata/deployments.csv", "BLR,BLR", "BLR,XYZ")
    result = run("query", "--date", "2017", data=root)
    assert result.returncode == 1
    assert "host 'XYZ'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["validate"], ["query", "--date", "2017"]])
def test_missing_dataset_directory_is_said_once_exit_2(tmp_path, command):
    """Regression: query listed seven "file is missing" problems and suggested validate."""
    result = run(*command, data=tmp_path / "nope")
    assert result.returncode == 2
    assert (
        result.stderr == f"adatlas: error: dataset directory {tmp_path / 'nope'} does not exist\n"
    )
    assert result.stdout == ""


def test_snapshot_refuses_to_overwrite_and_force_replaces(good_dir, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "map.png"
    out.write_bytes(b"keep me")
    result = run("snapshot", "--date", "2017", "--out", str(out), data=good_dir)
    assert result.returncode == 2 and "exists; use --force" in result.stderr
    assert result.stderr.count("\n") == 1
    assert out.read_bytes() == b"keep me"
    result = run(
        "snapshot", "--date", "2017", "--out", str(out), "--force", "--width", "400", data=good_dir
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.png"]  # no temporary left


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("map.bmp", "unknown extension '.bmp'"),
        ("missing-dir/map.png", "does not exist"),
    ],
)
def test_snapshot_bad_output_is_one_line_exit_2(good_dir, tmp_path, out, message):
    result = run("snapshot", "--date", "2017", "--out", str(tmp_path / out), data=good_dir)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_snapshot_unwritable_directory(good_dir):
    # /proc exists but accepts no new files, even from root (chmod would not stop root).
    result = run("snapshot", "--date", "2017", "--out", "/proc/adatlas-map.svg", data=good_dir)
    assert result.returncode == 2
    assert "cannot write" in result.stderr and result.stderr.count("\n") == 1


def test_export_formats(good_dir, tmp_path):
    for fmt in ("csv", "geojson", "kml", "gpkg"):
        out = tmp_path / f"view.{fmt}"
        result = run("export", "--date", "2017", "--format", fmt, "--out", str(out), data=good_dir)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0
    result = run(
        "export",
        "--date",
        "2017",
        "--format",
        "csv",
        "--out",
        str(tmp_path / "view.csv"),
        data=good_dir,
    )
    assert result.returncode == 2 and "exists" in result.stderr


def test_snapshot_html_and_title(good_dir, tmp_path):
    out = tmp_path / "map.html"
    result = run(
        "snapshot", "--date", "2017", "--title", "My <title>", "--out", str(out), data=good_dir
    )
    assert result.returncode == 0, result.stderr
    assert "My &lt;title&gt;" in out.read_text()


def test_snapshot_layouts_paper_and_powerpoint(good_dir, tmp_path):
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    pdf = tmp_path / "brief.pdf"
    result = run(
        "snapshot", "--date", "2017", "--layout", "page", "--paper", "letter", "--out", str(pdf),
        data=good_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    deck = tmp_path / "brief.pptx"
    result = run("snapshot", "--date", "2017", "--out", str(deck), data=good_dir)
    assert result.returncode == 0, result.stderr
    assert len(Presentation(io.BytesIO(deck.read_bytes())).slides) >= 1
