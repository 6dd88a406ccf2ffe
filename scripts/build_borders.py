"""Build country borders for Europe, the Caucasus and Central Asia from Natural Earth.

Source: Natural Earth 1:10m "Admin 0 – Countries" (public domain) as redistributed in the npm
package ``world-atlas`` 2.0.2 (ISC licence), file ``countries-10m.json`` (TopoJSON, quantized to a
1e5 × 1e5 grid). Nothing is drawn or edited by hand: every coordinate comes from that file.

Run from the repository root (needs ``npm`` on PATH and the project's Python environment, i.e.
geopandas/shapely/pyproj/pycountry; takes about 5 seconds):

    .venv/bin/python scripts/build_borders.py

It downloads the package with ``npm pack world-atlas@2.0.2`` into a temporary directory (never
into the repository), checks the SHA-256 of ``countries-10m.json`` against the pinned value and
writes

* ``geodata/borders.geojson`` – one Feature per country (``iso3``, ``name``, ``ne_name``),
* ``geodata/land_borders.geojson`` – one Feature per pair of neighbouring countries (``a``, ``b``,
  ``name``, ``length_km``), made of the topology's arcs shared by exactly those two countries,
* ``geodata/borders.PROVENANCE.md`` – source, licence, command, region and mapping rules.

Options: ``--tarball PATH`` uses an already downloaded ``world-atlas-2.0.2.tgz`` instead of
calling npm; ``--out-dir DIR`` writes elsewhere (default: the repository's ``geodata/``);
``--crimea RUS`` keeps Natural Earth's assignment of Crimea to Russia (default ``UKR``, see
CRIMEA_BBOX below). The rules for ISO codes and id-less units are in the constants below and in
the generated PROVENANCE file.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import shapely
import shapely.affinity
from pyproj import Geod
from shapely.geometry import (
    LineString,
    MultiLineString,
    Point,
    Polygon,
    box,
    mapping,
)
from shapely.geometry.base import BaseGeometry

PACKAGE = "world-atlas"
VERSION = "2.0.2"
SOURCE_FILE = "countries-10m.json"
# SHA-256 of package/countries-10m.json in world-atlas@2.0.2 (npm tarball shasum
# 4bca4a578f3a413bd409c3f07f2054fe7375824f). A different file fails the build.
SOURCE_SHA256 = "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"

# A country is kept if any part of it intersects SELECT_BBOX; the kept geometry is then clipped
# to CLIP_BBOX so that Russia, China, Greenland, India ... stay bounded.
SELECT_BBOX = (-25.0, 30.0, 90.0, 72.0)  # lon_min, lat_min, lon_max, lat_max
CLIP_BBOX = (-32.0, 27.0, 100.0, 82.0)
DECIMALS = 5

# Units that world-atlas leaves without an ISO 3166-1 numeric id (Natural Earth ISO_N3 = -99).
# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the EU and others.
NO_ID_ISO3 = {"Kosovo": "XKX"}
# Baikonur is Kazakh territory leased to Russia (Natural Earth's sovereign: Kazakhstan); left
# apart it would be a hole in Kazakhstan, so it is merged into KAZ.
MERGE_INTO = {"Baikonur": "KAZ"}
# Other id-less units in the region are kept as their own features with an empty iso3 so the map
# has no holes (N. Cyprus, Cyprus U.N. Buffer Zone, Akrotiri, Dhekelia, Siachen Glacier); they
# get no land_borders features. Units listed here are dropped instead (none at present).
DROP_NAMES: frozenset[str] = frozenset()

# Short English names where the ISO 3166-1 name is a long formal one.
NAME_OVERRIDES = {
    "IRN": "Iran",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TUR": "Turkey",
    "XKX": "Kosovo",
}

# Natural Earth 4.1.0 draws Crimea (with Sevastopol) as part of Russia (its "de facto" rule).
# With --crimea UKR (the default) the Natural Earth polygon of Russia lying wholly inside
# CRIMEA_BBOX (that one polygon: the peninsula) is assigned to Ukraine instead, as in ISO 3166-2:UA
# and UN General Assembly resolution 68/262; this matches how the same file draws Abkhazia, South
# Ossetia, Transnistria and Nagorno-Karabakh (inside Georgia, Moldova, Azerbaijan). The polygon
# itself is not changed. --crimea RUS keeps Natural Earth's assignment.
CRIMEA_BBOX = (32.0, 44.0, 36.8, 46.4)

# Places checked after each build: (lon, lat, expected iso3). Simferopol and Sevastopol are
# expected in the country chosen with --crimea.
CONTROL_POINTS: dict[str, tuple[float, float, str]] = {
    "Kaliningrad": (20.51, 54.71, "RUS"),
    "Vilnius": (25.28, 54.69, "LTU"),
    "Minsk": (27.56, 53.90, "BLR"),
    "Warsaw": (21.01, 52.23, "POL"),
    "Simferopol": (34.10, 44.95, "UKR"),
    "Sevastopol": (33.52, 44.60, "UKR"),
    "Donetsk": (37.80, 48.00, "UKR"),
    "Tiraspol": (29.63, 46.84, "MDA"),
    "Sukhumi": (41.02, 43.00, "GEO"),
    "Tskhinvali": (43.96, 42.23, "GEO"),
    "Stepanakert": (46.75, 39.82, "AZE"),
    "Baikonur": (63.31, 45.62, "KAZ"),
    "Pristina": (21.16, 42.66, "XKX"),
    "Katzrin (Golan Heights)": (35.69, 32.99, "ISR"),
}

GEOD = Geod(ellps="WGS84")

Arcs = Sequence[list[tuple[float, float]]]
TopoPolygon = list[list[int]]  # rings, each a list of arc indices (~i = arc i reversed)


@dataclass
class Unit:
    """One country (or id-less unit) of the output, built from one or more topology geometries."""

    key: str  # iso3, or "~" + Natural Earth name for units without iso3
    iso3: str
    name: str
    ne_names: list[str] = field(default_factory=list)
    polygons: list[TopoPolygon] = field(default_factory=list)


# --------------------------------------------------------------------------- fetching


def fetch_tarball(workdir: Path) -> Path:
    """Run ``npm pack world-atlas@2.0.2`` in *workdir* and return the tarball path."""
    cmd = ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"]
    result = subprocess.run(cmd, cwd=workdir, check=True, capture_output=True, text=True)
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def read_source(tarball: Path) -> tuple[dict[str, Any], bytes]:
    """Return the parsed TopoJSON and its raw bytes from the npm tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(f"package/{SOURCE_FILE}")
        if member is None:
            raise SystemExit(f"{SOURCE_FILE} not found in {tarball}")
        raw = member.read()
    return json.load(io.BytesIO(raw)), raw


# --------------------------------------------------------------------------- TopoJSON decoding


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode delta-encoded, quantized arcs into absolute lon/lat positions."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (kx, ky), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def arc_points(index: int, arcs: Sequence[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Positions of arc *index*; a negative index ``~i`` means arc ``i`` reversed."""
    if index >= 0:
        return arcs[index]
    return arcs[~index][::-1]


def ring(indices: Sequence[int], arcs: Sequence[list[tuple[float, float]]]) -> list[tuple]:
    """Concatenate arcs into one ring, dropping each following arc's duplicated first point.

    Longitudes are unwrapped (a jump of more than 180° is taken as a crossing of the
    antimeridian), so a ring across it (Chukotka, the Aleutians) extends beyond ±180°;
    :func:`wrap_longitudes` cuts it back afterwards.
    """
    points: list[tuple[float, float]] = []
    for index in indices:
        pts = arc_points(index, arcs)
        points.extend(pts if not points else pts[1:])
    shift = 0.0
    unwrapped = points[:1]
    for (x0, _), (x1, y1) in itertools.pairwise(points):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        unwrapped.append((x1 + shift, y1))
    if unwrapped and abs(unwrapped[0][0] - unwrapped[-1][0]) > 1e-9:
        raise ValueError("ring encircles a pole; not supported")
    return unwrapped


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split an arc where it jumps across the antimeridian (the jump itself is dropped)."""
    pieces: list[list[tuple[float, float]]] = [points[:1]]
    for p0, p1 in itertools.pairwise(points):
        if abs(p1[0] - p0[0]) > 180:
            pieces.append([])
        pieces[-1].append(p1)
    return [piece for piece in pieces if len(piece) >= 2]


def wrap_longitudes(geom: BaseGeometry) -> BaseGeometry:
    """Cut a geometry that extends beyond ±180° at the antimeridian and shift the pieces back."""
    minx, _, maxx, _ = geom.bounds
    if geom.is_empty or (minx >= -180 and maxx <= 180):
        return geom
    pieces = []
    for offset in (-360, 0, 360):
        window = box(-180 + offset, -90, 180 + offset, 90)
        piece = geom.intersection(window)
        if not piece.is_empty:
            pieces.append(shapely.affinity.translate(piece, xoff=-offset))
    return shapely.union_all(pieces)


def make_polygon(rings: Sequence[list[tuple[float, float]]]) -> Polygon | None:
    """Polygon from an exterior and holes; rings collapsed by quantization (< 4 points) are
    skipped (a collapsed exterior drops the whole polygon)."""
    shell, *holes = rings
    if len(shell) < 4:
        return None
    return Polygon(shell, [h for h in holes if len(h) >= 4])


def topo_polygons(geom: dict[str, Any]) -> list[TopoPolygon]:
    """The polygons of a TopoJSON Polygon/MultiPolygon."""
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["arcs"])
    raise ValueError(f"unexpected geometry type {geom['type']}")


def topo_to_shapes(polygons: Sequence[TopoPolygon], arcs: Arcs) -> list[Polygon]:
    """Shapely polygons (unwrapped longitudes, possibly invalid) for TopoJSON polygons."""
    shapes = [make_polygon([ring(r, arcs) for r in poly]) for poly in polygons]
    return [p for p in shapes if p is not None]


def unit_shape(polygons: Sequence[TopoPolygon], arcs: Arcs) -> BaseGeometry:
    """Valid (Multi)Polygon for a unit, cut at the antimeridian into -180..180."""
    parts = [polygonal(p) for p in topo_to_shapes(polygons, arcs)]
    return wrap_longitudes(polygonal(shapely.union_all(parts)))


def raw_bounds(polygons: Sequence[TopoPolygon], arcs: Arcs) -> BaseGeometry:
    """Bounding box of all arc positions of *polygons* (no antimeridian handling)."""
    points = [p for index in arc_ids(polygons) for p in arcs[index]]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return box(min(xs), min(ys), max(xs), max(ys))


def arc_ids(polygons: Sequence[TopoPolygon]) -> Iterable[int]:
    """Arc numbers (non-negative) used by TopoJSON polygons."""
    for poly in polygons:
        for r in poly:
            for index in r:
                yield index if index >= 0 else ~index


# --------------------------------------------------------------------------- units and ISO codes


def iso3_for(numeric_id: str | None, ne_name: str) -> str:
    """ISO 3166-1 alpha-3 for world-atlas's numeric id; empty for units without one."""
    if numeric_id is None:
        return NO_ID_ISO3.get(ne_name, "")
    country = pycountry.countries.get(numeric=numeric_id)
    if country is None:
        raise SystemExit(f"no ISO 3166-1 country for numeric id {numeric_id} ({ne_name})")
    return str(country.alpha_3)


def display_name(iso3: str, ne_name: str) -> str:
    """Short English name: override, else pycountry's common name, else its name."""
    if not iso3:
        return ne_name
    if iso3 in NAME_OVERRIDES:
        return NAME_OVERRIDES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    return str(getattr(country, "common_name", None) or country.name)


def build_units(
    geometries: Sequence[dict[str, Any]], arcs: Arcs, crimea: str = "UKR"
) -> dict[str, Unit]:
    """Group topology polygons into output units keyed by iso3 (or ``~name``)."""
    units: dict[str, Unit] = {}

    def add(iso3: str, ne_name: str, label: str, poly: TopoPolygon) -> None:
        key = iso3 or f"~{ne_name}"
        unit = units.get(key)
        if unit is None:
            unit = units[key] = Unit(key, iso3, display_name(iso3, ne_name))
        if label not in unit.ne_names:
            unit.ne_names.append(label)
        unit.polygons.append(poly)

    crimea_box = box(*CRIMEA_BBOX)
    for geom in geometries:
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        ne_name = geom.get("properties", {}).get("name", "")
        if ne_name in DROP_NAMES:
            continue
        iso3 = MERGE_INTO.get(ne_name) or iso3_for(geom.get("id"), ne_name)
        for poly in topo_polygons(geom):
            if crimea == "UKR" and iso3 == "RUS" and raw_bounds([poly], arcs).within(crimea_box):
                add("UKR", "Ukraine", "Russia (Crimea)", poly)
            else:
                add(iso3, ne_name, ne_name, poly)
    return units


# --------------------------------------------------------------------------- geometry helpers


def round_geometry(geom: BaseGeometry) -> BaseGeometry:
    """Round coordinates to DECIMALS places (≈1 m)."""
    return shapely.set_precision(geom, 10.0**-DECIMALS, mode="pointwise")


def flat_parts(geom: BaseGeometry) -> list[BaseGeometry]:
    """Single-part geometries inside *geom* (collections and multi-geometries flattened)."""
    out: list[BaseGeometry] = []
    for part in shapely.get_parts(geom):
        if shapely.get_type_id(part) in (4, 5, 6, 7):  # Multi* and GeometryCollection
            out.extend(flat_parts(part))
        elif not part.is_empty:
            out.append(part)
    return out


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal parts of *geom*, made valid, as a Polygon or MultiPolygon."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [g for g in flat_parts(geom) if isinstance(g, Polygon)]
    if not parts:
        return Polygon()
    merged = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    return shapely.orient_polygons(merged)  # exterior rings counter-clockwise (RFC 7946)


def lineal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the lineal parts of *geom*, merged into as few lines as possible."""
    parts = [g for g in flat_parts(geom) if isinstance(g, LineString)]
    if not parts:
        return LineString()
    merged = shapely.line_merge(MultiLineString(parts))
    return merged


def rounded_coords(obj: Any) -> Any:
    """Round nested coordinate lists (float → DECIMALS places) for compact JSON."""
    if isinstance(obj, (list, tuple)):
        return [rounded_coords(o) for o in obj]
    if isinstance(obj, float):
        value = round(obj, DECIMALS)
        return 0.0 if value == 0 else value
    return obj


# --------------------------------------------------------------------------- output


def feature_json(properties: dict[str, Any], geom: BaseGeometry) -> str:
    """One GeoJSON Feature as a single compact line."""
    geo = mapping(geom)
    feature = {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": geo["type"], "coordinates": rounded_coords(geo["coordinates"])},
    }
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_collection(path: Path, lines: Sequence[str]) -> None:
    """Write a FeatureCollection with one feature per line (diff-friendly)."""
    body = ",\n".join(lines)
    path.write_text(f'{{"type":"FeatureCollection","features":[\n{body}\n]}}\n', encoding="utf-8")


@dataclass
class Result:
    """Countries (clipped, sorted by iso3) and land borders (sorted by pair) of the region."""

    countries: list[tuple[Unit, BaseGeometry]]
    borders: list[tuple[str, str, str, BaseGeometry, float]]
    crimea: str


def build(topology: dict[str, Any], crimea: str = "UKR") -> Result:
    """Select, clip and pair the countries of the region."""
    arcs = decode_arcs(topology)
    units = build_units(topology["objects"]["countries"]["geometries"], arcs, crimea)
    select_box = box(*SELECT_BBOX)
    clip_box = box(*CLIP_BBOX)

    countries: list[tuple[Unit, BaseGeometry]] = []
    for unit in units.values():
        if not raw_bounds(unit.polygons, arcs).intersects(select_box):
            continue  # cheap pre-filter (also skips Antarctica, whose ring encircles the pole)
        full = unit_shape(unit.polygons, arcs)
        if not full.intersects(select_box):
            continue
        clipped = polygonal(round_geometry(full.intersection(clip_box)))
        countries.append((unit, clipped))
    countries.sort(key=lambda item: (item[0].iso3, item[0].name))
    kept = {unit.key for unit, _ in countries}

    # Arcs shared by exactly two units are their common land border.
    users: dict[int, set[str]] = defaultdict(set)
    for unit in units.values():
        for index in arc_ids(unit.polygons):
            users[index].add(unit.key)
    pair_arcs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, keys in users.items():
        if len(keys) != 2:
            continue
        a, b = sorted(keys)
        if a in kept and b in kept and units[a].iso3 and units[b].iso3:
            pair_arcs[(a, b)].append(index)

    borders: list[tuple[str, str, str, BaseGeometry, float]] = []
    for (a, b), indices in sorted(pair_arcs.items()):
        pieces = [piece for i in sorted(indices) for piece in split_at_antimeridian(arcs[i])]
        lines = MultiLineString(pieces)
        clipped = lineal(round_geometry(lines.intersection(clip_box)))
        if clipped.is_empty:
            continue
        length_km = GEOD.geometry_length(clipped) / 1000.0
        name = f"{units[a].name}–{units[b].name}"
        borders.append((a, b, name, clipped, length_km))
    return Result(countries, borders, crimea)


def check(result: Result) -> list[str]:
    """Sanity checks on the output; returns human-readable findings, raises on failure."""
    isos = [unit.iso3 for unit, _ in result.countries if unit.iso3]
    if len(isos) != len(set(isos)):
        raise SystemExit("duplicate iso3 codes")
    expected = dict(CONTROL_POINTS)
    for place in ("Simferopol", "Sevastopol"):
        expected[place] = (*CONTROL_POINTS[place][:2], result.crimea)
    for place, (lon, lat, iso3) in expected.items():
        found = [u.iso3 for u, geom in result.countries if geom.contains(Point(lon, lat))]
        if found != [iso3]:
            raise SystemExit(f"{place} ({lat} N, {lon} E) falls in {found}, expected {iso3}")
    # Kaliningrad: a part of RUS of its own, bordering Lithuania and Poland.
    by_iso = {unit.iso3: geom for unit, geom in result.countries if unit.iso3}
    kaliningrad = Point(*CONTROL_POINTS["Kaliningrad"][:2])
    oblast = next(p for p in shapely.get_parts(by_iso["RUS"]) if p.contains(kaliningrad))
    if not (oblast.touches(by_iso["LTU"]) and oblast.touches(by_iso["POL"])):
        raise SystemExit("the Kaliningrad part of RUS does not border both LTU and POL")
    if oblast.area > 5:  # square degrees; the oblast is about 2.2
        raise SystemExit("the Kaliningrad part of RUS is joined to the rest of Russia")
    pairs = {(a, b): km for a, b, _, _, km in result.borders}
    for pair in (("LTU", "RUS"), ("POL", "RUS"), ("BLR", "LTU"), ("BLR", "POL")):
        if pair not in pairs:
            raise SystemExit(f"missing land border {pair}")
    return [f"{a}–{b}: {pairs[(a, b)]:.1f} km" for a, b in sorted(pairs) if "BLR" in (a, b)]


def provenance(result: Result, out_dir: Path, sha256: str) -> str:
    """Text of borders.PROVENANCE.md."""
    sizes = {
        name: (out_dir / name).stat().st_size
        for name in ("borders.geojson", "land_borders.geojson")
    }
    no_iso = sorted(unit.name for unit, _ in result.countries if not unit.iso3)
    isos = textwrap.fill(
        ", ".join(unit.iso3 for unit, _ in result.countries if unit.iso3),
        width=98,
        subsequent_indent="  ",
    )
    checked = textwrap.fill(
        ", ".join(
            f"{place} {result.crimea if place in ('Simferopol', 'Sevastopol') else iso3}"
            for place, (_, _, iso3) in CONTROL_POINTS.items()
        ),
        width=98,
        subsequent_indent="  ",
    )
    lt = {(a, b): km for a, b, _, _, km in result.borders}
    if result.crimea == "UKR":
        crimea_text = (
            "This build (`--crimea UKR`, the default) assigns that one Natural Earth\n"
            "  polygon — the part of Russia lying wholly inside lon "
            f"{CRIMEA_BBOX[0]}..{CRIMEA_BBOX[2]}, lat {CRIMEA_BBOX[1]}..{CRIMEA_BBOX[3]} — "
            "to `UKR`,\n  unchanged, as ISO 3166-2:UA and UN General Assembly resolution "
            "68/262 have it\n  (its `ne_name` lists `Russia (Crimea)`); "
            "`--crimea RUS` keeps Natural Earth's assignment."
        )
    else:
        crimea_text = "This build (`--crimea RUS`) keeps Natural Earth's assignment."
    return f"""# Provenance of `borders.geojson` and `land_borders.geojson`

Generated by `scripts/build_borders.py`; do not edit these files by hand.

## Source

- **Natural Earth** 1:10m Cultural Vectors, *Admin 0 – Countries* (version 4.1.0 as packaged),
  <https://www.naturalearthdata.com/>. Natural Earth is in the **public domain**.
- Taken from the npm package **`{PACKAGE}@{VERSION}`** (Mike Bostock, **ISC** licence),
  file `{SOURCE_FILE}`: TopoJSON quantized to a 1e5 × 1e5 grid over the world
  (0.0036° in longitude, 0.0017° in latitude, i.e. about 0.2 km at 55° N; 477,295 arc
  vertices worldwide, which matches an unsimplified conversion of Natural Earth 1:10m).
- SHA-256 of `{SOURCE_FILE}`: `{sha256}` (checked by the script).

## Regenerate

```sh
python scripts/build_borders.py{" --crimea RUS" if result.crimea == "RUS" else ""}
```

(from the repository root; it runs `npm pack {PACKAGE}@{VERSION}` in a temporary directory.)

## Region

- A country is kept if it intersects lon {SELECT_BBOX[0]}..{SELECT_BBOX[2]},
  lat {SELECT_BBOX[1]}..{SELECT_BBOX[3]}.
- Each kept country is clipped to lon {CLIP_BBOX[0]}..{CLIP_BBOX[2]},
  lat {CLIP_BBOX[1]}..{CLIP_BBOX[3]}
  (so Russia, China, Greenland, India, Saudi Arabia … are cut at that box; their land borders
  are cut there too, and `length_km` is the length inside the box).
- No simplification: vertices are those of world-atlas's 10m file, rounded to {DECIMALS} decimal
  places (≈1 m). Exterior rings are counter-clockwise (RFC 7946). CRS: EPSG:4326 (WGS 84).
- Accuracy: the positional error is that of Natural Earth 1:10m (generalised for maps at about
  1:10,000,000; vertices on land borders are typically 2–4 km apart) plus at most half a
  quantization step (≈0.1 km) from world-atlas; rounding adds < 1 m. Polygons that the
  quantization made invalid are repaired with GEOS `make_valid`; rings that it collapsed to fewer
  than 4 points (tiny islets) are dropped.

## Countries and ISO codes

- `iso3` is ISO 3166-1 alpha-3, looked up with `pycountry` from world-atlas's feature `id`
  (ISO 3166-1 numeric, from Natural Earth's `ISO_N3`). `name` is a short English name (pycountry's
  common name or name, with short forms for {", ".join(sorted(NAME_OVERRIDES))});
  `ne_name` is Natural Earth's name.
- Exceptions (units that world-atlas leaves without an id):
  - **Kosovo** → `XKX` (not an ISO 3166-1 code; the user-assigned code used by the EU and others).
  - **Baikonur** (leased to Russia, sovereign Kazakh territory) is merged into `KAZ`.
  - Kept with an **empty** `iso3`, as separate features so the map has no holes:
    {", ".join(no_iso)}.
    They get no `land_borders` features.
- **Crimea**: Natural Earth 4.1.0 draws the peninsula (with Sevastopol) inside Russia (its
  "de facto" rule). {crimea_text}
  Natural Earth's other choices in the region are kept as they are: Abkhazia and South Ossetia
  inside Georgia, Transnistria inside Moldova, Nagorno-Karabakh inside Azerbaijan, Donbas inside
  Ukraine, the Golan Heights inside Israel, Kosovo separate from Serbia.
- Each build checks that Kaliningrad (54.71 N, 20.51 E) lies in a part of `RUS` of its own that
  borders `LTU` and `POL`, and that these places fall in exactly one country, the one given:
  {checked}.
- As in ISO 3166-1 (and Natural Earth), territories with their own code are their own features:
  Åland (`ALA`, not FIN), Faroe Islands (`FRO`) and Greenland (`GRL`, not DNK), Guernsey, Jersey,
  Isle of Man and Gibraltar (`GGY`, `JEY`, `IMN`, `GIB`, not GBR).
- Countries ({len(result.countries)} features):
  {isos}.

## Land borders

`land_borders.geojson` has one Feature per pair of neighbouring countries: the topology arcs used
by exactly those two countries (so it is exactly the shared edge of the two polygons in
`borders.geojson`), merged into (Multi)LineStrings. Properties: `a`, `b` (iso3, sorted), `name`,
`length_km` (geodesic on the WGS 84 ellipsoid, `pyproj.Geod(ellps="WGS84")`). Natural Earth's
1:10m generalisation makes lengths somewhat shorter than official figures, e.g.
BLR–LTU {lt.get(("BLR", "LTU"), 0):.0f} km (commonly cited: ≈ 680 km),
BLR–POL {lt.get(("BLR", "POL"), 0):.0f} km (commonly cited: ≈ 420 km).

## Files

| file | bytes |
|---|---|
| `borders.geojson` | {sizes["borders.geojson"]:,} |
| `land_borders.geojson` | {sizes["land_borders.geojson"]:,} |
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="use this world-atlas-2.0.2.tgz, skip npm")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "geodata",
        help="output directory (default: geodata/ of the repository)",
    )
    parser.add_argument(
        "--crimea",
        choices=("UKR", "RUS"),
        default="UKR",
        help="country of the Crimea polygon: UKR (ISO/UN, default) or RUS (as Natural Earth)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="world-atlas-") as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        topology, raw = read_source(tarball)
    sha256 = hashlib.sha256(raw).hexdigest()
    if sha256 != SOURCE_SHA256:
        raise SystemExit(f"{SOURCE_FILE}: SHA-256 {sha256} != pinned {SOURCE_SHA256}")

    result = build(topology, args.crimea)
    findings = check(result)

    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    country_lines = [
        feature_json({"iso3": u.iso3, "name": u.name, "ne_name": "; ".join(u.ne_names)}, g)
        for u, g in result.countries
    ]
    write_collection(out_dir / "borders.geojson", country_lines)
    border_lines = [
        feature_json({"a": a, "b": b, "name": name, "length_km": round(km, 1)}, geom)
        for a, b, name, geom, km in result.borders
    ]
    write_collection(out_dir / "land_borders.geojson", border_lines)
    (out_dir / "borders.PROVENANCE.md").write_text(
        provenance(result, out_dir, sha256), encoding="utf-8"
    )

    print(f"{len(result.countries)} countries, {len(result.borders)} land borders")
    for line in findings:
        print(line)
    for name in ("borders.geojson", "land_borders.geojson"):
        print(f"{name}: {(out_dir / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
