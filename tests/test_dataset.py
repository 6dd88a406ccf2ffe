import pytest

from adatlas import DatasetError, load_dataset


def test_loader_types_tables_and_keeps_extra_columns(good_dir):
    memberships = good_dir / "geodata/memberships.csv"
    lines = memberships.read_text().splitlines()
    memberships.write_text(
        "\n".join([lines[0] + ",remark"] + [f"{x},r{i}" for i, x in enumerate(lines[1:])]) + "\n"
    )
    ds = load_dataset(good_dir)
    assert ds.deployments.crs.to_epsg() == 4326
    assert ds.deployments.loc["site-2"].geometry.x == pytest.approx(17.10)
    assert ds.systems.loc["sam-a", "range_km"] == 200.0
    assert ds.systems.loc["sam-a", "antenna_m"] == 25.0
    assert ds.memberships["remark"].tolist()[0] == "r0"  # extra column carried through
    assert ds.confirmed.empty  # confirmed.csv is optional
    assert ds.status["citations"].iloc[0] == ["c-construction"]
    assert ds.memberships.loc[ds.memberships["country"] == "POL", "standing"].item() == "member"
    assert ds.events.loc["ev-2"].geometry is None
    assert ds.articles.loc["beta", "text"] == "excerpts"
    assert ds.groups == ["CSTO", "NATO"]


def test_loader_refuses_invalid_dataset_listing_every_problem(edit):
    root = edit("geodata/deployments.csv", "BLR,BLR", "BLR,XYZ")
    with pytest.raises(DatasetError) as info:
        load_dataset(root)
    assert len(info.value.problems) == 1
    assert "host 'XYZ'" in str(info.value)


def test_default_dataset_from_environment(good_dir, monkeypatch):
    monkeypatch.setenv("ADATLAS_DATA", str(good_dir))
    assert load_dataset().root == str(good_dir)
