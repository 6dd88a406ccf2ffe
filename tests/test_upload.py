"""Uploads are validated with the shipped dataset and merged in memory only."""

from __future__ import annotations

import json

import pytest

from adatlas.reader import read_dataset
from adatlas.upload import MAX_UPLOAD_BYTES, merge_uploads

DEPLOYMENT = (
    b"id,name,system,operator,host,lat,lon,precision\nsite-9,Nine,sam-a,BLR,BLR,53,27,town\n"
)
STATUS = b"deployment,date,status,citations\nsite-9,2015,operational,c-ops\n"


def snapshot(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_valid_upload_is_merged_and_nothing_is_written(good_dir):
    before = snapshot(good_dir)
    result = merge_uploads(
        read_dataset(good_dir), [("deployments.csv", DEPLOYMENT), ("status.csv", STATUS)]
    )
    assert result.problems == []
    assert "site-9" in result.dataset.deployments.index
    assert result.added == {"deployments": 1, "status": 1}
    assert snapshot(good_dir) == before


def test_bad_rows_are_reported_with_upload_name_row_and_record(good_dir):
    bad = DEPLOYMENT + b"site-1,Dup,sam-a,BLR,XYZ,53,27,town\n"
    result = merge_uploads(
        read_dataset(good_dir), [("my-deployments.csv", bad), ("status.csv", STATUS)]
    )
    assert result.dataset is None
    shown = [str(p) for p in result.problems]
    assert any(
        s.startswith("upload:my-deployments.csv:3: site-1: duplicate id (first on ") for s in shown
    )
    assert (
        "upload:my-deployments.csv:3: site-1: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"
        in shown
    )


def test_geojson_upload(good_dir):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [27.0, 53.0]},
                "properties": {
                    "id": "site-9",
                    "name": "Nine",
                    "system": "sam-a",
                    "operator": "BLR",
                    "host": "BLR",
                    "precision": "town",
                },
            },
        ],
    }
    result = merge_uploads(
        read_dataset(good_dir),
        [("sites.geojson", json.dumps(collection).encode()), ("status.csv", STATUS)],
    )
    assert result.problems == []
    assert result.dataset.deployments.loc["site-9", "lat"] == 53.0


def test_unknown_file_kind_and_size_limit(good_dir):
    result = merge_uploads(
        read_dataset(good_dir), [("notes.txt", b"x"), ("status.csv", b"x" * (MAX_UPLOAD_BYTES + 1))]
    )
    shown = [str(p) for p in result.problems]
    assert any("upload:notes.txt" in s and "cannot tell what this file holds" in s for s in shown)
    assert any("upload:status.csv" in s and "the limit is 2 MB" in s for s in shown)


def test_uploaded_article_with_excerpt(good_dir):
    article = (
        b"---\ntitle: Mine\npublisher: Me\ndate: 2020\nurl: https://example.org\n"
        b"language: en\n---\nMy report says it is operational.\n"
    )
    citations = b"id,article,excerpt\nc-mine,my-report,it is operational\n"
    status = b"deployment,date,status,citations\nsite-1,2020,withdrawn,c-mine\n"
    result = merge_uploads(
        read_dataset(good_dir),
        [("my-report.md", article), ("citations.csv", citations), ("status.csv", status)],
    )
    assert result.problems == []
    assert result.dataset.articles.loc["my-report", "title"] == "Mine"


GEOJSON_HOLES = [
    # (what, GeoJSON text, expected message) — each raised a traceback before
    (
        "properties a string",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": "x",'
        ' "geometry": {"type": "Point", "coordinates": [27, 53]}}]}',
        "upload:sites.geojson:1: -: feature 1: properties must be an object",
    ),
    (
        "geometry a string",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a"},'
        ' "geometry": "Point"}]}',
        "upload:sites.geojson:1: a: feature 1 is not a Point",
    ),
    (
        "coordinates an object",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        ' "geometry": {"type": "Point", "coordinates": {"a": 1, "b": 2}}}]}',
        "upload:sites.geojson:1: -: feature 1 is not a Point",
    ),
    (
        "coordinates a number",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        ' "geometry": {"type": "Point", "coordinates": 5}}]}',
        "upload:sites.geojson:1: -: feature 1 is not a Point",
    ),
    (
        "nested 100,000 deep (RecursionError)",
        '{"features": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "upload:sites.geojson:1: -: not GeoJSON: nested deeper than 64",
    ),
]


@pytest.mark.parametrize(
    ("what", "text", "expected"), GEOJSON_HOLES, ids=[c[0] for c in GEOJSON_HOLES]
)
def test_odd_geojson_is_a_problem_not_a_traceback(good_dir, what, text, expected):
    result = merge_uploads(read_dataset(good_dir), [("sites.geojson", text.encode())])
    assert result.dataset is None
    assert expected in [str(p) for p in result.problems]
