"""How far a system's range figure can be trusted, read from the flags its notes carry.

`geodata/README.md` documents the flags: notes that start with ``WEAK`` rest on a single weak
source; ``RANGE ASSUMED`` marks a figure carried over from another operator's system.
"""

from __future__ import annotations

import pandas as pd

ASSUMED, WEAK = "assumed", "weak source"


def range_quality(notes: str) -> str:
    """``"assumed"``, ``"weak source"`` or ``""`` for a system row's notes."""
    if "RANGE ASSUMED" in notes:
        return ASSUMED
    if notes.startswith("WEAK"):
        return WEAK
    return ""


def range_qualities(notes: pd.Series) -> pd.Series:
    return notes.fillna("").map(range_quality)
