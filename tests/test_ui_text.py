"""ui.text.escape_markdown: user text shown literally by Streamlit's Markdown."""

from __future__ import annotations

import pytest

from ui.text import WORD_JOINER, escape_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[a](http://x.example)", "\\[a\\]\\(http" + WORD_JOINER + "\\:/"),
        ("www.x.example", "www" + WORD_JOINER + "\\.x"),
        ("me@x.example", "me@" + WORD_JOINER + "x\\.example"),
        ("![p](u)", "\\!\\[p\\]\\(u\\)"),
        ("<b>", "\\<b\\>"),
    ],
)
def test_markdown_syntax_and_autolinks_are_broken(text, expected):
    assert escape_markdown(text).startswith(expected)


def test_plain_text_reads_the_same():
    assert escape_markdown("Unknown citation 'c-1'").replace("\\", "") == "Unknown citation 'c-1'"
