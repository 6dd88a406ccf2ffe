"""The team store on a real PostgreSQL/PostGIS: round trip, parity with files, review, history,
recorded-at, roles and concurrent curators."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from adatlas import as_of, load_dataset
from adatlas.change import Change
from adatlas.db import admin, review
from adatlas.db.store import DatabaseStore
from adatlas.reader import Row
from adatlas.serialize import deployments_csv, deployments_feature_collection
from adatlas.store import open_store
from adatlas.validate import validate

from .conftest import REPO, TeamStore

ADATLAS = [sys.executable, "-m", "adatlas"]


def _rows(path: Path) -> set[tuple]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {tuple(sorted(r.items())) for r in csv.DictReader(handle)}


def _deployment(dep_id: str, lat: str = "53.90") -> str:
    return (
        "id,name,system,operator,host,lat,lon,precision,units,notes,location\n"
        f"{dep_id},New site {dep_id},sam-a,BLR,BLR,{lat},27.56,town,,,Minsk\n"
    )


def _status(dep_id: str) -> str:
    return f"deployment,date,status,citations\n{dep_id},2016,operational,c-ops\n"


def _change(dep_id: str) -> Change:
    values = next(csv.DictReader(_deployment(dep_id).splitlines()))
    status = next(csv.DictReader(_status(dep_id).splitlines()))
    return Change(
        rows={
            "deployments": [Row(2, values, "deployments.csv")],
            "status": [Row(2, status, "status.csv")],
        }
    )


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ADATLAS, *args], capture_output=True, text=True, timeout=120)


# -- moving data in and out -----------------------------------------------------------------


def test_dump_of_a_load_gives_the_same_rows_and_validates(shipped_store: TeamStore, tmp_path):
    out = tmp_path / "dump"
    result = _run("db", "dump", str(out), "--db", shipped_store.url("web"))
    assert result.returncode == 0, result.stderr
    assert validate(out) == []
    for table in ("systems", "deployments", "status", "confirmed", "memberships", "events",
                  "citations"):  # fmt: skip
        assert _rows(out / "geodata" / f"{table}.csv") == _rows(REPO / "geodata" / f"{table}.csv")
    shipped = sorted((REPO / "articles").glob("*.md"))
    assert [p.name for p in sorted((out / "articles").glob("*.md"))] == [p.name for p in shipped]
    assert all((out / "articles" / p.name).read_bytes() == p.read_bytes() for p in shipped)


def test_load_refuses_an_invalid_dataset_and_a_second_load(pg_cluster, good_dir, edit):
    from .conftest import new_store

    store = new_store(pg_cluster, source=None)
    edit("geodata/deployments.csv", "53.68", "93.68")  # latitude out of range
    with pytest.raises(admin.LoadRefused):
        admin.load(good_dir, store.admin)
    edit("geodata/deployments.csv", "93.68", "53.68")
    admin.load(good_dir, store.admin)
    result = _run("db", "load", str(good_dir), "--db", store.admin)
    assert result.returncode == 1
    assert "holds a dataset already" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("day", ["1999-01-01", "2014-06-01", "2020-03-15", "2025-06-01"])
def test_queries_and_exports_are_the_same_from_files_and_database(shipped_store, day):
    files, database = load_dataset(REPO), load_dataset(shipped_store.url("web"))
    a, b = as_of(files, day), as_of(database, day)
    assert deployments_csv(a) == deployments_csv(b)
    assert deployments_feature_collection(files, a, rings=True) == (
        deployments_feature_collection(database, b, rings=True)
    )


@pytest.mark.filterwarnings("ignore:pandas only supports SQLAlchemy")
def test_postgis_geometry_matches_the_coordinates(shipped_store):
    import geopandas as gpd

    with psycopg.connect(shipped_store.url("web")) as conn:
        frame = gpd.read_postgis(
            "SELECT id, lat, lon, geom FROM adatlas.deployments WHERE state = 'approved'",
            conn,
            geom_col="geom",
        )
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == len(load_dataset(REPO).deployments)
    for _, row in frame.iterrows():
        assert row.geom.x == pytest.approx(float(row.lon))
        assert row.geom.y == pytest.approx(float(row.lat))


def test_cli_query_snapshot_and_export_take_a_database(shipped_store, tmp_path):
    url = shipped_store.url("web")
    out = tmp_path / "x.csv"
    result = _run("export", "--data", url, "--date", "2020-01-01", "--format", "csv",
                  "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "web-pw" not in result.stdout + result.stderr  # the password is never shown
    files = tmp_path / "y.csv"
    assert _run("export", "--date", "2020-01-01", "--format", "csv", "--out", str(files),
                "--data", str(REPO)).returncode == 0  # fmt: skip
    assert out.read_bytes() == files.read_bytes()


# -- review ---------------------------------------------------------------------------------


def test_a_proposal_is_hidden_until_another_user_approves_it(team_store: TeamStore):
    alice = DatabaseStore(team_store.url("alice"))
    result = alice.apply(_change("site-new"))
    assert result.ok, result.problems
    web = team_store.url("web")
    assert "site-new" not in load_dataset(web).deployments.index
    drafts = load_dataset(web, include_proposed=True).deployments
    assert drafts.loc["site-new", "review"] == "proposed"

    [proposal] = review.pending(DatabaseStore(web))
    assert proposal.proposed_by == "alice" and proposal.rows == {"deployments": 1, "status": 1}
    not_reviewer = review.decide(alice, proposal.id, "approved")
    assert not_reviewer and "permission denied" in not_reviewer[0].message
    reader = review.decide(DatabaseStore(web), proposal.id, "approved")
    assert reader and "permission denied" in reader[0].message
    assert "site-new" not in load_dataset(web).deployments.index

    assert review.decide(DatabaseStore(team_store.url("bob")), proposal.id, "approved") == []
    assert "site-new" in load_dataset(web).deployments.index
    assert review.pending(DatabaseStore(web)) == []


def test_proposed_records_are_marked_on_the_map_table_legend_and_snapshot(team_store):
    from adatlas.legend import legend_sections
    from adatlas.snapshot.briefing import briefing
    from adatlas.tables import deployment_table
    from adatlas.view import View
    from adatlas.webmap.deployments import FIELDS, deployment_payload

    assert DatabaseStore(team_store.url("alice")).apply(_change("site-new")).ok
    web = team_store.url("web")
    day = dt.date(2021, 1, 1)
    approved = as_of(load_dataset(web), day)
    assert not approved["proposed"].any() and "review" not in approved
    dataset = load_dataset(web, include_proposed=True)
    frame = as_of(dataset, day)
    assert frame["proposed"].to_dict() == {i: i == "site-new" for i in frame.index}
    assert "review" not in frame  # the raw marker became the column above

    rows = {r[0]: r for r in deployment_payload(dataset, frame)["rows"]}
    assert FIELDS[-1] == "proposed" and rows["site-new"][19] is True and rows["site-1"][19] is False
    table = deployment_table(frame).set_index("id")
    assert table.loc["site-new", "Review"] == "proposed"
    assert "Review" not in deployment_table(approved)  # no drafts shown, no column
    view = View(date=day)
    [status] = [s for s in legend_sections(dataset, view, [frame]) if s.title == "Status"]
    assert any("proposed, awaiting review" in w.label for w in status.swatches)
    brief = briefing(dataset, view, frame, "EPSG:3857", (-2e7, -2e7, 2e7, 2e7))
    [key] = [k for k in brief.key if k.deployment == "site-new"]
    assert key.status.endswith("(proposed)")


def test_a_reviewer_cannot_approve_their_own_change(team_store: TeamStore):
    admin.add_user(team_store.admin, "bob", "bob-pw", "curator")  # bob curates too
    bob = DatabaseStore(team_store.url("bob"))
    assert bob.apply(_change("site-own")).ok
    own = review.decide(bob, review.pending(bob)[0].id, "approved")
    assert own and "another user must approve it" in own[0].message


def test_a_rejected_proposal_never_shows(team_store: TeamStore):
    alice = DatabaseStore(team_store.url("alice"))
    assert alice.apply(_change("site-bad")).ok
    [proposal] = review.pending(alice)
    result = _run("review", "reject", str(proposal.id), "--note", "no source", "--data",
                  team_store.url("bob"))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    web = team_store.url("web")
    assert "site-bad" not in load_dataset(web, include_proposed=True).deployments.index
    again = _run("review", "approve", str(proposal.id), "--data", team_store.url("bob"))
    assert again.returncode == 1 and "rejected already" in again.stdout


def test_a_proposal_is_validated_against_other_proposals(team_store: TeamStore):
    alice = DatabaseStore(team_store.url("alice"))
    carol = DatabaseStore(team_store.url("carol"))
    assert alice.apply(_change("site-dup")).ok
    clash = carol.apply(_change("site-dup"))
    assert not clash.ok and "duplicate id" in clash.problems[0].message


def test_a_curator_cannot_write_approved_rows_or_a_reader_anything(team_store: TeamStore):
    reader = DatabaseStore(team_store.url("web")).apply(_change("site-x"))
    assert not reader.ok
    assert "permission denied" in reader.problems[0].message
    assert "nothing was written" in reader.problems[0].message
    with psycopg.connect(team_store.url("alice")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE adatlas.deployments SET lat = '0'")
        conn.rollback()
        with pytest.raises(psycopg.errors.RaiseException):
            conn.execute(  # a row outside a change of her own is refused by the database
                "INSERT INTO adatlas.deployments (change_id, state, id) VALUES (1, 'approved', 'z')"
            )


def test_a_wrong_password_is_refused_by_the_server(team_store: TeamStore):
    from adatlas.db.connect import DatabaseError, connect

    url = team_store.cluster.url(team_store.database, "alice", "not-her-password")
    with pytest.raises(DatabaseError, match="password authentication failed"):
        connect(url)


# -- history and "what did we know then" ------------------------------------------------------


def _moment() -> dt.datetime:
    time.sleep(0.05)
    moment = dt.datetime.now(dt.UTC)
    time.sleep(0.05)
    return moment


def test_recorded_at_shows_what_the_dataset_held_then(team_store: TeamStore):
    web, bob = team_store.url("web"), DatabaseStore(team_store.url("bob"))
    alice = DatabaseStore(team_store.url("alice"))
    before = _moment()
    assert alice.apply(_change("site-late")).ok
    proposed = _moment()
    assert review.decide(bob, review.pending(bob)[0].id, "approved") == []
    approved = _moment()
    edit = Change(updates={"deployments": {"site-1": {"lat": "53.70"}}})
    assert alice.apply(edit).ok
    assert review.decide(bob, review.pending(bob)[0].id, "approved") == []

    def at(moment):
        return load_dataset(web, recorded_at=moment).deployments

    assert "site-late" not in at(before).index
    assert "site-late" not in at(proposed).index  # proposed is not approved
    assert "site-late" in at(approved).index
    assert at(approved).loc["site-1", "lat"] == pytest.approx(53.68)  # the old location at T
    assert load_dataset(web).deployments.loc["site-1", "lat"] == pytest.approx(53.70)

    with psycopg.connect(web) as conn:
        history = conn.execute(
            "SELECT db_user, op, before ->> 'state', after ->> 'state' FROM adatlas.history "
            "WHERE table_name = 'deployments' AND after ->> 'id' = 'site-1' ORDER BY seq"
        ).fetchall()
    users = [row[0] for row in history]
    assert "alice" in users and "bob" in users  # who proposed, who approved
    assert ("bob", "UPDATE", "approved", "superseded") in history


def test_a_snapshot_with_both_dates_reproduces_a_past_briefing(team_store, tmp_path):
    url = team_store.url("web")
    moment = _moment().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    first = tmp_path / "then.csv"
    args = ["export", "--data", url, "--date", "2020-01-01", "--format", "csv",
            "--recorded-at", moment]  # fmt: skip
    assert _run(*args, "--out", str(first)).returncode == 0
    alice, bob = DatabaseStore(team_store.url("alice")), DatabaseStore(team_store.url("bob"))
    assert alice.apply(_change("site-after")).ok
    assert review.decide(bob, review.pending(bob)[0].id, "approved") == []
    second = tmp_path / "again.csv"
    assert _run(*args, "--out", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"site-after" not in second.read_bytes()


# -- concurrency and several servers ---------------------------------------------------------


def test_eight_curators_at_once_all_land_and_a_clash_is_refused(team_store, tmp_path):
    files = []
    for i in range(8):
        path = tmp_path / f"c{i}" / "deployments.csv"
        path.parent.mkdir()
        path.write_text(_deployment(f"site-c{i}"), encoding="utf-8")
        (path.parent / "status.csv").write_text(_status(f"site-c{i}"), encoding="utf-8")
        files.append(path)
    same = tmp_path / "same" / "deployments.csv"
    same.parent.mkdir()
    same.write_text(_deployment("site-twice"), encoding="utf-8")
    (same.parent / "status.csv").write_text(_status("site-twice"), encoding="utf-8")
    jobs = [(f, "alice" if i % 2 else "carol") for i, f in enumerate(files)]
    jobs += [(same, "alice"), (same, "carol")]
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(
            pool.map(
                lambda job: _run(
                    "import",
                    str(job[0]),
                    str(job[0].parent / "status.csv"),
                    "--data",
                    team_store.url(job[1]),
                ),
                jobs,
            )
        )
    assert all(r.returncode == 0 for r in results[:8]), [r.stdout + r.stderr for r in results]
    twice = sorted(r.returncode for r in results[8:])
    assert twice == [0, 1]
    assert "duplicate id" in next(r.stdout for r in results[8:] if r.returncode == 1)
    drafts = load_dataset(team_store.url("web"), include_proposed=True).deployments
    assert {f"site-c{i}" for i in range(8)} | {"site-twice"} <= set(drafts.index)
    assert _run("validate", "--data", team_store.url("web")).returncode == 0


def test_another_server_sees_an_approved_change_through_the_counter(team_store: TeamStore):
    server_a = open_store(team_store.url("web"))
    seen = server_a.version()
    alice, bob = DatabaseStore(team_store.url("alice")), DatabaseStore(team_store.url("bob"))
    assert alice.apply(_change("site-seen")).ok
    assert review.decide(bob, review.pending(bob)[0].id, "approved") == []
    assert server_a.version() > seen
    assert any(r.values.get("id") == "site-seen" for r in server_a.read().tables[
        "deployments"].rows)  # fmt: skip


def test_recorded_at_on_files_is_a_usage_error():
    result = _run("query", "--date", "2020", "--recorded-at", "2026-01-01", "--data", str(REPO))
    assert result.returncode == 2
    assert "keeps no history" in result.stderr


def test_every_write_moves_the_counter_and_notifies_listeners(team_store: TeamStore):
    """What replicas watch: the counter (polled by the dashboard) and NOTIFY adatlas_changed."""
    web = DatabaseStore(team_store.url("web"))
    before = web.version()
    with psycopg.connect(team_store.url("web"), autocommit=True) as listener:
        listener.execute("LISTEN adatlas_changed")
        assert DatabaseStore(team_store.url("alice")).apply(_change("site-heard")).ok
        heard = list(listener.notifies(timeout=10, stop_after=1))
    assert heard and {n.channel for n in heard} == {"adatlas_changed"}
    assert web.version() > before
