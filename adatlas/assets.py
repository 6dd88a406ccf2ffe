"""Leaflet and its plugins from installed Python packages (xstatic), never from a CDN.

The dashboard serves them through Streamlit's static serving (``static/`` beside ``app.py``,
filled at start-up, git-ignored); standalone HTML exports inline them.
"""

from __future__ import annotations

import base64
import filecmp
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet as xs_leaflet

# name → (package data dir, files or directories to copy)
VENDOR: dict[str, tuple[Path, tuple[str, ...]]] = {
    "leaflet": (Path(xs_leaflet.BASE_DIR), ("leaflet.js", "leaflet.css", "images")),
}

# Streamlit serves ``<app dir>/static/<path>`` at ``/app/static/<path>``.
STREAMLIT_STATIC_URL = "/app/static/vendor"

LEAFLET_JS = ("leaflet", "leaflet.js")
LEAFLET_CSS = ("leaflet", "leaflet.css")


def vendor_path(package: str, name: str) -> Path:
    return VENDOR[package][0] / name


def url(package: str, name: str, base: str = STREAMLIT_STATIC_URL) -> str:
    return f"{base}/{package}/{name}"


def install_static(static_dir: Path) -> list[Path]:
    """Copy the vendor files into ``static_dir/vendor``; return the files written.

    Idempotent: unchanged files are left alone, so concurrent start-ups do not race on them.
    """
    written: list[Path] = []
    for package, (source_dir, names) in VENDOR.items():
        for name in names:
            source = source_dir / name
            sources = (
                sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
            )
            for file in sources:
                target = static_dir / "vendor" / package / file.relative_to(source_dir)
                if target.exists() and filecmp.cmp(file, target, shallow=False):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_suffix(target.suffix + ".tmp")
                shutil.copyfile(file, temporary)
                temporary.replace(target)
                written.append(target)
    return written


def install_json(static_dir: Path, stem: str, data: Any) -> str:
    """Write ``data`` as ``static_dir/data/<stem>-<hash>.json`` (atomically, once per content);
    return its URL path. The content hash in the name lets browsers cache it forever."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    name = f"{stem}-{digest}.json"
    target = static_dir / "data" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    return f"/app/static/data/{name}"


def inline_leaflet() -> tuple[str, str]:
    """(CSS, JS) of Leaflet for a standalone page; the CSS's images become data: URIs."""

    def data_uri(match: re.Match[str]) -> str:
        image = vendor_path("leaflet", match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode()})"

    css = re.sub(r"url\((images/[^)]+\.png)\)", data_uri, vendor_path(*LEAFLET_CSS).read_text())
    js = vendor_path(*LEAFLET_JS).read_text()
    if "</script" in js.lower():  # would end the inline <script> early
        raise ValueError("leaflet.js contains '</script'; cannot inline it")
    return css, js
