"""One offline bundle per test session: built with ``make bundle EXTRAS=test``, then unpacked.

Building downloads every wheel (through pip's cache) and needs the package index; the tests
then install it with no network at all. Deselect them with ``pytest -m "not bundle"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, REPO

IN_CI = os.environ.get("CI", "").lower() == "true"
# The interpreter the bundle is built for, outside this test run's virtual environment.
BASE_PYTHON = getattr(sys, "_base_executable", None) or sys.executable


# Printed at the end of the run (pytest captures output while tests run).
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for line in REPORT:
        terminalreporter.write_line(line)


def skip_or_fail(message: str) -> None:
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def netns_works() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.fixture
def unpacked(bundle_tarball, tmp_path) -> Iterator[Path]:
    """The bundle unpacked as the README says (`tar xzf`); removed afterwards (≈ 1.2 GB once
    installed; the logs and screenshot are in test-artifacts/)."""
    subprocess.run(["tar", "xzf", str(bundle_tarball)], cwd=tmp_path, check=True)
    root = tmp_path / bundle_tarball.name.removesuffix(".tar.gz")
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def bundle_tarball(tmp_path_factory) -> Iterator[Path]:
    if (REPO / "wheelhouse").is_dir():
        pytest.skip("this is an offline bundle: bundles are built where the index is reachable")
    if shutil.which("ip") is None or not netns_works():
        skip_or_fail("the bundle tests need `unshare -n` (root or user namespaces) and `ip`")
    dist = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    result = subprocess.run(
        ["make", "bundle", "EXTRAS=test", f"DIST={dist}"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    (tarball,) = dist.glob("adatlas-offline-*.tar.gz")
    line = (
        f"offline bundle {tarball.name}: {tarball.stat().st_size / 1e6:.1f} MB, "
        f"built in {seconds:.0f} s"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bundle.txt").write_text(line + "\n" + result.stdout)
    REPORT.append(line)
    yield tarball
    shutil.rmtree(dist, ignore_errors=True)
