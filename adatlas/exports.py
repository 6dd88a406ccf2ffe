"""Exports of one view's deployments: CSV, GeoJSON, KML (Google Earth), GeoPackage (QGIS).

Every function takes the frame returned by :func:`adatlas.query.as_of` and returns bytes, so
the dashboard's download buttons and the CLI produce exactly the same files.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import simplekml
from markupsafe import escape
from shapely.geometry import shape

from adatlas import fileio, styles
from adatlas.dataset import CRS, Dataset
from adatlas.query import citation_details
from adatlas.serialize import deployments_csv, deployments_feature_collection, ring_features

FORMATS = ("csv", "geojson", "kml", "gpkg")
MEDIA_TYPES = {
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "kml": "application/vnd.google-earth.kml+xml",
    "gpkg": "application/geopackage+sqlite3",
}


class ExportError(Exception):
    """A user-facing export problem (bad path, existing file, unknown format)."""


def to_csv(dataset: Dataset, frame: gpd.GeoDataFrame) -> bytes:
    return deployments_csv(frame).encode("utf-8")


def to_geojson(dataset: Dataset, frame: gpd.GeoDataFrame, rings: bool = True) -> bytes:
    collection = deployments_feature_collection(dataset, frame, rings=rings)
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def _kml_color(hex_color: str, alpha: int = 255) -> str:
    """``#rrggbb`` → KML's ``aabbggrr``."""
    red, green, blue = hex_color[1:3], hex_color[3:5], hex_color[5:7]
    return f"{alpha:02x}{blue}{green}{red}"


def to_kml(dataset: Dataset, frame: gpd.GeoDataFrame, rings: bool = True) -> bytes:
    """KML with a folder of deployments (sourced descriptions) and one of range rings."""
    kml = simplekml.Kml(name="adatlas deployments")
    points = kml.newfolder(name="Deployments")
    for _, row in frame.iterrows():
        placemark = points.newpoint(name=str(row["name"]), coords=[(row["lon"], row["lat"])])
        sources = "".join(
            f"<li>“{escape(c['excerpt'])}” — {escape(c['publisher'])}, "
            f"<i>{escape(c['title'])}</i>, {escape(c['date'])}</li>"
            for c in citation_details(dataset, row["citations"])
        )
        placemark.description = (
            f"<b>{escape(row['system_name'])}</b> {escape(row['missile'])}<br>"
            f"Operator {escape(row['operator'])}, host {escape(row['host'])}<br>"
            f"Status {escape(row['status'])} since {escape(row['status_since'])}<br>"
            f"Last confirmed {escape(row['last_confirmed'])}"
            f"{' (stale)' if row['stale'] else ''}<br>"
            f"Confidence: {escape(row['confidence'] or 'not stated')}<br>"
            f"Location precision: {escape(row['precision'])}<ol>{sources}</ol>"
        )
        placemark.extendeddata.newdata("id", str(row["id"]))
        placemark.extendeddata.newdata("status", str(row["status"]))
        placemark.extendeddata.newdata("last_confirmed", str(row["last_confirmed"]))
        placemark.extendeddata.newdata("stale", "true" if row["stale"] else "false")
        placemark.extendeddata.newdata("confidence", str(row["confidence"]))
        color = str(styles.STATUS_STYLE[row["status"]]["color"])
        placemark.style.iconstyle.color = _kml_color(color)
    if rings:
        folder = kml.newfolder(name="Range rings (geodesic)")
        for ring in ring_features(frame):
            props = ring["properties"]
            coords = shape(ring["geometry"]).exterior.coords
            polygon = folder.newpolygon(
                name=f"{props['deployment']} {props['radius_km']:.0f} km", outerboundaryis=coords
            )
            color = str(styles.STATUS_STYLE[props["status"]]["color"])
            polygon.style.linestyle.color = _kml_color(color)
            polygon.style.polystyle.color = _kml_color(color, 40)
            polygon.tessellate = 1
    return kml.kml().encode("utf-8")


def to_gpkg(
    dataset: Dataset, frame: gpd.GeoDataFrame, borders: gpd.GeoDataFrame | None = None
) -> bytes:
    """GeoPackage with layers ``deployments``, ``rings`` and (if given) ``borders``."""
    points = frame.drop(columns=["status_since_ts", "last_confirmed_ts"]).reset_index(drop=True)
    points["citations"] = points["citations"].map(";".join)
    for column in points.columns:
        if column != "geometry" and points[column].dtype == object:
            points[column] = points[column].astype(str)
    features = ring_features(frame)
    rings = gpd.GeoDataFrame(
        pd.DataFrame([f["properties"] for f in features]),
        geometry=[shape(f["geometry"]) for f in features],
        crs=CRS,
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.gpkg"
        gpd.GeoDataFrame(points, geometry="geometry", crs=CRS).to_file(
            path, layer="deployments", driver="GPKG"
        )
        if len(rings):
            rings.to_file(path, layer="rings", driver="GPKG")
        if borders is not None and len(borders):
            borders.to_file(path, layer="borders", driver="GPKG")
        return path.read_bytes()


def export(
    dataset: Dataset,
    frame: gpd.GeoDataFrame,
    fmt: str,
    borders: gpd.GeoDataFrame | None = None,
) -> bytes:
    """The bytes of ``frame`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return to_csv(dataset, frame)
    if fmt == "geojson":
        return to_geojson(dataset, frame)
    if fmt == "kml":
        return to_kml(dataset, frame)
    if fmt == "gpkg":
        return to_gpkg(dataset, frame, borders)
    raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`adatlas.fileio.write_atomic`).

    Refuses to replace an existing file unless ``force``; on any failure the target is untouched.
    The file gets the permissions of any new file (the umask), not mkstemp's owner-only 0600.
    """
    path = Path(path)
    if path.exists() and not force:
        raise ExportError(f"{path} exists; use --force to overwrite it")
    if path.exists() and path.is_dir():
        raise ExportError(f"{path} is a directory")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"directory {directory} does not exist")
    try:
        fileio.write_atomic(path, data, overwrite=force)
    except FileExistsError:
        raise ExportError(f"{path} exists; use --force to overwrite it") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ExportError(f"cannot write {fileio.shown(path)}: {reason}") from None
