"""Failing examples the fuzzing found, kept as regular tests (each failed before its fix)."""

from __future__ import annotations

import pytest

from adatlas.cli import main
from adatlas.dataset import build_dataset
from adatlas.reader import read_dataset
from adatlas.validate import validate_raw
from tests.conftest import FIXTURES

EVENTS = (
    "id,date,title,kind,countries,lat,lon,actors,notes,citations\n"
    "ev-1,2013-10,Construction begins,other,USA;ROU,44.08,{lon},Someone (role),,c-construction\n"
    "ev-2,2009-09-17,Plan cancelled,announcement,USA,,,,,c-plan\n"
)


@pytest.mark.parametrize("number", ["١٢", "1_0", "２４"])
def test_numbers_python_reads_but_pandas_does_not_are_problems(number):
    """'١٢' (Arabic-Indic digits) passed float() in the validator, then the loader raised."""
    raw = read_dataset(
        FIXTURES / "good", overlay={"geodata/events.csv": EVENTS.format(lon=number).encode()}
    )
    problems = [str(p) for p in validate_raw(raw)]
    assert any(f"lon {number!r} is not a plain decimal number" in p for p in problems), problems


def test_plain_numbers_still_load():
    raw = read_dataset(
        FIXTURES / "good", overlay={"geodata/events.csv": EVENTS.format(lon="-2.5e1").encode()}
    )
    assert validate_raw(raw) == []
    assert build_dataset(raw).events.loc["ev-1", "lon"] == -25.0


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "\x00"],
        ["export", "--date", "2017", "--format", "csv", "--out", "a\x00.csv"],
    ],
)
def test_a_nul_in_a_file_name_is_a_usage_error(argv, tmp_path, monkeypatch, capsys):
    """``adatlas import '\\x00'`` raised ValueError (embedded null byte)."""
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--data", str(FIXTURES / "good")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("adatlas: error: cannot ") and "null byte" in err
