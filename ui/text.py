"""Text helpers for Streamlit elements that render Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")
# GitHub-flavoured Markdown turns bare URLs, ``www.`` names and e-mail addresses into links
# *after* parsing (mdast-util-gfm-autolink-literal works on the text), so no backslash escape
# stops it. An invisible WORD JOINER (U+2060) inside each pattern does, and shows as nothing.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(?=://)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Make text show literally in Markdown: no links (also none autolinked), images or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, text))
