"""Synthetic datasets of N deployments in the documented format, for benchmarks.

Deterministic (seeded). Points are spread over Europe and western Russia; every record is cited
(against a synthetic article whose body holds the excerpts), so the real loader and validator run.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

STATUSES = ("announced", "planned", "construction", "operational", "cancelled", "withdrawn")


def write_synthetic_dataset(root: Path, sites: int, seed: int = 1) -> Path:
    """Write a dataset of ``sites`` deployments (plus the shipped memberships) under ``root``."""
    rng = random.Random(seed)
    geodata, articles = root / "geodata", root / "articles"
    geodata.mkdir(parents=True, exist_ok=True)
    articles.mkdir(parents=True, exist_ok=True)
    excerpts = [f"Synthetic report number {i} about a site." for i in range(200)]
    (articles / "synthetic.md").write_text(
        "---\ntitle: Synthetic source\npublisher: Bench\ndate: 2020\nurl: https://example.org\n"
        "language: en\ntext: excerpts\n---\n" + "\n\n".join(excerpts) + "\n",
        encoding="utf-8",
    )

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        with (geodata / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    write(
        "citations.csv",
        ["id", "article", "excerpt"],
        [[f"c{i}", "synthetic", text] for i, text in enumerate(excerpts)],
    )
    systems = [("sam-40", 40), ("sam-150", 150), ("sam-250", 250), ("abm-700", 700)]
    write(
        "systems.csv",
        [
            "id",
            "name",
            "nato_name",
            "kind",
            "missile",
            "range_km",
            "range_quality",
            "notes",
            "citations",
        ],
        [
            [
                sid,
                sid.upper(),
                "",
                "abm" if sid.startswith("abm") else "sam",
                "M",
                rng_km,
                "cited",
                "",
                "c0",
            ]
            for sid, rng_km in systems
        ],
    )
    operators = ["RUS", "BLR", "POL", "LTU", "USA", "DEU", "ROU", "KAZ"]
    deployments, status = [], []
    for i in range(sites):
        sid = f"syn-{i:05d}"
        country = rng.choice(operators)
        deployments.append(
            [
                sid,
                f"Synthetic site {i}",
                rng.choice(systems)[0],
                country,
                country,
                round(rng.uniform(42, 62), 4),
                round(rng.uniform(5, 45), 4),
                rng.choice(["site", "town", "region"]),
                f"unit {i}",
                "synthetic",
            ]
        )
        year = rng.randint(1995, 2020)
        status.append([sid, str(year), rng.choice(STATUSES[:3]), f"c{rng.randrange(200)}"])
        status.append(
            [
                sid,
                f"{year + rng.randint(1, 5)}-06",
                rng.choice(STATUSES[3:]),
                f"c{rng.randrange(200)};c{rng.randrange(200)}",
            ]
        )
    write(
        "deployments.csv",
        ["id", "name", "system", "operator", "host", "lat", "lon", "precision", "units", "notes"],
        deployments,
    )
    write("status.csv", ["deployment", "date", "status", "citations"], status)
    write("events.csv", ["id", "date", "title", "kind", "countries", "lat", "lon", "citations"], [])
    write(
        "memberships.csv",
        ["group", "country", "start", "end", "citations"],
        [["NATO", "POL", "1999-03-12", "", "c1"], ["CSTO", "BLR", "1993-12-31", "", "c2"]],
    )
    return root
