import pandas as pd

from adatlas import Filters, load_dataset
from adatlas.timeline import chronology, playback_dates


def test_chronology_merges_status_memberships_events_in_date_order(good_dir):
    ds = load_dataset(good_dir)
    chrono = chronology(ds)
    assert list(chrono["start"]) == sorted(chrono["start"])
    assert set(chrono["kind"]) == {"status", "membership", "event"}
    assert len(chrono) == len(ds.status) + len(ds.memberships) + len(ds.events)
    row = chrono[chrono["record"] == "site-2"].iloc[-1]
    assert (row["date"], row["title"]) == ("2009-09-17", "Site Two: cancelled")


def test_chronology_filters(good_dir):
    ds = load_dataset(good_dir)
    chrono = chronology(ds, Filters(operators=("USA",)))
    assert set(chrono[chrono["kind"] == "status"]["record"]) == {"site-2"}
    assert set(chrono[chrono["kind"] == "event"]["record"]) == {"ev-1", "ev-2"}
    assert chrono[chrono["kind"] == "membership"].empty


def test_playback_dates():
    dates = playback_dates(pd.Timestamp("2013-11-15"), pd.Timestamp("2014-02-01"), "month")
    assert [d.strftime("%Y-%m-%d") for d in dates] == ["2013-12-01", "2014-01-01", "2014-02-01"]
    assert len(playback_dates(pd.Timestamp("2000-01-01"), pd.Timestamp("2010-06-01"), "year")) == 11
