"""ISO 8601 dates at year, month or day precision.

A partial date keeps the precision it was written with (``2006-11`` is shown as ``2006-11``);
for comparisons it means its first day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day precision; ordered by its first day."""

    start: dt.date
    text: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    @property
    def last_day(self) -> dt.date:
        """The last day the date covers (``2006`` → 2006-12-31, ``2006-02`` → 2006-02-28)."""
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            following = (self.start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            following = self.start.replace(year=self.start.year + 1)
        return following - dt.timedelta(days=1)

    def __str__(self) -> str:
        return self.text


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError saying what is wrong."""
    cleaned = text.strip()
    match = _PATTERN.match(cleaned)
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year is None or year < 1:
        raise ValueError(f"date {text!r} has an impossible year")
    try:
        start = dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc})") from None
    return PartialDate(start, cleaned)
