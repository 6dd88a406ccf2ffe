"""The one write path (adatlas.store) and ``adatlas import``: locked, re-validated, atomic."""

from __future__ import annotations

import io
import multiprocessing
import os
import stat
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from adatlas import load_dataset
from adatlas.change import read_files
from adatlas.cli import main
from adatlas.lock import LOCK_NAME, writing
from adatlas.store import FileStore
from adatlas.validate import validate

ADATLAS = str(Path(sys.executable).parent / "adatlas")
DEPLOYMENT_HEADER = "id,name,system,operator,host,lat,lon,precision\n"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the dataset but the lock file (which a write leaves, empty, by design)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != LOCK_NAME
    }


def record_files(directory: Path, ident: str) -> list[Path]:
    """A new deployment ``ident`` with its first status, as two files a user would import."""
    directory.mkdir(parents=True, exist_ok=True)
    deployments = directory / "deployments.csv"
    deployments.write_text(DEPLOYMENT_HEADER + f"{ident},Site {ident},sam-a,BLR,BLR,53,27,town\n")
    status = directory / "status.csv"
    status.write_text(f"deployment,date,status,citations\n{ident},2015,operational,c-ops\n")
    return [deployments, status]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ADATLAS, *args], capture_output=True, text=True, timeout=120)


def test_import_adds_records_and_the_dataset_stays_valid(good_dir, tmp_path):
    files = record_files(tmp_path / "new", "site-9")
    result = run("import", *map(str, files), "--data", str(good_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"added 1 deployments, 1 status to {good_dir}")
    assert "site-9" in load_dataset(good_dir).deployments.index
    assert run("validate", "--data", str(good_dir)).returncode == 0


def test_import_reports_every_problem_as_path_line_record_and_writes_nothing(good_dir, tmp_path):
    files = record_files(tmp_path / "new", "site-9")
    files[0].write_text(
        DEPLOYMENT_HEADER
        + "site-9,Nine,sam-a,BLR,XYZ,53,27,town\nsite-1,Dup,sam-a,BLR,BLR,53,27,town\n"
    )
    before = snapshot(good_dir)
    result = run("import", *map(str, files), "--data", str(good_dir))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{files[0]}:2: site-9: host 'XYZ' is not an ISO 3166-1 alpha-3 country code",
        f"{files[0]}:3: site-1: duplicate id (first on {good_dir}/geodata/deployments.csv:2)",
    ]
    assert result.stderr == f"2 problem(s); nothing was written to {good_dir}\n"
    assert snapshot(good_dir) == before
    assert not (good_dir / LOCK_NAME).exists()  # a refused import does not even lock


def test_dry_run_says_what_it_would_add_and_writes_nothing(good_dir, tmp_path):
    files = record_files(tmp_path / "new", "site-9")
    before = snapshot(good_dir)
    result = run("import", *map(str, files), "--data", str(good_dir), "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        f"would add 1 deployments, 1 status to {good_dir} (dry run: nothing written)\n"
    )
    assert snapshot(good_dir) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "nope.csv", "--data", "."], "cannot read nope.csv: No such file or directory"),
        (["import", "x.csv", "--data", "/no/such/dir"], "dataset directory /no/such/dir does not"),
        (["import", "--data", "."], "the following arguments are required: FILE"),
        (["import", "x.csv"], "the following arguments are required: --data"),
    ],
)
def test_import_bad_arguments_exit_2(tmp_path, args, message):
    result = subprocess.run(
        [ADATLAS, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_import_takes_geojson_and_articles(good_dir, tmp_path):
    article = tmp_path / "gamma.md"
    article.write_text(
        "---\ntitle: Gamma\npublisher: Wire\ndate: 2015-01-02\nlanguage: en\n---\n"
        "A battery went on duty near Minsk.\n"
    )
    citations = tmp_path / "citations.csv"
    citations.write_text("id,article,excerpt\nc-gamma,gamma,battery went on duty\n")
    sites = tmp_path / "sites.geojson"
    sites.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        '{"type": "Point", "coordinates": [27.5, 53.9]}, "properties": {"id": "site-9", '
        '"name": "Nine", "system": "sam-a", "operator": "BLR", "host": "BLR", '
        '"precision": "town"}}]}'
    )
    status = tmp_path / "status.csv"
    status.write_text("deployment,date,status,citations\nsite-9,2015,operational,c-gamma\n")
    files = [article, citations, sites, status]
    assert main(["import", *map(str, files), "--data", str(good_dir)]) == 0
    dataset = load_dataset(good_dir)
    assert dataset.deployments.loc["site-9", "lat"] == 53.9
    assert (good_dir / "articles" / "gamma.md").read_bytes() == article.read_bytes()


# Concurrency ----------------------------------------------------------------------------------


def _import_at_once(barrier, root: str, files: list[str]) -> tuple[int, str]:
    """One process: wait for the others, then import (the libraries are loaded before)."""
    out = io.StringIO()
    barrier.wait(timeout=120)
    with redirect_stdout(out), redirect_stderr(out):
        code = main(["import", *files, "--data", root])
    return code, out.getvalue()


def _run_at_once(root: Path, file_sets: list[list[Path]]) -> list[tuple[int, str]]:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(len(file_sets)) as pool:
        barrier = manager.Barrier(len(file_sets))
        jobs = [
            pool.apply_async(_import_at_once, (barrier, str(root), list(map(str, files))))
            for files in file_sets
        ]
        return [job.get(timeout=300) for job in jobs]


def test_eight_concurrent_imports_all_land(good_dir, tmp_path):
    ids = [f"site-c{n}" for n in range(8)]
    results = _run_at_once(good_dir, [record_files(tmp_path / i, i) for i in ids])
    assert [code for code, _ in results] == [0] * 8, results
    assert validate(good_dir) == []
    deployments = load_dataset(good_dir).deployments
    assert set(ids) <= set(deployments.index)
    assert len(deployments) == 2 + 8
    assert len(list((good_dir / "backups").iterdir())) == 8


def test_two_concurrent_imports_of_one_id_one_wins_one_is_told(good_dir, tmp_path):
    results = _run_at_once(
        good_dir, [record_files(tmp_path / "a", "site-x"), record_files(tmp_path / "b", "site-x")]
    )
    assert sorted(code for code, _ in results) == [0, 1], results
    loser = next(out for code, out in results if code == 1)
    assert "site-x: duplicate id (first on" in loser
    assert "nothing was written" in loser
    assert validate(good_dir) == []
    assert list(load_dataset(good_dir).deployments.index).count("site-x") == 1


def test_a_write_waits_for_the_lock_and_says_so_when_it_cannot_have_it(good_dir, tmp_path):
    change, _ = read_files([(str(p), p.read_bytes()) for p in record_files(tmp_path, "site-9")])
    before = snapshot(good_dir)
    with writing(good_dir):
        # Held here (another descriptor, as another process would); the store gives up.
        result = FileStore(good_dir, lock_timeout=0.2).apply(change)
    assert [p.message for p in result.problems] == [
        f"another write into {good_dir} held its lock for 0.2 s; nothing was written, try again"
    ]
    assert snapshot(good_dir) == before


# Failures half-way ----------------------------------------------------------------------------


def _failing_replace(monkeypatch, fail_on: str, errno: int = 28):
    """``os.replace`` that fails when it would replace ``fail_on`` (once)."""
    real = os.replace
    state = {"failed": False}

    def replace(source, destination):
        if Path(destination).name == fail_on and not state["failed"]:
            state["failed"] = True
            raise OSError(errno, os.strerror(errno))
        return real(source, destination)

    monkeypatch.setattr("adatlas.fileio.os.replace", replace)


def test_a_write_failing_on_the_second_file_leaves_the_dataset_byte_identical(
    good_dir, tmp_path, monkeypatch
):
    files = record_files(tmp_path / "new", "site-9")
    change, _ = read_files([(str(p), p.read_bytes()) for p in files])
    before = snapshot(good_dir)
    # deployments.csv is written first, status.csv second: the second replace fails.
    _failing_replace(monkeypatch, "status.csv")
    result = FileStore(good_dir).apply(change)
    assert [str(p) for p in result.problems] == [
        f"{good_dir}/geodata/status.csv:0: -: cannot write geodata/status.csv (No space left on "
        "device); nothing was changed (the dataset is as before)"
    ]
    assert snapshot(good_dir) == before  # deployments.csv restored, no backup or temp left


def test_a_failed_restore_names_the_backup(good_dir, tmp_path, monkeypatch):
    change, _ = read_files(
        [(str(p), p.read_bytes()) for p in record_files(tmp_path / "new", "site-9")]
    )
    real = os.replace
    calls = []

    def replace(source, destination):
        calls.append(Path(destination).name)
        if len(calls) > 2:  # the backup note and deployments.csv succeed; then nothing does
            raise OSError(5, "Input/output error")
        return real(source, destination)

    monkeypatch.setattr("adatlas.fileio.os.replace", replace)
    result = FileStore(good_dir).apply(change)
    (problem,) = result.problems
    assert "restoring the files written before it failed too" in problem.message
    assert f"copy the files in {good_dir}/backups/" in problem.message
    backup = Path(result.backup)
    assert (
        (backup / "CHANGE.txt")
        .read_text()
        .endswith("replaced: geodata/deployments.csv\nreplaced: geodata/status.csv\n")
    )


def test_an_unwritable_dataset_is_a_message_not_a_traceback(good_dir, tmp_path, monkeypatch):
    change, _ = read_files(
        [(str(p), p.read_bytes()) for p in record_files(tmp_path / "new", "site-9")]
    )
    _failing_replace(monkeypatch, "deployments.csv", errno=13)
    result = FileStore(good_dir).apply(change)
    assert "cannot write geodata/deployments.csv (Permission denied)" in result.problems[0].message


# Permissions ---------------------------------------------------------------------------------


def test_written_files_keep_their_mode_and_new_ones_follow_the_umask(good_dir, tmp_path):
    status = good_dir / "geodata" / "status.csv"
    status.chmod(0o664)
    article = tmp_path / "gamma.md"
    article.write_text(
        "---\ntitle: Gamma\npublisher: Wire\ndate: 2015\nlanguage: en\n---\nA battery.\n"
    )
    files = [*record_files(tmp_path / "new", "site-9"), article]
    old = os.umask(0o022)
    try:
        assert main(["import", *map(str, files), "--data", str(good_dir)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(status.stat().st_mode) == 0o664
    assert stat.S_IMODE((good_dir / "geodata" / "deployments.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((good_dir / "articles" / "gamma.md").stat().st_mode) == 0o644
