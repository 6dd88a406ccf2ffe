"""Rendering an article with its cited excerpts highlighted (escaped HTML)."""

from __future__ import annotations

from markupsafe import Markup, escape

from adatlas.sources import Segment

MARK_STYLE = "background:#ffe58a;padding:0 2px;border-radius:2px"
FOCUS_STYLE = "background:#ffb347;padding:0 2px;border-radius:2px;outline:2px solid #d9822b"


def highlighted_html(segments: list[Segment], focus: str | None = None) -> str:
    """Body HTML: every piece of text escaped; excerpts wrapped in <mark> with their ids."""
    parts = [Markup('<div class="adatlas-article" style="white-space:pre-wrap;line-height:1.6">')]
    for segment in segments:
        if not segment.citations:
            parts.append(escape(segment.text))
            continue
        style = FOCUS_STYLE if focus in segment.citations else MARK_STYLE
        parts.append(
            Markup(
                '<mark class="adatlas-excerpt" data-citations="{}" title="{}" style="{}">{}</mark>'
            ).format(" ".join(segment.citations), ", ".join(segment.citations), style, segment.text)
        )
    parts.append(Markup("</div>"))
    return str(Markup("").join(parts))
