import datetime as dt

import pytest

from adatlas.dates import parse_date


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2006", dt.date(2006, 1, 1), "year"),
        ("2006-11", dt.date(2006, 11, 1), "month"),
        ("2006-11-15", dt.date(2006, 11, 15), "day"),
        (" 2024-02-29 ", dt.date(2024, 2, 29), "day"),
    ],
)
def test_partial_dates_keep_precision_and_mean_first_day(text, start, precision):
    date = parse_date(text)
    assert date.start == start
    assert date.precision == precision
    assert str(date) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2006-13", "does not exist"),
        ("2023-02-29", "does not exist"),
        ("06-11-2006", "is not YYYY"),
        ("2006/11", "is not YYYY"),
        ("", "is not YYYY"),
        ("0000", "impossible year"),
    ],
)
def test_bad_dates_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_partial_dates_order_by_first_day():
    assert parse_date("2006") < parse_date("2006-01-02") < parse_date("2006-02")
