"""The offline bundle's checks and Makefile on a tiny fake bundle: no network, no real wheels.

The real bundle, built and installed with no network, is tested in tests/bundle (marked
``bundle``).
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
offline_install = importlib.import_module("offline_install")
bundle = importlib.import_module("bundle")

WHEEL = "demo-1.0-py3-none-any.whl"


def write_sums(root: Path) -> None:
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    )
    lines = [f"{offline_install.sha256_file(root / name)}  {name}\n" for name in files]
    (root / "SHA256SUMS").write_text("".join(lines))


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """The Makefile, the installer and a wheelhouse with one made-up wheel, for this Python."""
    root = tmp_path / "adatlas-offline-0.1.0"
    (root / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "scripts/offline_install.py"):
        shutil.copy(REPO / name, root / name)
    (root / "geodata").mkdir()
    (root / "geodata" / "status.csv").write_text("deployment_id,date,status\n")
    (root / "wheelhouse").mkdir()
    (root / "wheelhouse" / WHEEL).write_bytes(b"PK not really a wheel")
    info = {
        "version": "0.1.0",
        "python_tag": offline_install.python_tag(),
        "python_version": f"{sys.version_info.major}.{sys.version_info.minor}",
        "platform": offline_install.platform_tag(),
        "glibc": None,
        "extras": [],
    }
    (root / "bundle.json").write_text(json.dumps(info))
    write_sums(root)
    return root


def make(root: Path, *goals: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", *goals, f"PYTHON={sys.executable}"],
        cwd=root, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def check(root: Path, *args: str) -> int:
    return offline_install.main(["--root", str(root), "--check-only", *args])


def test_an_intact_bundle_passes(fake_bundle, capsys):
    assert check(fake_bundle) == 0
    assert capsys.readouterr().err == ""


def test_a_missing_wheel_stops_make_run_with_the_wheel_named(fake_bundle):
    (fake_bundle / "wheelhouse" / WHEEL).unlink()
    result = make(fake_bundle, "run")
    assert result.returncode != 0
    assert f"missing:   wheelhouse/{WHEEL}" in result.stderr
    assert "Nothing was installed" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (fake_bundle / ".venv").exists()


def test_damaged_and_unexpected_files_are_all_listed(fake_bundle, capsys):
    (fake_bundle / "geodata" / "status.csv").write_text("deployment_id,date,status\nx\n")
    (fake_bundle / "wheelhouse" / "evil-9.9-py3-none-any.whl").write_bytes(b"PK")
    assert check(fake_bundle) == 1
    err = capsys.readouterr().err
    assert "damaged:   geodata/status.csv" in err
    assert "not in the bundle: wheelhouse/evil-9.9-py3-none-any.whl" in err
    assert "0 missing, 1 damaged, 1 unexpected" in err


def test_files_written_by_running_the_bundle_are_not_problems(fake_bundle):
    for name in (".venv/bin/python", "static/vendor/leaflet/leaflet.js", "test-artifacts/a.png"):
        (fake_bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (fake_bundle / name).write_text("")
    assert check(fake_bundle) == 0


def test_make_test_without_test_extras_says_how_to_build_them(fake_bundle):
    result = make(fake_bundle, "test")
    assert result.returncode != 0
    assert "built without the 'test' extras" in result.stderr
    assert "make bundle EXTRAS=test" in result.stderr
    assert not (fake_bundle / ".venv").exists()


def test_another_python_is_named(fake_bundle, capsys):
    info = json.loads((fake_bundle / "bundle.json").read_text())
    info.update(python_tag="cp39", python_version="3.9")
    (fake_bundle / "bundle.json").write_text(json.dumps(info))
    assert check(fake_bundle) == 1
    assert "This bundle is for Python 3.9 (cp39)" in capsys.readouterr().err


def test_an_older_glibc_is_named(fake_bundle, capsys, monkeypatch):
    info = json.loads((fake_bundle / "bundle.json").read_text())
    info["glibc"] = "2.28"
    (fake_bundle / "bundle.json").write_text(json.dumps(info))
    monkeypatch.setattr(offline_install, "glibc_version", lambda: (2, 17))
    assert check(fake_bundle) == 1
    assert "need glibc 2.28 or newer (this system: 2.17)" in capsys.readouterr().err


def test_a_garbled_checksum_file_is_reported_with_its_line(fake_bundle, capsys):
    with (fake_bundle / "SHA256SUMS").open("a") as sums:
        sums.write("not a checksum\n")
    assert check(fake_bundle) == 1
    assert "SHA256SUMS:" in capsys.readouterr().err


def test_make_bundle_inside_a_bundle_refuses(fake_bundle):
    result = make(fake_bundle, "bundle")
    assert result.returncode != 0
    assert "offline bundle already" in result.stderr


def test_pip_ignores_configuration_and_pip_variables(monkeypatch):
    monkeypatch.setenv("PIP_FIND_LINKS", "/somewhere/else")
    monkeypatch.setenv("PIP_CONSTRAINT", "/etc/constraints.txt")
    env = offline_install.pip_environment()
    assert not any(key.startswith("PIP_") and key != "PIP_CONFIG_FILE" for key in env)
    assert env["PIP_CONFIG_FILE"] == "/dev/null"


@pytest.mark.parametrize(
    ("wheels", "needed"),
    [
        (["a-1-py3-none-any.whl"], None),
        (["numpy-2-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl"], (2, 27)),
        (["m-3-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"], (2, 17)),
        (
            [
                "m-3-cp311-cp311-manylinux2014_x86_64.whl",
                "p-26-cp311-cp311-manylinux_2_28_x86_64.whl",
                "x-1-py3-none-any.whl",
            ],
            (2, 28),
        ),
        (["built_here-1-cp311-cp311-linux_x86_64.whl"], (2, 36)),
        (["mac-1-cp311-cp311-macosx_11_0_arm64.whl"], None),
    ],
)
def test_the_glibc_the_wheels_need(wheels, needed):
    assert bundle.glibc_needed(wheels, builder=(2, 36)) == needed


def test_the_project_files_are_the_repository_without_ci_or_build_debris():
    files = bundle.project_files(REPO)
    for expected in ("Makefile", "README.md", "server.py", "geodata/status.csv"):
        assert expected in files
    assert {"scripts/offline_install.py", "tests/conftest.py"} <= set(files)
    assert not [f for f in files if f.startswith((".ci/", ".venv/", "static/", "dist/"))]
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]


def test_unknown_extras_are_refused():
    pyproject = {
        "project": {"dependencies": ["a"], "optional-dependencies": {"test": ["b"]}},
        "build-system": {"requires": ["setuptools"]},
    }
    with pytest.raises(SystemExit, match="unknown extras docs"):
        bundle.requirements(pyproject, ["docs"])
    wanted = bundle.requirements(pyproject, ["test"])
    assert wanted[:3] == ["a", "b", "setuptools"] and wanted[3].startswith("pip==")
