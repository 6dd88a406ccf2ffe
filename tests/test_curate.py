"""Curating a new article into a user's dataset."""

from __future__ import annotations

import multiprocessing
import os
import stat
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from adatlas import as_of, load_dataset
from adatlas.curate import (
    ArticleDraft,
    Draft,
    curation_enabled,
    excerpt_in_body,
    save_to_dataset,
    zip_bytes,
)
from adatlas.dataset import REPOSITORY_ROOT
from adatlas.validate import validate

BODY = "The ministry said a new battery took up combat duty near Hrodna in March 2020.\n"


def draft() -> Draft:
    article = ArticleDraft(
        "gamma", "New battery", "Test Wire", "2020-03-05", "https://example.org/gamma", "en", BODY
    )
    result = Draft(article, {"c-gamma": "a new battery took up combat duty near Hrodna"})
    result.add(
        "deployments",
        {
            "id": "site-3",
            "name": "New battery",
            "system": "sam-a",
            "operator": "BLR",
            "host": "BLR",
            "lat": "53.7",
            "lon": "23.8",
            "precision": "town",
            "location": "Hrodna",
        },
    )
    result.add(
        "status",
        {
            "deployment": "site-3",
            "date": "2020-03",
            "status": "operational",
            "citations": "c-gamma",
        },
    )
    return result


def snapshot(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_excerpt_check():
    assert excerpt_in_body("took up  combat\nduty", BODY)
    assert not excerpt_in_body("went home", BODY)
    assert not excerpt_in_body("  ", BODY)


def test_save_appends_keeps_backup_and_shows_on_the_map(good_dir):
    before = (good_dir / "geodata" / "status.csv").read_bytes()
    saved = save_to_dataset(good_dir, draft())
    assert saved.problems == []
    backup = Path(saved.backup)
    ds = load_dataset(good_dir)
    assert as_of(ds, "2020-06-01").loc["site-3", "status"] == "operational"
    assert ds.articles.loc["gamma", "title"] == "New battery"
    assert (backup / "geodata" / "status.csv").read_bytes() == before
    after = (good_dir / "geodata" / "status.csv").read_bytes()
    assert after.startswith(before)  # appended, existing lines untouched


def test_nothing_written_when_invalid(good_dir):
    bad = draft()
    bad.rows["deployments"][0]["host"] = "XYZ"
    before = snapshot(good_dir)
    saved = save_to_dataset(good_dir, bad)
    assert [str(p) for p in saved.problems] == [
        "draft:deployments.csv:2: site-3: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"
    ]
    assert snapshot(good_dir) == before


def test_excerpt_must_be_in_the_article(good_dir):
    bad = draft()
    bad.citations["c-gamma"] = "words the article never says"
    saved = save_to_dataset(good_dir, bad)
    assert any("excerpt does not appear" in p.message for p in saved.problems)


def test_shipped_dataset_is_never_written():
    before = snapshot(REPOSITORY_ROOT / "geodata")
    saved = save_to_dataset(REPOSITORY_ROOT, draft())
    assert "never modified" in saved.problems[0].message
    assert snapshot(REPOSITORY_ROOT / "geodata") == before


def test_download_zip():
    names = zipfile.ZipFile(BytesIO(zip_bytes(draft()))).namelist()
    assert sorted(names) == [
        "articles/gamma.md",
        "geodata/citations.csv",
        "geodata/deployments.csv",
        "geodata/status.csv",
    ]


def test_update_a_deployment_location(good_dir):
    update = Draft(draft().article, {"c-gamma": "a new battery took up combat duty near Hrodna"})
    update.update_deployment(
        {
            "id": "site-1",
            "lat": "53.65",
            "lon": "23.9",
            "precision": "site",
            "notes": "moved [source: c-gamma]",
        }
    )
    saved = save_to_dataset(good_dir, update)
    assert saved.problems == []
    backup = Path(saved.backup)
    ds = load_dataset(good_dir)
    row = ds.deployments.loc["site-1"]
    assert (row["lat"], row["lon"], row["precision"]) == (53.65, 23.9, "site")
    assert ds.deployments.loc["site-2", "lat"] == 54.48  # others untouched
    assert (backup / "geodata" / "deployments.csv").exists()


def test_update_of_unknown_deployment_is_refused(good_dir):
    update = Draft(draft().article, {"c-gamma": "a new battery took up combat duty near Hrodna"})
    update.update_deployment({"id": "nope", "lat": "1", "lon": "1"})
    saved = save_to_dataset(good_dir, update)
    assert [str(p) for p in saved.problems] == ["draft:0: nope: no such deployment to update"]


def test_curation_needs_both_the_opt_in_and_a_dataset(monkeypatch, tmp_path):
    monkeypatch.setenv("ADATLAS_DATA", str(tmp_path))
    monkeypatch.delenv("ADATLAS_CURATE", raising=False)
    assert not curation_enabled()
    monkeypatch.setenv("ADATLAS_CURATE", "1")
    assert curation_enabled()
    monkeypatch.delenv("ADATLAS_DATA")
    assert not curation_enabled()


def test_update_keeps_other_lines_byte_for_byte(good_dir):
    path = good_dir / "geodata" / "deployments.csv"
    path.write_bytes(path.read_bytes().replace(b"Site Two", b'"Site Two"'))
    before = path.read_bytes().splitlines(keepends=True)
    update = Draft(draft().article, {"c-gamma": "a new battery took up combat duty near Hrodna"})
    update.update_deployment({"id": "site-1", "lat": "53.65", "lon": "23.9", "precision": "site"})
    assert save_to_dataset(good_dir, update).problems == []
    after = path.read_bytes().splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [1]  # only site-1's line; the quotes around "Site Two" stay


# Regressions: saves that could lose work (each failed before the write path of adatlas.store).


def _numbered_draft(n: int) -> Draft:
    """``draft()`` with its own article, citation and deployment ids (``-n``)."""
    article = replace(draft().article, id=f"gamma-{n}")
    result = Draft(article, {f"c-gamma-{n}": "a new battery took up combat duty near Hrodna"})
    for table, rows in draft().rows.items():
        for row in rows:
            row = dict(row)
            for key in ("id", "deployment"):
                if key in row:
                    row[key] = f"site-n{n}"
            if "citations" in row:
                row["citations"] = f"c-gamma-{n}"
            result.add(table, row)
    return result


def _save_at_once(barrier, root: str, n: int) -> str:
    barrier.wait(timeout=120)
    try:
        saved = save_to_dataset(root, _numbered_draft(n))
    except Exception as exc:  # the old code raised; report it as the outcome
        return f"raised {exc!r}"
    return "; ".join(str(p) for p in getattr(saved, "problems", []))


def test_concurrent_saves_all_land(good_dir):
    """Two sessions saving at once both land (before: one save was lost, both told "Saved")."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(8) as pool:
        barrier = manager.Barrier(8)
        jobs = [pool.apply_async(_save_at_once, (barrier, str(good_dir), n)) for n in range(8)]
        outcomes = [job.get(timeout=300) for job in jobs]
    assert outcomes == [""] * 8
    assert validate(good_dir) == []
    deployments = load_dataset(good_dir).deployments.index
    assert {f"site-n{n}" for n in range(8)} <= set(deployments)


def test_a_save_failing_half_way_leaves_the_dataset_as_it_was(good_dir, monkeypatch):
    """A full disk on the status file: before, the article and other files stayed written and
    the OSError reached the page as a traceback."""
    before = {p: p.read_bytes() for p in good_dir.rglob("*") if p.is_file()}
    real = os.replace

    def replace_fails_on_status(source, destination):
        if Path(destination).name == "status.csv":
            raise OSError(28, "No space left on device")
        return real(source, destination)

    monkeypatch.setattr(os, "replace", replace_fails_on_status)
    saved = save_to_dataset(good_dir, draft())  # returns its problems; must not raise
    assert "No space left on device" in saved.problems[0].message
    after = {p: p.read_bytes() for p in good_dir.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.name != ".adatlas.lock"} == before


def test_saved_files_are_not_private(good_dir):
    """Before, every file a save wrote became 0600 (mkstemp), unreadable to a team's group."""
    (good_dir / "geodata" / "status.csv").chmod(0o664)
    old = os.umask(0o022)
    try:
        save_to_dataset(good_dir, draft())
    finally:
        os.umask(old)
    assert stat.S_IMODE((good_dir / "geodata" / "status.csv").stat().st_mode) == 0o664
    assert stat.S_IMODE((good_dir / "articles" / "gamma.md").stat().st_mode) == 0o644
