import pytest

from adatlas import Filters, as_of, load_dataset, members


@pytest.fixture
def ds(good_dir):
    return load_dataset(good_dir)


def ids(frame):
    return sorted(frame["id"])


def test_status_as_of_is_latest_row_on_or_before_date(ds):
    assert ids(as_of(ds, "2008-08-19")) == []
    assert as_of(ds, "2008-08-20").loc["site-2", "status"] == "planned"
    assert as_of(ds, "2009-09-16").loc["site-2", "status"] == "planned"
    assert as_of(ds, "2009-09-17").loc["site-2", "status"] == "cancelled"
    one = as_of(ds, "2015-12-31").loc["site-1"]
    assert (one["status"], one["status_since"]) == ("construction", "2013-10")
    assert as_of(ds, "2016-01-01").loc["site-1", "status"] == "operational"


def test_partial_status_date_means_first_day(ds):
    assert "site-1" not in as_of(ds, "2013-09-30").index
    assert "site-1" in as_of(ds, "2013-10-01").index


def test_citations_accumulate_up_to_date(ds):
    assert as_of(ds, "2014").loc["site-1", "citations"] == ["c-construction"]
    assert as_of(ds, "2017").loc["site-1", "citations"] == ["c-construction", "c-ops"]


def test_filters_combine(ds):
    everything = as_of(ds, "2017")
    assert ids(everything) == ["site-1", "site-2"]
    assert ids(as_of(ds, "2017", Filters(operators=("USA",)))) == ["site-2"]
    assert ids(as_of(ds, "2017", Filters(statuses=("operational",)))) == ["site-1"]
    assert ids(as_of(ds, "2017", Filters(operators=("USA",), statuses=("operational",)))) == []
    assert ids(as_of(ds, "2017", Filters(systems=("sam-a", "abm-b"), hosts=("POL",)))) == ["site-2"]


def test_system_columns_joined(ds):
    row = as_of(ds, "2017").loc["site-1"]
    assert (row["system_name"], row["missile"], row["range_km"]) == ("SAM A", "M1", 200.0)


def test_membership_as_of_with_frozen_standing(ds):
    assert members(ds, "1999-03-11", "NATO") == {"NATO": []}
    assert members(ds, "1999-03-12", "NATO") == {"NATO": ["POL"]}
    assert members(ds, "2024-02-21", "CSTO") == {"CSTO": ["ARM", "BLR"]}
    assert members(ds, "2024-02-22", "CSTO") == {"CSTO": ["ARM", "BLR"]}
    assert members(ds, "2024-02-22", "CSTO", standing="member") == {"CSTO": ["BLR"]}
    assert members(ds, "2024-02-22", "CSTO", standing="frozen") == {"CSTO": ["ARM"]}
    assert members(ds, "1993") == {"CSTO": ["ARM"], "NATO": []}
