"""The one loader: files → validated, typed, immutable tables (pandas/GeoDataFrames, EPSG:4326)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj

from adatlas.dates import parse_date
from adatlas.db import is_database_url
from adatlas.freshness import last_confirmed
from adatlas.lock import reading
from adatlas.problems import Problem
from adatlas.reader import RawDataset, RawTable, read_dataset
from adatlas.schema import TABLES, split_list
from adatlas.validate import validate_raw

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
# An object, not the string: each GeoDataFrame(crs="EPSG:4326") parses it again (≈ 1 ms).
CRS = pyproj.CRS.from_epsg(4326)


def default_data_dir() -> Path:
    """``$ADATLAS_DATA`` if set, else the repository root (the shipped dataset)."""
    env = os.environ.get("ADATLAS_DATA", "").strip()
    return Path(env) if env else REPOSITORY_ROOT


def default_location() -> str:
    """``$ADATLAS_DATA`` (a directory or a ``postgresql://`` URL), else the shipped dataset."""
    env = os.environ.get("ADATLAS_DATA", "").strip()
    return env or str(REPOSITORY_ROOT)


class DatasetError(Exception):
    """The dataset has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the dataset:\n{shown}{more}")


@dataclass(frozen=True)
class Dataset:
    """Validated tables of one dataset. Treat as read-only; queries return new frames."""

    root: str
    systems: pd.DataFrame  # index: id
    deployments: gpd.GeoDataFrame  # index: id; Point geometry, EPSG:4326
    status: pd.DataFrame  # deployment, date (as written), start (Timestamp), status, citations,
    # confidence, last_confirmed (as written) and last_confirmed_ts (see adatlas.freshness),
    # citations_so_far (of this row and the deployment's earlier ones)
    memberships: pd.DataFrame  # group, country, start/end (as written), start_ts/end_ts, standing
    events: gpd.GeoDataFrame  # index: id; geometry None where the event has no place
    citations: pd.DataFrame  # index: id; article, excerpt
    articles: pd.DataFrame  # index: id; title, publisher, date, date_ts, url, language, text,
    # source_kind, body
    confirmed: pd.DataFrame  # deployment, date (as written), start, status, citations, notes

    @property
    def groups(self) -> list[str]:
        return sorted(self.memberships["group"].unique())

    def summary(self) -> str:
        return (
            f"{len(self.systems)} systems, {len(self.deployments)} deployments, "
            f"{len(self.status)} status changes, {len(self.memberships)} memberships, "
            f"{len(self.confirmed)} confirmations, "
            f"{len(self.events)} events, {len(self.citations)} citations, "
            f"{len(self.articles)} articles"
        )


def load_dataset(
    root: Path | str | None = None,
    *,
    recorded_at: dt.datetime | None = None,
    include_proposed: bool = False,
) -> Dataset:
    """Read and validate the dataset at ``root``: a directory or a ``postgresql://`` URL
    (default: :func:`default_location`). A database also answers ``recorded_at`` (the dataset
    as it was recorded then) and ``include_proposed`` (drafts awaiting review, too).

    Raises :class:`DatasetError` listing every problem if the dataset is not valid.
    """
    root = root if root is not None else default_location()
    if is_database_url(root) or recorded_at is not None:
        from adatlas.store import open_store

        raw = open_store(root).read(recorded_at=recorded_at, include_proposed=include_proposed)
    else:
        with reading(root):  # never half of a write in progress
            raw = read_dataset(root)
    problems = validate_raw(raw)
    if problems:
        raise DatasetError(problems)
    return build_dataset(raw)


def build_dataset(raw: RawDataset) -> Dataset:
    """Type the tables of an already validated :class:`RawDataset`."""
    systems = _frame(raw.tables["systems"]).set_index("id", drop=False)
    systems["range_km"] = pd.to_numeric(systems["range_km"].replace("", None)).astype(float)
    systems["antenna_m"] = pd.to_numeric(systems["antenna_m"].replace("", None)).astype(float)

    deployments = _frame(raw.tables["deployments"])
    for axis in ("lat", "lon"):
        deployments[axis] = deployments[axis].astype(float)
    deployments = gpd.GeoDataFrame(
        deployments,
        geometry=gpd.points_from_xy(deployments["lon"], deployments["lat"]),
        crs=CRS,
    ).set_index("id", drop=False)

    status = _frame(raw.tables["status"])
    status["start"] = _timestamps(status["date"])
    status = status.sort_values(["deployment", "start"], kind="stable").reset_index(drop=True)

    # The citations of every row up to each one, so an as-of query reads them off one row.
    status["citations_so_far"] = _running_citations(status)

    confirmed = _frame(raw.tables["confirmed"])
    confirmed["start"] = _timestamps(confirmed["date"])

    memberships = _frame(raw.tables["memberships"])
    memberships["standing"] = memberships["standing"].replace("", "member")
    memberships["start_ts"] = _timestamps(memberships["start"])
    memberships["end_ts"] = _timestamps(memberships["end"])

    events = _frame(raw.tables["events"])
    has_place = (events["lat"] != "") & (events["lon"] != "")
    lat = pd.to_numeric(events["lat"].where(has_place, None)).astype(float)
    lon = pd.to_numeric(events["lon"].where(has_place, None)).astype(float)
    events["lat"], events["lon"] = lat, lon
    events["start"] = _timestamps(events["date"])
    geometry = [
        gpd.points_from_xy([x], [y])[0] if ok else None
        for x, y, ok in zip(lon, lat, has_place, strict=True)
    ]
    events = gpd.GeoDataFrame(events, geometry=geometry, crs=CRS).set_index("id", drop=False)

    citations = _frame(raw.tables["citations"]).set_index("id", drop=False)
    articles = pd.DataFrame(
        [
            {
                "id": a.id,
                "title": a.meta.get("title", ""),
                "publisher": a.meta.get("publisher", ""),
                "date": a.meta.get("date", ""),
                "url": a.meta.get("url", ""),
                "language": a.meta.get("language", ""),
                "text": a.meta.get("text", "full"),
                "source_kind": a.meta.get("source_kind", ""),
                "body": a.body,
            }
            for a in raw.articles.values()
        ],
        columns=[
            "id",
            "title",
            "publisher",
            "date",
            "url",
            "language",
            "text",
            "source_kind",
            "body",
        ],
    ).set_index("id", drop=False)
    articles["date_ts"] = _timestamps(articles["date"])
    status = status.join(last_confirmed(status, confirmed, citations, articles))
    return Dataset(
        raw.root, systems, deployments, status, memberships, events, citations, articles, confirmed
    )


def _running_citations(status: pd.DataFrame) -> list[list[str]]:
    """Per row of ``status`` (sorted by deployment, start): its citations and the earlier rows'."""
    running: list[list[str]] = []
    seen: dict[str, None] = {}
    previous = None
    for deployment, citations in zip(status["deployment"], status["citations"], strict=True):
        if deployment != previous:
            seen, previous = {}, deployment
        seen.update(dict.fromkeys(citations))
        running.append(list(seen))
    return running


def _frame(raw: RawTable) -> pd.DataFrame:
    """All columns as stripped text (extra columns carried through); lists split."""
    columns = list(dict.fromkeys([c.name for c in TABLES[raw.table.name].columns] + raw.columns))
    frame = pd.DataFrame(
        [[row.get(c) for c in columns] for row in raw.rows], columns=columns, dtype=object
    )
    frame = frame.fillna("")
    for column in raw.table.columns:
        if column.type in ("ref_list", "iso3_list"):
            frame[column.name] = frame[column.name].map(split_list)
    return frame


def _timestamps(values: pd.Series) -> pd.Series:
    return pd.to_datetime(
        [parse_date(v).start if v else None for v in values], errors="raise"
    ).to_series(index=values.index)
