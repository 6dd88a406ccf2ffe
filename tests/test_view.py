import datetime as dt
from dataclasses import replace

import pytest

from adatlas import Filters, load_dataset
from adatlas.view import DEFAULT_LAYERS, View, moved, view_from_query_params


@pytest.fixture
def ds(good_dir):
    return load_dataset(good_dir)


def test_view_round_trips_through_query_params(ds):
    view = View(
        date=dt.date(2014, 6, 1),
        filters=Filters(
            systems=("sam-a",),
            operators=("BLR",),
            statuses=("operational",),
            confidences=("high", "medium"),
            hide_stale=True,
            stale_months=36,
        ),
        layers=frozenset({"rings", "events"}),
        center=(54.1, 23.2),
        zoom=7,
    )
    parsed, warnings = view_from_query_params(view.to_query_params(), ds)
    assert warnings == []
    assert parsed == view


def test_defaults_are_left_out_of_the_url(ds):
    params = View(date=dt.date(2014, 6, 1)).to_query_params()
    assert params == {"date": "2014-06-01"}
    assert view_from_query_params(params, ds)[0].layers == DEFAULT_LAYERS


@pytest.mark.parametrize(
    ("params", "warning"),
    [
        ({"date": "2014-13-01"}, "date='2014-13-01'"),
        ({"date": "1800-01-01"}, "outside"),
        ({"system": "nope"}, "unknown system nope"),
        ({"operator": "<script>"}, "unknown operator <script>"),
        ({"status": "active"}, "unknown status active"),
        ({"layers": "bogus"}, "unknown layers bogus"),
        ({"zoom": "99"}, "zoom must be 2–18"),
        ({"zoom": "abc"}, "zoom='abc': not a whole number"),
        ({"lat": "95", "lon": "20"}, "outside the globe"),
        ({"lat": "x"}, "lat/lon"),
        ({"date": "2" * 5000}, "longer than 2000"),
    ],
)
def test_bad_params_warn_and_fall_back(ds, params, warning):
    view, warnings = view_from_query_params(params, ds)
    assert any(warning in w for w in warnings), warnings
    assert len(warnings) == 1
    default = View()
    assert (view.filters, view.layers, view.center, view.zoom) == (
        default.filters,
        default.layers,
        default.center,
        default.zoom,
    )


def test_good_values_survive_next_to_bad_ones(ds):
    view, warnings = view_from_query_params({"system": "sam-a,nope", "zoom": "7"}, ds)
    assert view.filters.systems == ("sam-a",)
    assert view.zoom == 7
    assert len(warnings) == 1


def test_layers_none_means_no_layers(ds):
    assert view_from_query_params({"layers": "none"}, ds)[0].layers == frozenset()
    assert View(layers=frozenset()).to_query_params()["layers"] == "none"


def test_pixel_snapping_is_not_a_move():
    view = View(center=(53.0, 25.0), zoom=5)
    # What Leaflet reports for a fresh 1,400 px wide map centred on 53°N 25°E.
    assert not moved(view, (52.9883, 25.0049), 5)
    assert moved(view, (53.3, 25.0), 5)  # ~7 px north at zoom 5
    assert moved(view, (53.0, 25.0), 6)
    # The same snapping is a real move ten zoom levels in.
    assert moved(replace(view, zoom=15), (52.9883, 25.0049), 15)
