"""Runs the bad-input corpus (tests/bad_inputs.py): one test per case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adatlas import load_dataset
from adatlas.reader import read_dataset
from adatlas.upload import merge_uploads
from adatlas.validate import validate
from adatlas.view import view_from_query_params
from tests.bad_inputs import (
    CLI_CASES,
    DATA_FILE_CASES,
    FILE_CASES,
    IMPORT_CASES,
    UPLOAD_CASES,
    URL_CASES,
)

ADATLAS = str(Path(sys.executable).parent / "adatlas")


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), DATA_FILE_CASES, ids=[c[3][:60] for c in DATA_FILE_CASES]
)
def test_data_file_mistake(edit, file, old, new, expected):
    root = edit(file, old, new)
    before = snapshot(root)
    found = [str(p) for p in validate(root)]
    assert any(expected in m for m in found), "\n".join(found)
    assert snapshot(root) == before


@pytest.mark.parametrize(("name", "damage", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_whole_file_mistake(good_dir, name, damage, expected):
    damage(good_dir)
    before = snapshot(good_dir)
    found = [str(p) for p in validate(good_dir)]
    assert any(expected in m for m in found), "\n".join(found)
    assert snapshot(good_dir) == before


@pytest.mark.parametrize(("files", "expected"), UPLOAD_CASES, ids=[c[1][:50] for c in UPLOAD_CASES])
def test_upload_mistake(good_dir, files, expected):
    before = snapshot(good_dir)
    result = merge_uploads(read_dataset(good_dir), files)
    assert result.dataset is None
    found = [str(p) for p in result.problems]
    assert any(expected in m for m in found), "\n".join(found)
    assert snapshot(good_dir) == before


@pytest.mark.parametrize(
    ("args", "expected"), CLI_CASES, ids=[" ".join(c[0])[:50] for c in CLI_CASES]
)
def test_cli_mistake(good_dir, tmp_path, args, expected):
    before = snapshot(good_dir)
    result = subprocess.run(
        [ADATLAS, *args, *([] if "--data" in args else ["--data", str(good_dir)])],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]  # nothing written next to it
    assert snapshot(good_dir) == before


@pytest.mark.parametrize(("files", "expected"), IMPORT_CASES, ids=[c[1][:50] for c in IMPORT_CASES])
def test_import_mistake(good_dir, tmp_path, files, expected):
    before = snapshot(good_dir)
    (tmp_path / "new").mkdir()
    for name, data in files.items():
        (tmp_path / "new" / name).write_bytes(data)
    result = subprocess.run(
        [ADATLAS, "import", *files, "--data", str(good_dir)],
        capture_output=True,
        text=True,
        cwd=tmp_path / "new",
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout
    assert result.stderr.endswith(f"problem(s); nothing was written to {good_dir}\n")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(good_dir) == before


@pytest.mark.parametrize(("params", "expected"), URL_CASES, ids=[str(c[0])[:50] for c in URL_CASES])
def test_url_parameter_mistake(good_dir, params, expected):
    _, warnings = view_from_query_params(params, load_dataset(good_dir))
    assert any(expected in w for w in warnings), warnings
    assert len(warnings) == 1


def test_corpus_size():
    total = sum(
        map(len, (DATA_FILE_CASES, FILE_CASES, UPLOAD_CASES, IMPORT_CASES, CLI_CASES, URL_CASES))
    )
    assert total >= 95  # README.md, "Security and robustness", says 95+
