"""The whole theatre in the shipped dataset: facts users brief on, pinned as as-of queries, and
the freshness and confidence columns every shipped record must carry."""

from __future__ import annotations

import pytest

from adatlas import Filters, as_of, load_dataset

CAUCASUS_CENTRAL_ASIA = {"ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
NATO_EU_OTHER = {
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "PRT", "SVK", "SVN", "ESP",
    "SWE", "TUR", "GBR", "USA", "AUT", "IRL", "CYP", "MLT",
}  # fmt: skip


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def status(ds, deployment: str, date: str) -> str | None:
    frame = as_of(ds, date)
    return frame.loc[deployment, "status"] if deployment in frame.index else None


def test_the_theatre_meets_its_floors(ds):
    hosts = ds.deployments["host"]
    assert len(hosts) >= 100
    assert hosts.isin(CAUCASUS_CENTRAL_ASIA).sum() >= 10
    assert (hosts == "RUS").sum() >= 15
    assert (hosts == "UKR").sum() >= 8
    assert hosts.isin(NATO_EU_OTHER).sum() >= 25


def test_kuchyna_patriot_left_slovakia_when_italy_took_over(ds):
    assert status(ds, "usa-patriot-kuchyna", "2022-12-01") == "operational"
    assert status(ds, "usa-patriot-kuchyna", "2023-03-14") == "withdrawn"
    assert status(ds, "ita-samp-t-kuchyna", "2023-06-01") == "operational"
    assert status(ds, "ita-samp-t-kuchyna", "2024-05-01") == "withdrawn"


@pytest.mark.parametrize(
    ("day", "on_duty"),
    [
        ("2024-06-01", {"usa-patriot-rzeszow", "gbr-sky-sabre-rzeszow"}),
        ("2025-03-01", {"deu-patriot-rzeszow", "nor-nasams-rzeszow"}),
        ("2025-09-01", {"deu-patriot-rzeszow"}),
        ("2026-01-15", {"nld-patriot-rzeszow", "nld-nasams-rzeszow"}),
    ],
)
def test_rzeszow_jasionka_hand_overs(ds, day, on_duty):
    frame = as_of(ds, day, Filters(statuses=("operational",)))
    at_jasionka = {d for d in frame.index if d.endswith("-rzeszow")}
    assert at_jasionka == on_duty


def test_nato_patriots_in_turkey_by_nation(ds):
    day = "2014-06-01"
    for deployment in ("deu-patriot-kahramanmaras", "nld-patriot-adana", "usa-patriot-gaziantep"):
        assert status(ds, deployment, day) == "operational"
    assert status(ds, "nld-patriot-adana", "2015-06-01") == "withdrawn"
    assert status(ds, "esp-patriot-adana", "2015-06-01") == "operational"
    assert status(ds, "ita-samp-t-kahramanmaras", "2017-01-01") == "operational"


def test_russian_early_warning_and_moscow_abm(ds):
    assert status(ds, "rus-daryal-gabala", "2012-06-01") == "operational"
    assert status(ds, "rus-daryal-gabala", "2013-01-01") == "withdrawn"
    assert ds.deployments.loc["rus-daryal-gabala", "host"] == "AZE"
    assert status(ds, "rus-voronezh-m-lekhtusi", "2010-01-01") == "operational"
    assert status(ds, "rus-a135-moscow", "2000-01-01") == "operational"
    assert status(ds, "rus-volga-hantsavichy", "2010-01-01") == "operational"


def test_crimea_is_hosted_by_ukraine_and_operated_by_russia(ds):
    crimea = ds.deployments.loc[["rus-s400-feodosia", "rus-s400-sevastopol", "rus-s400-dzhankoy"]]
    assert set(crimea["host"]) == {"UKR"} and set(crimea["operator"]) == {"RUS"}


def test_caucasus_and_central_asia(ds):
    assert status(ds, "rus-s300v-gyumri", "2010-01-01") == "operational"
    assert ds.deployments.loc["rus-s300v-gyumri", "host"] == "ARM"
    azerbaijan = as_of(ds, "2021-01-01").loc["aze-s300pmu2"]
    assert (azerbaijan["status"], azerbaijan["confidence"]) == ("operational", "low")


def test_ukraine_donated_systems_at_country_precision(ds):
    frame = as_of(ds, "2024-12-01")
    donated = ["ukr-patriot-usa", "ukr-iris-t-slm-deu", "ukr-nasams-usa", "ukr-samp-t-fra-ita"]
    assert (frame.loc[donated, "status"] == "operational").all()
    assert (frame.loc[donated, "precision"] == "country").all()


def test_arrow3_and_the_aegis_destroyers_at_rota(ds):
    assert status(ds, "deu-arrow3-holzdorf", "2025-12-02") == "construction"
    assert status(ds, "deu-arrow3-holzdorf", "2025-12-03") == "operational"
    rota = as_of(ds, "2016-01-01").filter(like="usa-aegis-bmd-ddg-rota", axis=0)
    assert len(rota) == 4 and set(rota["host"]) == {"ESP"}


def test_freshness_on_the_shipped_data(ds):
    frame = as_of(ds, "2025-06-01")
    # Deveselu is confirmed by later sources; the 2006 Brest S-300s were last heard of in 2006.
    assert not frame.loc["usa-aegis-deveselu", "stale"]
    assert frame.loc["blr-s300-brest", "stale"]
    assert frame.loc["blr-s300-brest", "last_confirmed"].startswith("2006")
    assert not frame.loc["usa-gbi-redzikowo", "stale"]  # cancelled is final
    assert not as_of(ds, "2025-06-01", Filters(hide_stale=True))["stale"].any()


def test_every_shipped_record_states_its_confidence_and_source_kind(ds):
    assert (ds.deployments["confidence"] != "").all()
    assert (ds.status["confidence"] != "").all()
    ranged = ds.systems[ds.systems["range_km"].notna()]
    assert (ranged["range_quality"] != "").all() and (ranged["confidence"] != "").all()
    assert (ds.articles["source_kind"] != "").all()
