"""Facts of the shipped dataset that users rely on, pinned as as-of queries."""

from __future__ import annotations

import pytest

from adatlas import as_of, load_dataset, members


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def status(ds, deployment: str, date: str) -> str | None:
    frame = as_of(ds, date)
    return frame.loc[deployment, "status"] if deployment in frame.index else None


def test_deveselu_operational_in_2016(ds):
    assert status(ds, "usa-aegis-deveselu", "2012-06-01") == "planned"
    assert status(ds, "usa-aegis-deveselu", "2015-12-31") == "construction"
    assert status(ds, "usa-aegis-deveselu", "2016-06-01") == "operational"


def test_deveselu_construction_start_october_2013(ds):
    assert status(ds, "usa-aegis-deveselu", "2013-10-27") == "planned"
    assert status(ds, "usa-aegis-deveselu", "2013-10-28") == "construction"


def test_redzikowo_aegis_ashore_has_its_own_dates(ds):
    assert status(ds, "usa-aegis-redzikowo", "2016-05-13") == "construction"
    assert status(ds, "usa-aegis-redzikowo", "2024-08-01") == "operational"


def test_polish_interceptor_plan_2008_then_cancelled_2009(ds):
    assert status(ds, "usa-gbi-redzikowo", "2006-12-31") is None
    assert status(ds, "usa-gbi-redzikowo", "2008-06-01") == "announced"
    assert status(ds, "usa-gbi-redzikowo", "2008-09-01") == "planned"
    assert status(ds, "usa-gbi-redzikowo", "2009-10-01") == "cancelled"
    assert status(ds, "usa-emr-brdy", "2009-10-01") == "cancelled"


def test_finland_and_sweden_join_nato(ds):
    assert "FIN" not in members(ds, "2023-04-03", "NATO")["NATO"]
    assert "FIN" in members(ds, "2023-04-04", "NATO")["NATO"]
    assert "SWE" not in members(ds, "2024-03-06", "NATO")["NATO"]
    assert "SWE" in members(ds, "2024-03-07", "NATO")["NATO"]
    assert len(members(ds, "2024-03-07", "NATO")["NATO"]) == 32


def test_belarus_and_kazakhstan_in_csto_october_2013(ds):
    csto = members(ds, "2013-10-31", "CSTO")["CSTO"]
    assert {"BLR", "KAZ"} <= set(csto)


def test_armenia_frozen_in_csto_2024(ds):
    assert "ARM" in members(ds, "2024-06-01", "CSTO")["CSTO"]
    assert "ARM" not in members(ds, "2024-06-01", "CSTO", standing="member")["CSTO"]


def test_union_state_from_1997(ds):
    assert members(ds, "1996-12-31", "UNION_STATE")["UNION_STATE"] == []
    assert members(ds, "1997-01-01", "UNION_STATE")["UNION_STATE"] == ["BLR", "RUS"]


def test_four_2013_s300_complexes_are_the_s300ps_battalions(ds):
    # Shoigu's October 2013 announcement opens the history of the battalions it became.
    for battalion in ("blr-s300ps-polotsk", "blr-s300ps-grodno-region", "blr-s300ps-brest-region"):
        assert status(ds, battalion, "2013-10-28") is None
        assert status(ds, battalion, "2013-10-29") == "announced"
    assert "blr-s300-2013-four-complexes" not in ds.deployments.index


def test_belarus_s300_deliveries_by_november_2006(ds):
    frame = as_of(
        ds,
        "2006-12-01",
    )
    belarus_s300 = frame[(frame["operator"] == "BLR") & frame["system"].str.startswith("s300")]
    assert len(belarus_s300) >= 1


def test_founding_article_entities_are_cited(ds):
    """Every founding-article event the issue names is in the data, citing that article."""
    founding = {
        "ria-2007-10-23-russia-belarus-military-ties",
        "gsn-2013-10-31-putin-dissolves-task-force",
    }
    cited = ds.citations[ds.citations["article"].isin(founding)]["id"]
    events = ds.events[ds.events["citations"].map(lambda cs: bool(set(cs) & set(cited)))]
    titles = " | ".join(events["title"]).lower()
    for needle in ("defence meeting", "working group", "kazakhstan", "telemba", "ashuluk"):
        assert needle in titles, needle


def test_every_deployment_states_its_precision(ds):
    assert set(ds.deployments["precision"]) <= {"site", "town", "region", "country"}
    region = ds.deployments[ds.deployments["precision"] == "region"]
    assert region["notes"].str.len().gt(0).all()


def test_exercise_ranges_and_2007_meeting_are_located(ds):
    events = ds.events
    for exercise in ("ashuluk", "telemba"):
        stage = events.loc[f"combat-commonwealth-2007-{exercise}-stage"]
        assert stage.geometry is not None and stage["location_precision"] == "region"
        assert "Approximate" in stage["location_note"]
    meeting = events.loc["russia-belarus-defence-meeting-moscow-2007"]
    assert meeting.geometry is not None
    assert abs(meeting["lat"] - 55.75) < 0.1 and abs(meeting["lon"] - 37.62) < 0.1


def test_defence_ministers_are_actors_of_the_2007_and_2013_meetings(ds):
    actors = " ".join(ds.events["actors"])
    for minister in ("Anatoly Serdyukov", "Leonid Maltsev", "Sergei Shoigu", "Yury Zhadobin"):
        assert minister in actors, minister


def ring_radii(ds, date: str) -> dict[str, float]:
    from adatlas.rings import ring_frame

    rings = ring_frame(as_of(ds, date))
    return dict(zip(rings["deployment"], rings["radius_km"], strict=True))


def test_every_listed_variant_has_a_cited_range_except_the_s300pt(ds):
    systems = ds.systems
    assert systems.loc["s300pmu1-48n6", "range_km"] == 150
    assert systems.loc["s400-48n6dm", "range_km"] == 250
    assert systems.loc["aegis-ashore-sm3-ib", "range_km"] == 700
    assert systems.loc["aegis-ashore-sm3-iia", "range_km"] == 2500
    assert systems.loc["gbi-two-stage", "range_km"] == 4500
    unranged = systems[systems["range_km"].isna()]
    # No public source found for these (S-300PT, Kub, Arrow 3, …), Patriot where the missiles
    # are not published, and the Ramstein command centre, which has no range: each says so.
    assert {"s300pt-5v55k", "patriot", "bmd-c2", "arrow3"} <= set(unranged.index)
    assert unranged["notes"].str.contains("range", case=False).all()
    assert "WEAK" in systems.loc["aegis-ashore-sm3-ib", "notes"]
    assert "RANGE ASSUMED" in systems.loc["s300ps", "notes"]


def test_rings_follow_status(ds):
    # Deveselu's SM-3 IB ring appears when it is operational; the planned GBI site draws its
    # ring in 2008 and loses it once cancelled, like the never-built Brdy radar.
    assert "usa-aegis-deveselu" in ring_radii(ds, "2017-01-01")
    assert ring_radii(ds, "2008-09-01")["usa-gbi-redzikowo"] == pytest.approx(4500)
    later = ring_radii(ds, "2010-01-01")
    assert "usa-gbi-redzikowo" not in later and "usa-emr-brdy" not in later


def test_romanian_patriot_and_2022_russian_s400_in_belarus(ds):
    assert status(ds, "rou-patriot-74th-mihai-bravu", "2019-12-31") is None
    assert status(ds, "rou-patriot-74th-mihai-bravu", "2021-12-31") == "operational"
    assert status(ds, "rus-s400-blr-gomel-region-2022", "2022-03-02") == "operational"
    # No withdrawal has been reported, so the map keeps showing them.
    assert status(ds, "rus-s400-blr-gomel-region-2022", "2025-01-01") == "operational"
    assert ds.deployments.loc["rus-s400-blr-gomel-region-2022", "precision"] == "region"


def test_country_level_records_draw_no_ring_and_radar_rings_are_outlines(ds):
    from adatlas.webmap.build import ring_features

    shown = as_of(ds, "2024-12-01")
    radii = ring_radii(ds, "2024-12-01")
    assert shown.loc["ukr-nasams-usa", "precision"] == "country"
    assert "ukr-nasams-usa" not in radii  # its point is Kyiv as a stand-in
    assert "esp-nasams-lielvarde" in radii
    styles = {
        f["properties"]["className"].split()[2]: f["properties"]["style"]
        for f in ring_features(shown)
    }
    assert styles["adatlas-kind-radar"]["fillOpacity"] == 0
    assert styles["adatlas-kind-sam"]["fillOpacity"] > 0
