"""The maps' JavaScript and CSS, kept in files beside this module (package data).

Each layer's script is a function in a ``.js`` file; a map's page calls it inside a closure of
its own, so a layer works whichever page (dashboard rerun, standalone export) it lands in.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def source(name: str) -> str:
    """The text of ``name`` (a file in this package)."""
    text = (files(__package__) / name).read_text(encoding="utf-8")
    if "</script" in text.lower():  # would end the inline <script> early
        raise ValueError(f"{name} contains '</script'; cannot inline it")
    return text


@cache
def function(name: str, function_name: str) -> str:
    """A JavaScript expression whose value is ``function_name`` from the file ``name``."""
    return f"(function () {{\n{source(name)}\nreturn {function_name};\n}})()"
