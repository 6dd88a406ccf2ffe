"""How far a system's range figure can be trusted: the ``range_quality`` column, in words.

`geodata/README.md` documents the values: ``cited`` (a source states the range for this variant
or missile), ``weak`` (a weak source, or not specific to the variant) and ``assumed`` (carried
over from another system or operator).
"""

from __future__ import annotations

RANGE_QUALITY_TEXT = {"cited": "", "weak": "weak source", "assumed": "assumed", "": ""}


def range_quality_text(quality: str) -> str:
    """What the map and tables add after a range: ``"weak source"``, ``"assumed"`` or ``""``."""
    return RANGE_QUALITY_TEXT.get(quality or "", "")
