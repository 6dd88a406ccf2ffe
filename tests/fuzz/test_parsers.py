"""Property-based fuzzing of every parser a user reaches. Each property: the function returns
problems (or a clean error) and never raises, and nothing on disk changes.

Budget: tests/fuzz/conftest.py (300 examples each in ``make test``; ``make fuzz`` for long runs).
"""

from __future__ import annotations

import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from adatlas import as_of
from adatlas.change import read_files
from adatlas.cli import main
from adatlas.dataset import build_dataset, load_dataset
from adatlas.lock import LOCK_NAME
from adatlas.reader import read_dataset
from adatlas.schema import TABLES
from adatlas.serialize import deployments_csv
from adatlas.store import FileStore
from adatlas.upload import merge_uploads
from adatlas.validate import validate, validate_raw
from adatlas.view import view_from_query_params
from tests.conftest import FIXTURES
from tests.fuzz.strategies import (
    TEXT,
    any_bytes,
    article_file,
    csv_table,
    geojson,
    new_deployment,
)
from tests.fuzz.test_found import EVENTS

pytestmark = pytest.mark.fuzz


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != LOCK_NAME
    }


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "dataset"
    shutil.copytree(FIXTURES / "good", root)
    before = snapshot(root)
    yield root
    assert snapshot(root) == before  # no property wrote into the dataset


@pytest.fixture(scope="module")
def base(dataset_dir):
    return read_dataset(dataset_dir)


@pytest.fixture(scope="module")
def dataset(dataset_dir):
    return load_dataset(dataset_dir)


def _use(raw) -> None:
    """What every page does with a dataset that validates: type it, query it, export it."""
    problems = validate_raw(raw)
    event("valid" if not problems else "problems")
    if not problems:
        data = build_dataset(raw)
        deployments_csv(as_of(data, "2017-01-01"))


TABLE_FILES = st.sampled_from(sorted(TABLES)).flatmap(
    lambda name: st.tuples(st.just(name), csv_table(name))
)


@given(TABLE_FILES)
@example(("events", EVENTS.format(lon="\u0661\u0662").encode()))  # found: test_found.py
def test_dataset_tables(dataset_dir, table_and_data):
    name, data = table_and_data
    _use(read_dataset(dataset_dir, overlay={TABLES[name].file: data}))


@given(st.one_of(article_file(), any_bytes()))
def test_article_files(dataset_dir, data):
    _use(read_dataset(dataset_dir, overlay={"articles/alpha.md": data}))


UPLOADS = st.one_of(
    new_deployment(),
    st.lists(
        st.one_of(
            TABLE_FILES.map(lambda t: (f"{t[0]}.csv", t[1])),
            geojson().map(lambda d: ("sites.geojson", d)),
            article_file().map(lambda d: ("gamma.md", d)),
            st.tuples(st.sampled_from(["x.csv", "../a.md", "a b.md", ".md", "x"]), any_bytes()),
        ),
        min_size=1,
        max_size=3,
    ),
)


@given(UPLOADS)
@example([("sites.geojson", b'{"features": [{"properties": "x", "geometry": {}}]}')])
@example([("sites.geojson", b'{"features": [{"properties": {}, "geometry": "Point"}]}')])
def test_uploads(base, files):
    result = merge_uploads(base, files)
    event("valid" if result.dataset is not None else "problems")
    if result.dataset is not None:
        deployments_csv(as_of(result.dataset, "2017-01-01"))


PARAM_NAMES = st.sampled_from(
    [
        "date",
        "system",
        "operator",
        "host",
        "status",
        "confidence",
        "stale",
        "stale_months",
        "layers",
        "lat",
        "lon",
        "zoom",
        "alt",
        "citation",
        "article",
        "x",
    ]
)
PARAM_VALUES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "2017-01-01",
            "sam-a,abm-b",
            "BLR",
            "operational",
            "hide",
            "rings",
            "none",
            "53.5",
            "-180",
            "5",
            "300",
            "1e400",
        ]
    ),
)


@given(st.dictionaries(PARAM_NAMES, PARAM_VALUES, max_size=6))
def test_url_parameters(dataset, params):
    view, warnings = view_from_query_params(params, dataset)
    assert all(isinstance(w, str) for w in warnings)
    # What the page writes back into the URL reads as the same view, with no warning.
    again, warnings = view_from_query_params(view.to_query_params(), dataset)
    assert (again, warnings) == (view, [])


ARGUMENT = st.one_of(
    st.sampled_from(
        [
            "--date",
            "2017",
            "2017-02-29",
            "--system",
            "sam-a",
            "--operator",
            "BLR",
            "--host",
            "--status",
            "operational",
            "--confidence",
            "high",
            "--stale-months",
            "24",
            "0",
            "--hide-stale",
            "--rings",
            "--format",
            "csv",
            "geojson",
            "kml",
            "--group",
            "NATO",
            "--standing",
            "frozen",
            "--bbox",
            "20,50,30,60",
            "--width",
            "--dpi",
            "--layers",
            "--altitude",
            "300",
            "--title",
            "--force",
            "--dry-run",
            "--data",
            "-",
            "--",
        ]
    ),
    TEXT,
)
COMMAND = st.sampled_from(["validate", "query", "members", "snapshot", "export", "import", "x"])


@pytest.fixture(scope="module")
def empty_cwd(tmp_path_factory):
    """Run the CLI from an empty directory, so a relative argument names nothing of ours."""
    directory = tmp_path_factory.mktemp("cwd")
    previous = os.getcwd()
    os.chdir(directory)
    yield directory
    os.chdir(previous)
    assert list(directory.iterdir()) == []


@given(COMMAND, st.lists(ARGUMENT, max_size=8))
@example("import", ["\x00"])  # found: test_found.py
def test_cli_arguments(dataset_dir, empty_cwd, tmp_path_factory, command, arguments):
    # Outputs go to a directory that does not exist, so no example can write a file; snapshot
    # and export still parse every other argument first.
    missing = tmp_path_factory.getbasetemp() / "no-such-dir"
    argv = [command, *arguments]
    if command in ("snapshot", "export"):
        argv += ["--out", str(missing / "out.png")]
    if "--data" not in arguments:
        argv += ["--data", str(dataset_dir)]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # only argparse's --help/--version may exit
            code = exc.code
    assert code in (0, 1, 2), (code, err.getvalue())
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert not missing.exists()


@given(UPLOADS)
def test_store_writes_only_a_valid_dataset(tmp_path_factory, files):
    """Through the write path: refused and unchanged, or written and still valid."""
    root = tmp_path_factory.mktemp("store") / "dataset"
    shutil.copytree(FIXTURES / "good", root)
    before = snapshot(root)
    change, problems = read_files(files)
    result = FileStore(root).apply(change) if not problems else None
    event("written" if result is not None and result.ok else "refused")
    if result is None or result.problems:
        assert snapshot(root) == before
    else:
        assert validate(root) == []
