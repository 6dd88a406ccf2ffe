import datetime as dt

from ui.timeline_chart import selected_date


def test_selected_date_from_chart_selection_shapes():
    assert selected_date({"selection": {"pick": [{"start": 1383004800000}]}}) == dt.date(
        2013, 10, 29
    )
    assert selected_date({"selection": {"pick": [{"start": "2013-10-29T00:00:00"}]}}) == dt.date(
        2013, 10, 29
    )
    assert selected_date({"selection": {"pick": []}}) is None
    assert selected_date(None) is None
    assert selected_date({"selection": {}}) is None
