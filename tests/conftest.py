"""Shared fixtures: a small valid dataset copied to a temporary directory per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "good", target)
    return target


@pytest.fixture
def edit(good_dir: Path) -> Callable[[str, str, str], Path]:
    """Replace ``old`` by ``new`` in one file of the copied dataset (asserting it was there)."""

    def _edit(relative: str, old: str, new: str) -> Path:
        path = good_dir / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return good_dir

    return _edit


@pytest.fixture(scope="session")
def curated_2017():
    """The shipped dataset and its deployments as of 2017-01-01 (read once per run)."""
    from adatlas import as_of, load_dataset

    ds = load_dataset()
    return ds, as_of(ds, "2017-01-01")
