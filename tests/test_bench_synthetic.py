"""The benchmark's synthetic dataset is a valid dataset (make bench stopped on it once)."""

from __future__ import annotations

from adatlas import as_of, load_dataset
from bench.synthetic import write_synthetic_dataset


def test_synthetic_dataset_validates_and_queries(tmp_path):
    root = write_synthetic_dataset(tmp_path / "syn", sites=50)
    frame = as_of(load_dataset(root), "2020-01-01")
    assert len(frame) > 0 and "stale" in frame
