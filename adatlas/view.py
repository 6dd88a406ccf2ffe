"""The view: date, filters, layers, centre and zoom — one frozen value that round-trips
through URL query parameters. Pages, snapshots and the CLI all take a :class:`View`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from adatlas.dataset import Dataset
from adatlas.dates import parse_date
from adatlas.envelope import TARGET_ALTITUDES_M
from adatlas.freshness import DEFAULT_STALE_MONTHS
from adatlas.query import Filters
from adatlas.recorded import format_recorded_at, parse_recorded_at
from adatlas.schema import CONFIDENCES, STATUSES

LAYERS = ("alliances", "rings", "density", "labels", "events", "tiles")
DEFAULT_LAYERS = frozenset({"alliances", "rings"})
DEFAULT_CENTER = (53.0, 25.0)
DEFAULT_ZOOM = 5
FIRST_DATE = dt.date(1991, 1, 1)
MAX_PARAM_LENGTH = 2000
STALE_MONTHS_RANGE = (1, 240)


def default_date() -> dt.date:
    return dt.date.today()


@dataclass(frozen=True)
class View:
    date: dt.date = field(default_factory=default_date)
    filters: Filters = field(default_factory=Filters)
    layers: frozenset[str] = DEFAULT_LAYERS
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    altitude_m: int | None = None  # target altitude for envelopes; None = maximum range
    # A team store only: the dataset as recorded at this moment ("" = now, see
    # adatlas.recorded), and whether changes awaiting review are shown too.
    recorded_at: str = ""
    include_proposed: bool = False

    def to_query_params(self) -> dict[str, str]:
        """Only what differs from the defaults, so URLs stay short."""
        params: dict[str, str] = {"date": self.date.isoformat()}
        for name, _, values in self.filters.named():
            if values:
                params[name] = ",".join(values)
        if self.filters.hide_stale:
            params["stale"] = "hide"
        if self.filters.stale_months != DEFAULT_STALE_MONTHS:
            params["stale_months"] = str(self.filters.stale_months)
        if self.layers != DEFAULT_LAYERS:
            params["layers"] = ",".join(sorted(self.layers)) or "none"
        if self.center != DEFAULT_CENTER:
            params["lat"], params["lon"] = f"{self.center[0]:.4f}", f"{self.center[1]:.4f}"
        if self.zoom != DEFAULT_ZOOM:
            params["zoom"] = str(self.zoom)
        if self.altitude_m is not None:
            params["alt"] = str(self.altitude_m)
        if self.recorded_at:
            params["recorded"] = self.recorded_at
        if self.include_proposed:
            params["proposed"] = "1"
        return params


def moved(view: View, center: tuple[float, float], zoom: int, pixels: float = 2) -> bool:
    """Whether the map at ``center``/``zoom`` differs from ``view`` by more than ``pixels``.

    Leaflet snaps a fresh map's centre to whole pixels and reports it back, a few hundredths
    of a degree off at country zooms; that is no move, and must not land in the URL.
    """
    if zoom != view.zoom:
        return True
    degrees_per_pixel = 360 / (256 * 2**zoom)  # Web Mercator, along the equator
    tolerance = pixels * degrees_per_pixel
    return (
        abs(center[0] - view.center[0]) > tolerance * math.cos(math.radians(center[0]))
        or abs(center[1] - view.center[1]) > tolerance
    )


def view_from_query_params(params: Mapping[str, str], dataset: Dataset) -> tuple[View, list[str]]:
    """Parse query parameters; anything invalid falls back to its default with a warning."""
    warnings: list[str] = []
    view = View()

    def warn(name: str, value: str, why: str) -> None:
        shown = value if len(value) <= 60 else value[:57] + "…"
        warnings.append(f"Ignored URL parameter {name}={shown!r}: {why}.")

    for name, value in params.items():
        if len(value) > MAX_PARAM_LENGTH:
            warn(name, value, f"longer than {MAX_PARAM_LENGTH} characters")
    params = {k: v for k, v in params.items() if len(v) <= MAX_PARAM_LENGTH}

    if "date" in params:
        try:
            day = parse_date(params["date"]).start
            if not FIRST_DATE <= day <= default_date():
                raise ValueError(f"outside {FIRST_DATE} … {default_date()}")
            view = replace(view, date=day)
        except ValueError as exc:
            warn("date", params["date"], str(exc))

    def codes(name: str, valid: set[str]) -> tuple[str, ...]:
        if name not in params:
            return ()
        items = [v.strip() for v in params[name].split(",") if v.strip()]
        good = [v for v in items if v in valid]
        bad = [v for v in items if v not in good]
        if bad:
            warn(name, params[name], f"unknown {name} {', '.join(bad)}")
        return tuple(dict.fromkeys(good))

    view = replace(
        view,
        filters=Filters(
            systems=codes("system", set(dataset.systems.index)),
            operators=codes("operator", set(dataset.deployments["operator"])),
            hosts=codes("host", set(dataset.deployments["host"])),
            statuses=codes("status", set(STATUSES)),
            confidences=codes("confidence", set(CONFIDENCES)),
        ),
    )
    if "stale" in params:
        if params["stale"] == "hide":
            view = replace(view, filters=replace(view.filters, hide_stale=True))
        else:
            warn("stale", params["stale"], "the only value is 'hide'")
    if "stale_months" in params:
        low, high = STALE_MONTHS_RANGE
        try:
            months = int(params["stale_months"])
            if not low <= months <= high:
                raise ValueError
        except ValueError:
            warn("stale_months", params["stale_months"], f"must be a whole number {low}–{high}")
        else:
            view = replace(view, filters=replace(view.filters, stale_months=months))
    if "layers" in params:
        raw = params["layers"].strip()
        layers = () if raw == "none" else codes("layers", set(LAYERS))
        if layers or raw == "none":
            view = replace(view, layers=frozenset(layers))
    if "lat" in params or "lon" in params:
        shown = f"{params.get('lat', '')},{params.get('lon', '')}"
        try:
            lat, lon = float(params.get("lat", "")), float(params.get("lon", ""))
        except ValueError:
            warn("lat/lon", shown, "both must be numbers")
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                view = replace(view, center=(lat, lon))
            else:
                warn("lat/lon", shown, "outside the globe")
    if "zoom" in params:
        try:
            zoom = int(params["zoom"])
        except ValueError:
            warn("zoom", params["zoom"], "not a whole number")
        else:
            if 2 <= zoom <= 18:
                view = replace(view, zoom=zoom)
            else:
                warn("zoom", params["zoom"], "zoom must be 2–18")
    if "alt" in params:
        if params["alt"] in {str(a) for a in TARGET_ALTITUDES_M}:
            view = replace(view, altitude_m=int(params["alt"]))
        else:
            allowed = ", ".join(str(a) for a in TARGET_ALTITUDES_M)
            warn("alt", params["alt"], f"target altitude must be one of {allowed} (metres)")
    if "recorded" in params:
        try:
            moment = format_recorded_at(parse_recorded_at(params["recorded"]))
            view = replace(view, recorded_at=moment)
        except ValueError as exc:
            warn("recorded", params["recorded"], str(exc))
    if "proposed" in params:
        if params["proposed"] == "1":
            view = replace(view, include_proposed=True)
        else:
            warn("proposed", params["proposed"], "the only value is 1")
    return view, warnings
