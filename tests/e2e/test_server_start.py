"""`server.py` loads the data as the server starts, before any browser connects."""

from __future__ import annotations

import shutil
import time

import pytest

from adatlas.borders import load_borders
from adatlas.webmap.build import install_border_files
from tests.conftest import FIXTURES
from tests.e2e.conftest import REPO, start_server, stop_server, wait_idle

pytestmark = pytest.mark.e2e

STATIC = REPO / "static"


def test_the_data_is_loaded_before_the_first_visit(tmp_path):
    root = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "good", root)
    # Borders of their own give this dataset a display-borders file no earlier run wrote.
    shipped = load_borders()
    shipped[shipped["iso3"].isin(["LTU", "LVA", "EST"])].to_file(
        root / "geodata" / "borders.geojson", driver="GeoJSON"
    )
    files = install_border_files(tmp_path / "static", load_borders(root))
    written = [STATIC / url.removeprefix("/app/static/") for url in (files.coarse, files.detailed)]
    for path in written:
        path.unlink(missing_ok=True)
    server = start_server(root, name="warm-up")
    try:
        deadline = time.monotonic() + 60
        while not all(p.exists() for p in written) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(p.exists() for p in written), "the warm-up did not load the dataset"
        assert "missing ScriptRunContext" not in server.log.read_text()
    finally:
        stop_server(server)
        for path in written:
            path.unlink(missing_ok=True)


def test_an_invalid_dataset_still_starts_and_lists_its_problems(tmp_path, page):
    root = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "good", root)
    deployments = root / "geodata" / "deployments.csv"
    deployments.write_text(deployments.read_text().replace("site-1,", "site 1,", 1))
    server = start_server(root, name="warm-up-invalid")
    try:
        page.goto(server.url)
        wait_idle(page)
        alert = page.get_by_text("The dataset has problems")
        alert.wait_for(timeout=60_000)
        assert "deployments.csv" in page.locator("[data-testid=stCode]").inner_text()
    finally:
        stop_server(server)
