"""Script rerun latency after a date-slider move, measured with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


def rerun_seconds(data_dir: Path | None, moves: int = 30, seed: int = 2) -> list[float]:
    """Wall time of each rerun after moving the slider to a random day (warm caches)."""
    previous = os.environ.get("ADATLAS_DATA")
    if data_dir is not None:
        os.environ["ADATLAS_DATA"] = str(data_dir)
    else:
        os.environ.pop("ADATLAS_DATA", None)
    try:
        return _moves(moves, seed)
    finally:  # leave the environment as it was: later steps read the default dataset
        if previous is None:
            os.environ.pop("ADATLAS_DATA", None)
        else:
            os.environ["ADATLAS_DATA"] = previous


def _moves(moves: int, seed: int) -> list[float]:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params["date"] = "2015-01-01"
    app.run()
    rng = random.Random(seed)
    times = []
    for _ in range(moves):
        day = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(11_000))
        slider = app.sidebar.slider(key="date").set_value(day)
        start = time.perf_counter()
        slider.run()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
