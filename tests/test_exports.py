"""Exports read back with the standard libraries, holding the same records."""

from __future__ import annotations

import io
import json
import os
import stat

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from fastkml import kml as fastkml

from adatlas import as_of, load_dataset
from adatlas.borders import load_borders
from adatlas.exports import ExportError, export, write_atomic
from adatlas.rings import ring_frame
from adatlas.serialize import spreadsheet_safe


@pytest.fixture
def view(curated_2017):
    return curated_2017


def test_csv_round_trip(view):
    ds, frame = view
    table = pd.read_csv(io.BytesIO(export(ds, frame, "csv")), dtype=str)
    assert sorted(table["id"]) == sorted(frame["id"])
    assert table.set_index("id").loc["usa-aegis-deveselu", "status"] == "operational"


def test_geojson_has_points_and_rings(view):
    ds, frame = view
    collection = json.loads(export(ds, frame, "geojson"))
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds.count("deployment") == len(frame)
    assert kinds.count("range") == len(ring_frame(frame))
    # The cancelled Brdy radar (4,500 km) is a marker in 2017, not a ring over Europe.
    ringed_ids = {
        f["properties"]["deployment"]
        for f in collection["features"]
        if f["properties"]["kind"] == "range"
    }
    assert "usa-emr-brdy" in set(frame["id"])
    assert "usa-emr-brdy" not in ringed_ids
    assert "usa-tpy2-kurecik" in ringed_ids  # operational radar


def _placemarks(element):
    for feature in getattr(element, "features", []) or []:
        if feature.__class__.__name__ == "Placemark":
            yield feature
        else:
            yield from _placemarks(feature)


def test_kml_parses_with_a_kml_library(view):
    ds, frame = view
    document = fastkml.KML.from_string(export(ds, frame, "kml"))
    placemarks = list(_placemarks(document))
    names = {p.name for p in placemarks}
    assert set(frame["name"]) <= names
    assert len(placemarks) == len(frame) + len(ring_frame(frame))


def test_geopackage_reads_back_with_the_same_records(view, tmp_path):
    ds, frame = view
    path = tmp_path / "view.gpkg"
    path.write_bytes(export(ds, frame, "gpkg", load_borders()))
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"deployments", "rings", "borders"}
    points = gpd.read_file(path, layer="deployments")
    assert sorted(points["id"]) == sorted(frame["id"])
    assert points.crs.to_epsg() == 4326
    rings = gpd.read_file(path, layer="rings")
    assert set(rings["deployment"]) <= set(frame["id"])


def test_unknown_format(view):
    ds, frame = view
    with pytest.raises(ExportError, match="unknown format 'shp'"):
        export(ds, frame, "shp")


def test_write_atomic_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"original")
    with pytest.raises(ExportError, match="exists; use --force"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"original"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left


def test_write_atomic_missing_directory(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.csv", b"x")


def test_write_atomic_failure_leaves_target_untouched(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(b"original")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("adatlas.fileio.os.replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_export_neutralises_formula_cells(edit):
    """Regression: cells starting with = + - @ tab CR reached spreadsheets as formulas (OWASP)."""
    payloads = ['=HYPERLINK("http://x","y")', "+1+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
    root = edit(
        "geodata/deployments.csv",
        "site-1,Site One,sam-a,BLR,BLR,53.68,23.83,town,1st battalion,,Hrodna",
        f'site-1,"{payloads[0].replace(chr(34), chr(34) * 2)}",sam-a,BLR,BLR,53.68,-23.83,town,'
        f'"{payloads[1]}","{payloads[2]}","{payloads[3]}"',
    )
    path = root / "geodata" / "deployments.csv"
    text = path.read_text().replace("location\n", "location,depth\n", 1)
    lines = text.splitlines()
    lines = [lines[0]] + [f"{line},{'-5' if 'site-1' in line else '=1+1'}" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n")
    ds = load_dataset(root)
    frame = as_of(ds, "2017-01-01")
    table = pd.read_csv(io.BytesIO(export(ds, frame, "csv")), dtype=str, keep_default_na=False)
    row = table.set_index("id").loc["site-1"]
    assert [row["name"], row["units"], row["notes"], row["location"]] == ["'" + p for p in payloads]
    assert row["lon"] == "-23.83"  # numbers stay numbers
    assert row["depth"] == "-5"  # also a number held as text
    assert table.set_index("id").loc["site-2", "depth"] == "'=1+1"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-1e5", "-1e5"),
        ("+.5", "+.5"),
        ("-", "'-"),
        ("- not sure", "'- not sure"),
        ("a=b", "a=b"),
        (-5.0, -5.0),
    ],
)
def test_spreadsheet_safe(cell, written):
    assert spreadsheet_safe(cell) == written


def test_written_exports_are_not_private(tmp_path):
    """Regression: mkstemp's 0600 survived the rename, so exports were readable by no one else."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.csv", b"x")
        existing = tmp_path / "shared.csv"
        existing.write_bytes(b"old")
        existing.chmod(0o664)
        write_atomic(existing, b"new", force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664
