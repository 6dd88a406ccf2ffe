"""``--recorded-at`` / ``recorded=``: the moment whose knowledge a view shows (team store only).

The as-of date says what stood where; the recorded-at moment says what the dataset held then.
A moment is ISO 8601: ``2026-03-01T14:30:00Z``, ``2026-03-01 14:30``, ``2026-03-01T14:30+01:00``.
A time without a zone is UTC; a date alone means the end of that day (UTC), everything the
dataset held on it.
"""

from __future__ import annotations

import datetime as dt


def parse_recorded_at(text: str) -> dt.datetime:
    """The moment ``text`` names, timezone-aware; ValueError with a readable message."""
    value = text.strip()
    if not value:
        raise ValueError("a recorded-at moment is empty")
    try:
        if len(value) == 10:  # a date alone
            day = dt.date.fromisoformat(value)
            return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a moment; write e.g. 2026-03-01T14:30:00Z or 2026-03-01"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def format_recorded_at(moment: dt.datetime) -> str:
    """The moment as the URL and the captions write it: UTC, to the second."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
