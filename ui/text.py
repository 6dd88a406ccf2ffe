"""Text helpers for Streamlit elements that render Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax so user text shows literally (no links, no HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
