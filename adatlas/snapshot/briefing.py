"""What a snapshot says about its frame: the deployments (and events) inside the extent, their
labels, the key table and the numbered sources.

Only what is in the frame counts: the caption's count, the key and the source list cover the
deployments drawn inside the map's extent, not the whole dataset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from adatlas.dataset import Dataset
from adatlas.view import View


@dataclass(frozen=True)
class Footnote:
    """One numbered source: an article behind something in the frame."""

    number: int
    publisher: str
    title: str
    date: str
    kind: str = ""
    url: str = ""

    def text(self) -> str:
        """``Publisher — Title (date) [kind]``."""
        return f"{self.publisher} — {self.title} ({self.date})" + (
            f" [{self.kind}]" if self.kind else ""
        )

    def short(self) -> str:
        """``Publisher, date``: for a run-on list where space is short."""
        return f"{self.publisher}, {self.date}"


@dataclass(frozen=True)
class KeyRow:
    """One row of the key: a label on the map and what it stands for."""

    label: str
    name: str
    system: str
    status: str  # "operational since 2016-05-12"
    last_confirmed: str  # "2024-01" (+ " (stale)")
    sources: str  # "3, 7"
    deployment: str = ""  # id ("" for events)

    def cells(self) -> list[str]:
        return [self.label, self.name, self.system, self.status, self.last_confirmed, self.sources]


KEY_COLUMNS = ("#", "Deployment", "System", "Status, since", "Last confirmed", "Sources")


@dataclass(frozen=True)
class Briefing:
    """The frame's content. ``deployments`` is the in-frame part of the view's
    :func:`~adatlas.query.as_of` frame in label order, with a ``label`` column; ``events``
    likewise (labels ``E1``…) when the events layer is on."""

    deployments: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    key: list[KeyRow]
    sources: list[Footnote]


def inside(frame: gpd.GeoDataFrame, crs: CRS, bounds: Sequence[float]) -> np.ndarray:
    """Which rows of ``frame`` (points, EPSG:4326) fall inside ``bounds`` projected to ``crs``."""
    if not len(frame):
        return np.zeros(0, dtype=bool)
    points = frame.geometry.to_crs(crs)
    x0, y0, x1, y1 = bounds
    return ((points.x >= x0) & (points.x <= x1) & (points.y >= y0) & (points.y <= y1)).to_numpy()


def _reading_order(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """North to south, then west to east: numbers follow the map as it is read. Records at
    one point stay together, in id order."""
    order = np.lexsort((frame["id"].to_numpy(), frame["lon"].round(5), -frame["lat"].round(5)))
    return frame.iloc[order]


def _footnotes(dataset: Dataset, citation_lists: list[list[str]]) -> tuple[list[Footnote], dict]:
    cited = sorted({c for cs in citation_lists for c in cs})
    if not cited:
        return [], {}
    articles = dataset.citations.loc[cited, "article"]
    table = dataset.articles.loc[articles.unique()].sort_values(["date", "publisher", "title"])
    numbers = {article: i for i, article in enumerate(table.index, start=1)}
    notes = [
        Footnote(
            numbers[a], row["publisher"], row["title"], row["date"], row["source_kind"], row["url"]
        )
        for a, row in table.iterrows()
    ]
    return notes, {c: numbers[a] for c, a in articles.items()}


def _numbers(citations: list[str], number_of: dict[str, int]) -> str:
    return ", ".join(str(n) for n in sorted({number_of[c] for c in citations}))


def briefing(
    dataset: Dataset,
    view: View,
    frame: gpd.GeoDataFrame,
    crs: CRS,
    bounds: Sequence[float],
    labels: dict[str, str] | None = None,
) -> Briefing:
    """The content of a map of ``view`` drawn in ``crs`` within ``bounds`` (projected metres).

    ``frame`` is the view's :func:`~adatlas.query.as_of` frame. ``labels`` fixes the label of
    a deployment id (Compare numbers both dates' deployments once); by default deployments are
    numbered in reading order.
    """
    shown = _reading_order(frame[inside(frame, crs, bounds)])
    if labels is None:
        labels = {ident: str(i) for i, ident in enumerate(shown["id"], start=1)}
    shown = shown.assign(label=[labels[i] for i in shown["id"]])
    events = dataset.events.iloc[:0].assign(label=[])
    if "events" in view.layers:
        dated = dataset.events[
            (dataset.events["start"] <= pd.Timestamp(view.date)) & dataset.events.geometry.notna()
        ]
        events = _reading_order(dated[inside(dated, crs, bounds)])
        events = events.assign(label=[f"E{i}" for i in range(1, len(events) + 1)])
    sources, number_of = _footnotes(
        dataset, list(shown["citations"]) + list(events["citations"] if len(events) else [])
    )
    key = [
        KeyRow(
            label,
            name,
            system_name,
            status + (" (proposed)" if is_proposed else ""),
            f"{confirmed} (stale)" if is_stale else confirmed,
            _numbers(cites, number_of),
            ident,
        )
        for ident, label, name, system_name, status, confirmed, is_stale, is_proposed, cites in zip(
            shown["id"],
            shown["label"],
            shown["name"],
            shown["system_name"],
            shown["status"] + " since " + shown["status_since"],
            shown["last_confirmed"],
            shown["stale"],
            shown["proposed"],
            shown["citations"],
            strict=True,
        )
    ]
    key += [
        KeyRow(label, title, kind, f"event on {date}", "", _numbers(cites, number_of))
        for label, title, kind, date, cites in zip(
            events["label"], events["title"], events["kind"], events["date"],
            events["citations"], strict=True,
        )
    ]  # fmt: skip
    return Briefing(shown, events, key, sources)
