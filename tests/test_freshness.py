"""Freshness: the date we last heard of each status, and the stale rule (24 months by default)."""

from __future__ import annotations

import pandas as pd
import pytest

from adatlas import Filters, as_of, load_dataset
from adatlas.query import lower_confidence
from adatlas.validate import validate

STILL_THERE = """---
title: Gamma report
publisher: Test Wire
date: 2020-06-15
url: https://example.org/gamma
language: en
text: excerpts
source_kind: wire
---
Site One is still operational, officials said.
"""


@pytest.fixture
def confirmed_dir(good_dir):
    """The fixture plus a 2020-06-15 source saying site-1 is still operational."""
    (good_dir / "articles/gamma.md").write_text(STILL_THERE)
    with (good_dir / "geodata/citations.csv").open("a") as citations:
        citations.write("c-still,gamma,Site One is still operational\n")
    (good_dir / "geodata/confirmed.csv").write_text(
        "deployment,date,status,citations,notes\nsite-1,2020-06-15,operational,c-still,\n"
    )
    assert validate(good_dir) == []
    return good_dir


def row(root, day, **filters):
    frame = as_of(load_dataset(root), day, Filters(**filters))
    return frame.loc["site-1"] if "site-1" in frame.index else None


def test_a_status_is_confirmed_by_its_own_date_when_its_sources_are_older(good_dir):
    shown = row(good_dir, "2017-01-01")  # operational since 2016, cited from a 2013 article
    assert (shown["last_confirmed"], bool(shown["stale"])) == ("2016", False)


def test_thirty_months_without_confirmation_is_stale_twenty_is_not(confirmed_dir):
    assert row(confirmed_dir, "2020-06-15")["last_confirmed"] == "2020-06-15"
    assert not row(confirmed_dir, "2022-02-15")["stale"]  # 20 months
    assert row(confirmed_dir, "2022-12-15")["stale"]  # 30 months
    assert row(confirmed_dir, "2022-06-16")["stale"]  # a day past 24 months
    assert not row(confirmed_dir, "2022-06-15")["stale"]


def test_the_threshold_is_a_setting(confirmed_dir):
    assert not row(confirmed_dir, "2022-12-15", stale_months=36)["stale"]
    assert row(confirmed_dir, "2021-01-01", stale_months=3)["stale"]


def test_a_later_source_also_confirms_earlier_days_of_the_same_status(confirmed_dir):
    # 2019 is 40 months after the status began, but we know from 2020 that it still held.
    assert row(confirmed_dir, "2019-05-01")["last_confirmed"] == "2020-06-15"
    assert not row(confirmed_dir, "2019-05-01")["stale"]


def test_a_confirmation_counts_only_for_the_status_it_repeats(confirmed_dir):
    # In 2015 site-1 was under construction: the 2020 report of it operating says nothing of that.
    shown = row(confirmed_dir, "2015-12-31")
    assert (shown["status"], shown["last_confirmed"]) == ("construction", "2013-10-31")
    assert shown["stale"]


def test_planned_goes_stale_cancelled_never(good_dir):
    ds = load_dataset(good_dir)
    planned = as_of(ds, "2009-09-16").loc["site-2"]  # planned 2008, cited from 2013
    assert (planned["status"], planned["last_confirmed"], planned["stale"]) == (
        "planned",
        "2013-10-31",
        False,
    )
    assert not as_of(ds, "2040-01-01").loc["site-2", "stale"]  # cancelled is final


def test_hide_stale_drops_only_stale_records(confirmed_dir):
    ds = load_dataset(confirmed_dir)
    assert set(as_of(ds, "2030-01-01").index) == {"site-1", "site-2"}
    assert set(as_of(ds, "2030-01-01", Filters(hide_stale=True)).index) == {"site-2"}


@pytest.mark.parametrize(
    ("deployment", "status", "lower"),
    [
        ("high", "medium", "medium"),
        ("low", "high", "low"),
        ("high", "", "high"),
        ("", "", ""),
    ],
)
def test_a_record_has_the_lower_of_its_confidences(deployment, status, lower):
    assert lower_confidence(pd.Series([deployment]), pd.Series([status])).tolist() == [lower]


def test_confidence_filter_and_columns(edit):
    root = edit(
        "geodata/deployments.csv",
        "precision,units,notes,location",
        "precision,units,notes,location,confidence",
    )
    text = (root / "geodata/deployments.csv").read_text()
    text = text.replace(",Hrodna\n", ",Hrodna,high\n").replace(",Redzikowo\n", ",Redzikowo,low\n")
    (root / "geodata/deployments.csv").write_text(text)
    ds = load_dataset(root)
    shown = as_of(ds, "2009-01-01")
    assert shown.loc["site-2", ["deployment_confidence", "confidence"]].tolist() == ["low", "low"]
    assert as_of(ds, "2017", Filters(confidences=("high",))).index.tolist() == ["site-1"]
