"""Exports read back with the standard libraries, holding the same records."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from fastkml import kml as fastkml

from adatlas.borders import load_borders
from adatlas.exports import ExportError, export, write_atomic
from adatlas.rings import ring_frame


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
