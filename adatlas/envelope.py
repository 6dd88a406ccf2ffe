"""Altitude-aware engagement envelopes: the smaller of the missile's range and the radar horizon.

Against a low-flying target a surface-to-air system is limited by its radar's line of sight.
With the standard 4/3-earth refraction model the horizon distance is
``d ≈ 4.12 (√h_antenna + √h_target)`` km for heights in metres.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HORIZON_COEFFICIENT_KM = 4.12  # √(2 · 4/3 · 6371 km) / √1000, per √m
# Used when a system's antenna height is not cited in systems.csv (column ``antenna_m``): a
# modelling assumption (a radar on a low mast), not a sourced fact.
DEFAULT_ANTENNA_M = 10.0
TARGET_ALTITUDES_M = (30, 300, 3000, 10000)


def radar_horizon_km(antenna_m: float | np.ndarray, target_m: float) -> float | np.ndarray:
    """Distance to the radar horizon for an antenna and a target height (metres), in km."""
    return HORIZON_COEFFICIENT_KM * (np.sqrt(antenna_m) + np.sqrt(target_m))


def envelope_km(frame: pd.DataFrame, target_m: float | None) -> pd.Series:
    """Ring radius per deployment: the missile range, capped by the radar horizon at ``target_m``.

    ``frame`` is an :func:`~adatlas.query.as_of` frame (``range_km``, optional ``antenna_m``).
    With ``target_m`` None the maximum range is returned unchanged.
    """
    ranges = frame["range_km"].astype(float)
    if target_m is None:
        return ranges
    antenna = (
        pd.to_numeric(frame["antenna_m"], errors="coerce")
        if "antenna_m" in frame
        else pd.Series(np.nan, index=frame.index)
    ).fillna(DEFAULT_ANTENNA_M)
    return np.minimum(ranges, radar_horizon_km(antenna.to_numpy(), target_m))


def describe(target_m: float | None) -> str:
    if target_m is None:
        return "maximum range"
    return f"envelope against a target at {target_m:,.0f} m (range capped by the radar horizon)"
