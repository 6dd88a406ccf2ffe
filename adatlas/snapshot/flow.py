"""Text that fills boxes: measuring, wrapping, and tables and lists flowing from box to box.

A layout gives a list of boxes (a slide's side panel; a page's panel, then the columns of
continuation pages); a table's rows or a list's items go into the first box until it is
full, then into the next, at one legible size. Nothing shrinks to fit: what does not fit is
returned to the caller, who says so or opens another page.

Sizes are in inches (boxes) and points (type), measured with the font matplotlib draws with.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

FONT = "DejaVu Sans"
# Source titles come in 40 languages; DejaVu has no Chinese, Japanese or Korean glyphs.
# WenQuanYi Micro Hei (Debian fonts-wqy-microhei, installed by .ci/run) fills them in where it
# is installed; elsewhere those characters show as boxes, as before.
FALLBACK_FONTS = ("WenQuanYi Micro Hei",)


class _NoBoldFallbackNotice(logging.Filter):
    """The fallback font has no bold; matplotlib logs that it uses the regular weight, for each
    bold text, on stderr (which would break the CLI's one-line messages). Regular is intended."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            "Failed to find font weight" in message
            and any(name in message for name in FALLBACK_FONTS)
        )


logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldFallbackNotice())
LINE_SPACING = 1.3  # baseline to baseline, in font sizes


@cache
def font_families() -> tuple[str, ...]:
    """The snapshot's font and the installed fallbacks, in matplotlib's order of preference."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return (FONT, *(name for name in FALLBACK_FONTS if name in installed))


@cache
def _font(weight: str):
    # The same fallback chain the figures draw with, so wrapped CJK titles measure right.
    families = font_families()
    paths = [font_manager.findfont(FontProperties(family=f, weight=weight)) for f in families]
    return font_manager.get_font(paths)


@cache
def text_width_pt(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` set in :data:`FONT` at ``size`` points, in points."""
    font = _font(weight)
    # Measured at 8× resolution: hinting at 72 dpi under-reports what 144+ dpi output draws.
    font.set_size(size, 72 * 8)
    font.set_text(text)
    return font.get_width_height()[0] / 64 / 8


def wrap(text: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
    """``text`` broken into lines no wider than ``width_in`` (words longer than a line are cut)."""
    limit = width_in * 72
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width_pt(candidate, size, weight) <= limit:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width_pt(word, size, weight) > limit and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width_pt(word[:cut], size, weight) > limit:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def line_height_in(size: float) -> float:
    return size * LINE_SPACING / 72


@dataclass(frozen=True)
class Box:
    """A rectangle on one page: ``left``, ``top`` from the page's bottom-left corner, inches."""

    page: int
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Cell:
    """One cell's paragraphs: (text, colour, weight)."""

    paragraphs: tuple[tuple[str, str, str], ...]


@dataclass
class Placed:
    """Text to draw: ``page``, position of the first baseline's top (inches), lines, style."""

    page: int
    x: float
    y: float
    lines: list[str]
    size: float
    color: str = "black"
    weight: str = "normal"
    gid: str | None = None


@dataclass
class Flow:
    """Where each piece went, and what did not fit (indices of rows left over)."""

    placed: list[Placed] = field(default_factory=list)
    left_over: int = 0  # index of the first item that did not fit (== len(items) if all did)
    end: tuple[int, float] = (0, 0.0)  # (box index, inches used) after the last item placed


def flow_table(
    boxes: Sequence[Box],
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    size: float,
    start: tuple[int, float] = (0, 0.0),
    gap: float = 0.05,
) -> Flow:
    """Rows into boxes, a header line on top of each box; columns ``widths`` (fractions of the
    box width). Starts in box ``start[0]``, ``start[1]`` inches below its top."""
    flow = Flow(left_over=len(rows), end=start)
    box_index, used = start
    line = line_height_in(size)
    header_drawn = -1
    for i, row in enumerate(rows):
        while box_index < len(boxes):
            box = boxes[box_index]
            col_w = [w * box.width for w in widths]
            wrapped = [
                [(text_line, color, weight)
                 for text, color, weight in cell.paragraphs
                 for text_line in wrap(text, cw - gap, size, weight)]
                for cell, cw in zip(row, col_w, strict=True)
            ]  # fmt: skip
            height = max(len(c) for c in wrapped) * line + line * 0.35
            need_header = header_drawn != box_index
            titles = [wrap(t, cw - gap, size, "bold") for t, cw in zip(header, col_w, strict=True)]
            extra = (max(len(t) for t in titles) + 0.4) * line if need_header else 0.0
            if used + extra + height <= box.height:
                break
            box_index, used = box_index + 1, 0.0
        else:
            flow.left_over = i
            return flow
        x = box.left
        if need_header:
            for title_lines, cw in zip(titles, col_w, strict=True):
                for k, title_line in enumerate(title_lines):
                    y = box.top - used - k * line
                    flow.placed.append(
                        Placed(box.page, x, y, [title_line], size, "#333333", "bold")
                    )
                x += cw
            used += extra
            header_drawn = box_index
            x = box.left
        for cell_lines, cw in zip(wrapped, col_w, strict=True):
            y = box.top - used
            for text_line, color, weight in cell_lines:
                flow.placed.append(Placed(box.page, x, y, [text_line], size, color, weight))
                y -= line
            x += cw
        used += height
        flow.end = (box_index, used)
    return flow


def flow_list(
    boxes: Sequence[Box],
    items: Sequence[str],
    size: float,
    start: tuple[int, float] = (0, 0.0),
    title: str | None = None,
    indent_in: float = 0.25,
) -> Flow:
    """Numbered items (hanging indent) into boxes, an optional ``title`` before the first."""
    flow = Flow(left_over=len(items), end=start)
    box_index, used = start
    line = line_height_in(size)
    titled = title is None
    for i, item in enumerate(items):
        number, _, text = item.partition(" ")
        while box_index < len(boxes):
            box = boxes[box_index]
            lines = wrap(text, box.width - indent_in, size)
            extra = 0.0 if titled else line * 1.5
            height = len(lines) * line + line * 0.2
            if used + extra + height <= box.height:
                break
            box_index, used = box_index + 1, 0.0
        else:
            flow.left_over = i
            return flow
        if not titled:
            flow.placed.append(
                Placed(box.page, box.left, box.top - used, [title], size, "black", "bold")
            )
            used += extra
            titled = True
        flow.placed.append(Placed(box.page, box.left, box.top - used, [number], size))
        for k, text_line in enumerate(lines):
            y = box.top - used - k * line
            flow.placed.append(Placed(box.page, box.left + indent_in, y, [text_line], size))
        used += height
        flow.end = (box_index, used)
    return flow


def draw(
    figure: Figure, placed: Sequence[Placed], page_height_in: float, page_width_in: float
) -> None:
    """Put the placed text of one page on ``figure`` (positions converted to figure fractions)."""
    for p in placed:
        figure.text(
            p.x / page_width_in,
            p.y / page_height_in,
            "\n".join(p.lines),
            fontsize=p.size,
            color=p.color,
            weight=p.weight,
            va="top",
            ha="left",
            linespacing=LINE_SPACING,
            gid=p.gid,
        )
