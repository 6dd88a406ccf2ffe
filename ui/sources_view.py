"""Rendering an article with its cited excerpts highlighted (escaped HTML).

The HTML goes to ``st.html``, never ``st.markdown``: Markdown would parse the escaped text again
(after a blank line ``![x](http://…)`` becomes an image the browser fetches, ``[a](…)`` a link),
while ``st.html`` inserts it as it is (and sanitises it with DOMPurify on top).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from adatlas.sources import Segment

CAPTION_STYLE = "font-size:0.875rem;color:rgba(49,51,63,0.6);margin:0 0 0.5rem 0"
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


def heading_html(title: str, caption: str) -> str:
    """The article's title and its caption line, escaped (no Markdown, no links)."""
    return str(
        Markup('<h3 class="adatlas-source-heading">{}</h3><p style="{}">{}</p>').format(
            title, CAPTION_STYLE, caption
        )
    )
