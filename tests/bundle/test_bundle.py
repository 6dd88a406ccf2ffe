"""`make bundle`, unpacked and run with no network: `unshare -n`, loopback only.

About three minutes on two cores, most of it the offline install of every wheel.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tomllib

import pytest

from tests.bundle.conftest import BASE_PYTHON, REPORT
from tests.e2e.conftest import ARTIFACTS, REPO, _chromium

pytestmark = [pytest.mark.bundle, pytest.mark.timeout(1500)]

# A few quick tests, one in Chromium, run by the bundle's own `make test` (ruff first).
OFFLINE_TESTS = ("tests/test_dates.py", "tests/e2e/test_html_snapshot.py")
OFFLINE_PYTEST_ARGS = "-m 'not bundle' -p no:cacheprovider " + " ".join(OFFLINE_TESTS)


def _normalized(requirement: str) -> str:
    return re.sub(r"[-_.]+", "_", re.match(r"[A-Za-z0-9_.-]+", requirement)[0]).lower()


def test_the_bundle_holds_the_project_every_wheel_and_their_checksums(bundle_tarball):
    with tarfile.open(bundle_tarball) as tar:
        names = tar.getnames()
        top = bundle_tarball.name.removesuffix(".tar.gz")
        assert all(name == top or name.startswith(f"{top}/") for name in names)
        files = {m.name.removeprefix(f"{top}/") for m in tar.getmembers() if m.isfile()}
        sums = tar.extractfile(f"{top}/SHA256SUMS").read().decode()
        info = json.loads(tar.extractfile(f"{top}/bundle.json").read())
    listed = {line.split("  ", 1)[1] for line in sums.splitlines()}
    assert listed == files - {"SHA256SUMS"}
    for expected in ("README.md", "INSTALL.md", "Makefile", "server.py", "geodata/status.csv"):
        assert expected in files
    assert any(name.startswith("articles/") and name.endswith(".md") for name in files)
    assert not any(name.startswith((".ci/", ".venv/", "static/")) for name in files)
    assert info["extras"] == ["test"]
    assert info["python_tag"] == f"cp{sys.version_info.major}{sys.version_info.minor}"

    wheels = [n.removeprefix("wheelhouse/") for n in files if n.startswith("wheelhouse/")]
    assert wheels and all(name.endswith(".whl") for name in wheels)
    have = {_normalized(name.split("-")[0]) for name in wheels}
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    wanted += ["pip", "setuptools", "wheel"]
    assert {_normalized(r) for r in wanted} <= have


def test_installed_with_no_network_it_serves_and_draws_the_map(unpacked):
    if _chromium() is None:
        pytest.skip("Chromium not found (apt-get install chromium)")
    root = unpacked
    ARTIFACTS.mkdir(exist_ok=True)
    command = [
        "unshare", "-n", sys.executable, "-m", "tests.bundle.in_netns", "--bundle", str(root),
        "--python", BASE_PYTHON, "--artifacts", str(ARTIFACTS),
        "--make-test", OFFLINE_PYTEST_ARGS,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=1400)
    assert result.returncode == 0, result.stderr[-4000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    (ARTIFACTS / "bundle-netns.json").write_text(json.dumps(seen, indent=2))

    assert seen["interfaces"] == ["lo"], "the namespace must have loopback only"
    assert seen["outside"] == "ENETUNREACH"
    assert seen["health"], seen["make_run_log"]
    assert "installing from wheelhouse/" in seen["make_run_log"]
    drawn = seen["map"]
    assert drawn["deployments"] > 0 and drawn["countries"] > 50
    assert drawn["external"] == [], "requests left localhost"
    assert drawn["leaflet_from"] and all(
        url.startswith("http://localhost:8501/") for url in drawn["leaflet_from"]
    )
    assert seen["make_test_rc"] == 0, seen["make_test_output"]
    assert re.search(r"\b\d+ passed\b", seen["make_test_output"])
    assert "skipped" not in seen["make_test_output"], seen["make_test_output"]

    REPORT.append(
        f"offline bundle, with no network: install and start {seen['install_and_start_s']} s, "
        f"`make test` of {len(OFFLINE_TESTS)} test files {seen['make_test_s']} s"
    )


def test_a_missing_wheel_stops_with_a_clear_message_before_installing(unpacked):
    root = unpacked
    (wheel,) = (root / "wheelhouse").glob("streamlit-*.whl")
    wheel.unlink()
    result = subprocess.run(
        ["unshare", "-n", "make", "run", f"PYTHON={BASE_PYTHON}"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"missing:   wheelhouse/{wheel.name}" in output
    assert "Nothing was installed" in output
    assert "Traceback" not in output and "ERROR:" not in output  # nothing from pip
    assert not (root / ".venv").exists()
