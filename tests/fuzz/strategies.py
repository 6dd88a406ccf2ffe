"""Hypothesis strategies for what a user can hand adatlas: CSV tables, GeoJSON, articles."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import strategies as st

from adatlas.schema import (
    CONFIDENCES,
    EVENT_KINDS,
    PRECISIONS,
    RANGE_QUALITIES,
    STANDINGS,
    STATUSES,
    SYSTEM_KINDS,
    TABLES,
)
from tests.conftest import FIXTURES

# Text with what breaks parsers: quotes, separators, line breaks of every kind, BOMs, NULs,
# surrogates' neighbours, right-to-left marks, digits of other scripts.
TRICKY = st.sampled_from(
    [
        ",",
        '"',
        "'",
        ";",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\x00",
        "\ufeff",
        "\u2028",
        "\x0b",
        "\x1c",
        "\u202e",
        "\u0665",
        "1_0",
        "-",
        "=",
        "+",
        "@",
        " ",
        "",
        "..",
        "/",
        "\\",
        "#",
        "---",
        ":",
        "NaN",
        "inf",
        "-0",
        "1e309",
        "9999",
        "0000",
        "1677-09-21",
        "2262-04-12",
        "0001-01-01",
        "2024-02-30",
        "<script>",
        "![x](http://e.example/p.png)",
    ]
)
TEXT = st.one_of(st.text(max_size=20), TRICKY, st.lists(TRICKY, max_size=4).map("".join))

KNOWN = {
    "id": ["site-1", "site-2", "sam-a", "abm-b", "ev-1", "c-ops", "new-1", "new-2"],
    "system": ["sam-a", "abm-b", "nope"],
    "deployment": ["site-1", "site-2", "new-1", "ghost"],
    "article": ["alpha", "beta", "../alpha", "gamma"],
    "citations": ["c-ops", "c-plan;c-join", "c-ops;", "c-nope", ";"],
    "operator": ["BLR", "USA", "XKX", "ZZZ", "blr"],
    "host": ["BLR", "POL", "RUS"],
    "country": ["POL", "ARM", "FIN"],
    "countries": ["USA;ROU", "USA", ";", "XX"],
    "group": ["NATO", "CSTO", "nato"],
    "date": ["2016", "2016-02", "2016-02-29", "2017-02-29", "1500", "9999-12-31", "0001"],
    "lat": ["53.6", "-90", "90.0001", "1e3", "nan", "53,6"],
    "lon": ["23.8", "-180", "180", "-0.0", "١٢"],
    "range_km": ["200", "-5", "0", "1e308", "inf"],
    "antenna_m": ["25", "-3", "0.0001", "1e308"],
    "status": list(STATUSES),
    "precision": list(PRECISIONS),
    "kind": list(SYSTEM_KINDS + EVENT_KINDS),
    "standing": list(STANDINGS),
    "confidence": list(CONFIDENCES),
    "range_quality": list(RANGE_QUALITIES),
    "location_precision": list(PRECISIONS),
}
for alias, source in (("start", "date"), ("end", "date")):
    KNOWN[alias] = KNOWN[source]


def cell(column: str) -> st.SearchStrategy[str]:
    """Mostly plausible values for ``column``, sometimes anything."""
    plausible = st.sampled_from(KNOWN[column]) if column in KNOWN else st.text(max_size=12)
    return st.one_of(plausible, plausible, TEXT)


# The fixture has no confirmed.csv (an optional file); this one row is valid with it.
CONFIRMED = "deployment,date,status,citations\nsite-1,2013-10-31,construction,c-construction\n"


def _fixture_rows(table: str) -> tuple[list[str], list[list[str]]]:
    path = FIXTURES / "good" / TABLES[table].file
    text = path.read_text(encoding="utf-8") if path.exists() else CONFIRMED
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return header, rows


@st.composite
def csv_table(draw, table: str) -> bytes:
    """A CSV file for ``table``: the fixture's rows with a few cells replaced by odd (mostly
    plausible) values, sometimes extra rows, columns or damage, in various encodings."""
    header, rows = _fixture_rows(table)
    rows = [list(row) for row in rows]
    if draw(st.booleans()):
        rows.append(list(draw(st.sampled_from(rows))))  # a copy, key changed below (or not)
        if TABLES[table].key:
            rows[-1][header.index(TABLES[table].key)] = draw(cell("id"))
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(header) - 1))
        rows[row][column] = draw(cell(header[column]))
    if draw(st.integers(0, 5)) == 0:  # an extra column, or one dropped
        if draw(st.booleans()):
            header = [*header, draw(st.sampled_from(["extra", "idd", "x_citations", "notes"]))]
            rows = [[*row, draw(cell("citations"))] for row in rows]
        else:
            drop = draw(st.integers(0, len(header) - 1))
            header = header[:drop] + header[drop + 1 :]
            rows = [row[:drop] + row[drop + 1 :] for row in rows]
    if draw(st.integers(0, 5)) == 0:  # a row of the wrong width
        rows.append(draw(st.lists(TEXT, max_size=len(header) + 2)))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
    )
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.integers(0, 5)) == 0:  # damage: something spliced in anywhere
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(TEXT) + text[cut:]
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


@st.composite
def new_deployment(draw) -> list[tuple[str, bytes]]:
    """Upload files adding deployment ``new-1`` with its status, a few cells made odd."""
    values = {
        "id": "new-1", "name": "New", "system": "sam-a", "operator": "BLR", "host": "BLR",
        "lat": "53.5", "lon": "27.5", "precision": "town", "notes": "", "confidence": "",
    }  # fmt: skip
    status = {"deployment": "new-1", "date": "2015", "status": "operational", "citations": "c-ops"}
    for target in (values, status):
        for column in draw(st.lists(st.sampled_from(sorted(target)), max_size=2)):
            target[column] = draw(cell(column))
    files = []
    for name, row in (("deployments.csv", values), ("status.csv", status)):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
        files.append((name, buffer.getvalue().encode()))
    if draw(st.booleans()):  # the deployment as GeoJSON instead
        props = {k: v for k, v in values.items() if k not in ("lat", "lon")}
        lon = draw(st.one_of(st.just(27.5), st.floats(allow_nan=True), TEXT))
        feature = {"type": "Feature", "properties": props,
                   "geometry": {"type": "Point", "coordinates": [lon, 53.5]}}  # fmt: skip
        collection = {"type": "FeatureCollection", "features": [feature]}
        files[0] = ("new.geojson", json.dumps(collection).encode())
    return files


def any_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=200), TEXT.map(lambda t: t.encode("utf-8", "replace")))


JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT)
JSON = st.recursive(
    JSON_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def geojson(draw) -> bytes:
    """A FeatureCollection of deployment Points with odd parts, or any JSON, or any bytes."""
    properties = st.one_of(
        st.fixed_dictionaries(
            {
                c.name: cell(c.name)
                for c in TABLES["deployments"].columns
                if c.name not in ("lat", "lon")
            }
        ),
        JSON,
    )
    coordinates = st.one_of(
        st.lists(st.one_of(st.floats(-200, 200), st.integers(), JSON_SCALAR), max_size=3), JSON
    )
    geometry = st.one_of(
        st.fixed_dictionaries(
            {"type": st.sampled_from(["Point", "LineString", "point"]), "coordinates": coordinates}
        ),
        JSON,
    )
    feature = st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("Feature"), "properties": properties, "geometry": geometry}
        ),
        JSON,
    )
    document = st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("FeatureCollection"), "features": st.lists(feature, max_size=4)}
        ),
        JSON,
    )
    kind = draw(st.sampled_from(["document", "document", "nested", "bytes"]))
    if kind == "bytes":
        return draw(any_bytes())
    if kind == "nested":
        depth = draw(st.integers(1, 5000))
        return ('{"features": ' + "[" * depth + "]" * depth + "}").encode()
    return json.dumps(draw(document), allow_nan=True).encode()


@st.composite
def article_file(draw) -> bytes:
    """An article: the fixture's alpha.md with front matter and body edited, or made up."""
    text = (FIXTURES / "good" / "articles" / "alpha.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    keys = ["title", "publisher", "date", "url", "language", "text", "source_kind", "x", "bad key"]
    values = {
        "date": cell("date"),
        "url": st.sampled_from(["https://e.example/a", "javascript:alert(1)", "", "http://x"]),
        "text": st.sampled_from(["full", "excerpts", "summary"]),
        "source_kind": st.sampled_from(["official", "wire", "rumour", ""]),
    }
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(keys))
        line = f"{key}: {draw(values.get(key, TEXT))}"
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, line)
        if draw(st.booleans()):  # replace a line instead of adding one
            del lines[draw(st.integers(0, len(lines) - 1))]
    lines += draw(st.lists(TEXT, max_size=3))
    separator = draw(st.sampled_from(["\n"] * 4 + ["\r\n", "\r", "\u2028"]))
    encoding = draw(st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", "utf-16"]))
    return separator.join(lines).encode(encoding, errors="replace")
