"""`make bench`: one table for the curated data and 1k / 10k synthetic sites.

Numbers are wall-clock seconds and bytes on this machine; see README "Performance".
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from adatlas.borders import load_borders
from adatlas.coverage import engaging
from adatlas.dataset import default_data_dir, load_dataset
from adatlas.density import coverage_density
from adatlas.query import as_of
from adatlas.rings import ring_frame
from adatlas.snapshot import render_static
from adatlas.view import View
from bench.browser import BARE_PAGE, FirstPaint, first_paint
from bench.map_build import measure
from bench.rerun import percentile, rerun_seconds
from bench.synthetic import write_synthetic_dataset
from bench.team_store import compare, team_cluster

DATE = dt.date(2024, 1, 1)


@contextmanager
def step(what: str) -> Iterator[None]:
    """Say on stderr what runs and how long it took: the table comes only at the end."""
    print(f"bench: {what} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    yield
    print(f"bench: {what}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def row(name: str, data_dir: Path | None, reruns: int) -> dict[str, str]:
    label = f"{name} {data_dir.name if data_dir else ''}".strip()
    start = time.perf_counter()
    dataset = load_dataset(data_dir or default_data_dir())
    load = time.perf_counter() - start
    with step(f"{label}: map build and payload"):
        sizes = measure(dataset, DATE)
    with step(f"{label}: first paint in Chromium"):
        paint = first_paint(data_dir)
    borders = load_borders()
    view = View(date=DATE)
    with step(f"{label}: slide snapshot"):
        png = slide_seconds(dataset, view, borders)
    result = {
        "data": f"{name} ({len(dataset.deployments):,} sites)",
        "load s": f"{load:.2f}",
        "build s (naive)": f"{sizes['adatlas_build_s']:.3f} ({sizes['naive_build_s']:.2f})",
        "build ratio": f"1/{sizes['naive_build_s'] / sizes['adatlas_build_s']:.0f}",
        "payload MB (naive)": (
            f"{sizes['adatlas_bytes'] / 1e6:.2f} ({sizes['naive_bytes'] / 1e6:.2f})"
        ),
        "payload ratio": f"1/{sizes['naive_bytes'] / sizes['adatlas_bytes']:.0f}",
        "+rings MB, s": f"{sizes['adatlas+rings_bytes'] / 1e6:.1f}, "
        f"{sizes['adatlas+rings_build_s']:.2f}",
        "first paint s (first/new tab/same tab)": paint_text(paint),
        "slide PNG s": f"{png:.2f}",
        "rerun p50/p95 ms": "-",
    }
    if reruns:
        with step(f"{label}: {reruns} reruns"):
            times = rerun_seconds(data_dir, moves=reruns)
        result["rerun p50/p95 ms"] = (
            f"{statistics.median(times) * 1e3:.0f}/{percentile(times, 95) * 1e3:.0f}"
        )
    return result


def paint_text(paint: FirstPaint | None) -> str:
    if paint is None:
        return "no chromium"
    new_tab, same_tab = statistics.median(paint.new_tab), statistics.median(paint.same_tab)
    return f"{paint.first_visit:.2f}/{new_tab:.2f}/{same_tab:.2f}"


def slide_seconds(dataset, view: View, borders, repeat: int = 3) -> float:
    """Best of ``repeat``: a slide snapshot (PNG, 1920 × 1080, the default layout) of the
    default view, labels and key included."""
    render_static(dataset, view, borders, "png")  # warm-up (fonts, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_static(dataset, view, borders, "png")
        times.append(time.perf_counter() - start)
    return min(times)


def density_seconds() -> float:
    dataset, borders = load_dataset(default_data_dir()), load_borders()
    rings = ring_frame(engaging(as_of(dataset, DATE)))
    coverage_density(rings, borders)  # warm-up
    start = time.perf_counter()
    coverage_density(rings, borders)
    return time.perf_counter() - start


def print_table(rows: list[dict[str, str]]) -> None:
    columns = list(rows[0])
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in columns]
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(r[c].ljust(w) for c, w in zip(columns, widths, strict=True)))


def team_store_rows(synthetic_10k: Path) -> list[dict[str, str]]:
    with step("team store: PostGIS against files"), team_cluster() as cluster:
        if cluster is None:
            return []
        return [
            compare(cluster, "curated", default_data_dir(), DATE),
            compare(cluster, "synthetic", synthetic_10k, DATE),
        ]


def main() -> int:
    rows = [row("curated", None, reruns=30)]
    with step("bare page (the floor): first paint in Chromium"):
        floor = paint_text(first_paint(None, query="", script=BARE_PAGE))
    with tempfile.TemporaryDirectory() as tmp:
        for sites in (1_000, 10_000):
            data_dir = write_synthetic_dataset(Path(tmp) / f"syn{sites}", sites)
            rows.append(row("synthetic", data_dir, reruns=30 if sites == 1_000 else 10))
        store_rows = team_store_rows(Path(tmp) / "syn10000")
    print(
        f"adatlas benchmarks, as of {DATE} · {platform.processor() or platform.machine()}, "
        f"Python {sys.version.split()[0]}"
    )
    print_table(rows)
    print(
        "naive = folium Map with one Marker + Popup per site (same popup text); rings off "
        "for both. Rings are hidden in the dashboard above 2,000 sites."
    )
    print(
        f"first paint floor, a bare Streamlit page with one st_folium map and marker "
        f"(bench/bare_app.py), first/new tab/same tab: {floor} s"
    )
    print(
        f"coverage density, curated data, operational weapons on {DATE}, 20 km cells: "
        f"{density_seconds():.2f} s"
    )
    print(
        f"slide snapshot (PNG 1920×1080, labels and key), curated data, default view on {DATE}: "
        f"{rows[0]['slide PNG s']} s (target ≤ 1.5 s)"
    )
    print()
    if store_rows:
        print("team store (PostgreSQL/PostGIS, read-only role over TCP) against files:")
        print_table(store_rows)
    else:
        print("team store: not measured (no PostgreSQL server on this machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
