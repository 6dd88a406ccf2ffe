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


def unpack(tarball: Path, into: Path) -> Path:
    """As the README says: `tar xzf`; returns the one directory it made."""
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "xzf", str(tarball)], cwd=into, check=True)
    (root,) = into.iterdir()
    return root


@pytest.fixture(scope="session")
def bundle_tarball(tmp_path_factory) -> Path:
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
    return tarball
