"""The shape of each dataset table: columns, their types and allowed values.

One description drives both the reader (types) and the validator (rules), so the documented
format in ``geodata/README.md`` and the checks cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["id", "text", "date", "float", "iso3", "iso3_list", "ref_list", "enum"]

STATUSES = ("announced", "planned", "construction", "operational", "cancelled", "withdrawn")
PRECISIONS = ("site", "town", "region", "country")
SYSTEM_KINDS = ("sam", "abm", "radar", "c2")
CONFIDENCES = ("high", "medium", "low")
# A team store marks the rows of a view that includes drafts: review = "proposed".
REVIEW_COLUMN = "review"
RANGE_QUALITIES = ("cited", "weak", "assumed")
SOURCE_KINDS = ("official", "wire", "press", "republication", "blog", "reference")
FINAL_STATUSES = ("cancelled", "withdrawn")  # never stale: nothing more is expected of them
STANDINGS = ("member", "frozen", "suspended")
EVENT_KINDS = (
    "agreement",
    "decree",
    "delivery",
    "exercise",
    "meeting",
    "statement",
    "announcement",
    "other",
)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
GROUP_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "text"
    required: bool = True
    allowed: tuple[str, ...] = ()
    references: str | None = None  # table whose ids this column refers to
    positive: bool = False  # for floats: must be greater than zero


@dataclass(frozen=True)
class Table:
    name: str
    key: str | None  # column holding the record id, if the table has one
    columns: tuple[Column, ...] = field(default_factory=tuple)
    optional_file: bool = False  # a dataset without this file has an empty table

    @property
    def file(self) -> str:
        return f"geodata/{self.name}.csv"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


CITATIONS_COLUMN = Column("citations", "ref_list", references="citations")
CONFIDENCE_COLUMN = Column("confidence", "enum", required=False, allowed=CONFIDENCES)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "systems",
            "id",
            (
                Column("id", "id"),
                Column("name"),
                Column("nato_name", required=False),
                Column("kind", "enum", allowed=SYSTEM_KINDS),
                Column("missile", required=False),
                Column("range_km", "float", required=False, positive=True),
                Column("range_quality", "enum", required=False, allowed=RANGE_QUALITIES),
                CONFIDENCE_COLUMN,
                Column("antenna_m", "float", required=False, positive=True),
                Column("notes", required=False),
                CITATIONS_COLUMN,
            ),
        ),
        Table(
            "deployments",
            "id",
            (
                Column("id", "id"),
                Column("name"),
                Column("system", "id", references="systems"),
                Column("operator", "iso3"),
                Column("host", "iso3"),
                Column("lat", "float"),
                Column("lon", "float"),
                Column("precision", "enum", allowed=PRECISIONS),
                Column("units", required=False),
                Column("notes", required=False),
                Column("location", required=False),
                CONFIDENCE_COLUMN,
            ),
        ),
        Table(
            "status",
            None,
            (
                Column("deployment", "id", references="deployments"),
                Column("date", "date"),
                Column("status", "enum", allowed=STATUSES),
                CITATIONS_COLUMN,
                CONFIDENCE_COLUMN,
            ),
        ),
        Table(
            "confirmed",
            None,
            (
                Column("deployment", "id", references="deployments"),
                Column("date", "date"),
                Column("status", "enum", allowed=STATUSES),
                CITATIONS_COLUMN,
                Column("notes", required=False),
            ),
            optional_file=True,
        ),
        Table(
            "memberships",
            None,
            (
                Column("group"),
                Column("country", "iso3"),
                Column("start", "date"),
                Column("end", "date", required=False),
                Column("standing", "enum", required=False, allowed=STANDINGS),
                CITATIONS_COLUMN,
            ),
        ),
        Table(
            "events",
            "id",
            (
                Column("id", "id"),
                Column("date", "date"),
                Column("title"),
                Column("kind", "enum", allowed=EVENT_KINDS),
                Column("countries", "iso3_list"),
                Column("lat", "float", required=False),
                Column("lon", "float", required=False),
                Column("actors", required=False),
                Column("notes", required=False),
                CITATIONS_COLUMN,
                Column("place", required=False),
                Column("location_precision", "enum", required=False, allowed=PRECISIONS),
                Column("location_note", required=False),
            ),
        ),
        Table(
            "citations",
            "id",
            (
                Column("id", "id"),
                Column("article", "id", references="articles"),
                Column("excerpt"),
            ),
        ),
    )
}

ARTICLE_FIELDS_REQUIRED = ("title", "publisher", "date", "language")
ARTICLE_TEXT_KINDS = ("full", "excerpts")


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped parts."""
    return [part.strip() for part in value.split(";") if part.strip()]
