"""Briefing decks: the snapshot as a 16:9 PowerPoint file (python-pptx).

Slide 1 holds the title, the map as a picture (labels, legend, scale bar and attribution drawn
in), the key as a native table and the numbered sources in the slide notes. A key too long for
slide 1 continues on "Key (continued)" slides; a long source list gets slides of its own. From
Compare, both dates' maps stand side by side on slide 1 and the key follows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

import geopandas as gpd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from adatlas.dataset import Dataset
from adatlas.snapshot import flow
from adatlas.snapshot.briefing import KEY_COLUMNS, Footnote, KeyRow
from adatlas.snapshot.formats import PPTX_MEDIA_TYPE
from adatlas.snapshot.static import (
    KEY_WIDTHS,
    SLIDE_IN,
    SnapshotOptions,
    _map_box,
    _subtitle,
    comparison_maps,
    figures,
    png_bytes,
)
from adatlas.view import View

MEDIA_TYPE = PPTX_MEDIA_TYPE
TABLE_PT = 8
GREY = RGBColor(0x55, 0x55, 0x55)
SOURCES_PER_SLIDE = 22


def _text_box(slide, left: float, top: float, width: float, height: float, lines) -> None:
    """``lines``: (text, points, bold, grey) paragraphs, in inches on the slide."""
    frame = slide.shapes.add_textbox(
        Inches(left), Inches(top), Inches(width), Inches(height)
    ).text_frame
    frame.word_wrap = True
    for i, (text, points, bold, grey) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(points)
        run.font.bold = bold
        if grey:
            run.font.color.rgb = GREY


def _row_height_in(cells: Sequence[str], widths_in: Sequence[float], points: float) -> float:
    """How tall PowerPoint will draw a row (cell margins: 0.1 in across, 0.06 in down)."""
    lines = max(
        len(flow.wrap(text, width - 0.12, points))
        for text, width in zip(cells, widths_in, strict=True)
    )
    return lines * points * 1.2 / 72 + 0.08


def _fill_cell(cell, paragraphs: Sequence[tuple[str, bool, bool]], points: float) -> None:
    frame = cell.text_frame
    frame.word_wrap = True
    for i, (text, bold, grey) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(points)
        run.font.bold = bold
        if grey:
            run.font.color.rgb = GREY
    for margin in ("margin_left", "margin_right"):
        setattr(cell, margin, Inches(0.05))
    cell.margin_top = cell.margin_bottom = Inches(0.03)


def _table(slide, left, top, width, header, rows, fractions, points=TABLE_PT) -> None:
    """A native table: ``rows`` of cells, each a list of (text, bold, grey) paragraphs."""
    widths = [width * f for f in fractions]
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Inches(left), Inches(top), Inches(width), Inches(0.3)
    )
    table = shape.table
    for column, w in zip(table.columns, widths, strict=True):
        column.width = Inches(w)
    for j, title in enumerate(header):
        _fill_cell(table.cell(0, j), [(title, True, False)], points)
    for i, row in enumerate(rows, start=1):
        for j, paragraphs in enumerate(row):
            _fill_cell(table.cell(i, j), paragraphs, points)
        table.rows[i].height = Inches(0.2)


def _compact_rows(key: list[KeyRow]) -> list[list[list[tuple[str, bool, bool]]]]:
    return [
        [
            [(row.label, True, False)],
            [
                (row.name, False, False),
                (
                    " · ".join(
                        p
                        for p in (
                            row.system,
                            row.status,
                            f"confirmed {row.last_confirmed}" if row.last_confirmed else "",
                        )
                        if p
                    ),
                    False,
                    True,
                ),
            ],
            [(row.sources, False, False)],
        ]
        for row in key
    ]


def _full_rows(key: list[KeyRow]) -> list[list[list[tuple[str, bool, bool]]]]:
    return [[[(text, i == 0, False)] for i, text in enumerate(row.cells())] for row in key]


def _rows_that_fit(key: list[KeyRow], height_in: float, width_in: float, compact: bool) -> int:
    used = 0.3  # the header row
    for n, row in enumerate(key):
        if compact:
            cells = [row.label, f"{row.name}\n{row.system} · {row.status} · confirmed "
                     f"{row.last_confirmed}", row.sources]  # fmt: skip
            widths = [width_in * f for f in COMPACT_FRACTIONS]
        else:
            cells, widths = row.cells(), [width_in * f for f in KEY_WIDTHS]
        used += _row_height_in(cells, widths, TABLE_PT)
        if used > height_in:
            return n
    return len(key)


COMPACT_FRACTIONS = (0.1, 0.75, 0.15)
COMPACT_HEADER = ("#", "Deployment", "Sources")


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _notes(slide, sources: list[Footnote]) -> None:
    lines = ["Sources:"] + [f"{n.number}. {n.text()}" + (f" {n.url}" if n.url else "")
                            for n in sources]  # fmt: skip
    slide.notes_slide.notes_text_frame.text = "\n".join(lines) if sources else "No sources."


def _continue_key(deck, title: str, key: list[KeyRow], sources: list[Footnote]) -> None:
    """The rest of the key, a full table per slide, then the sources on slides of their own."""
    width, height = SLIDE_IN[0] - 0.6, SLIDE_IN[1] - 1.1
    while key:
        fit = max(1, _rows_that_fit(key, height, width, compact=False))
        slide = _blank(deck)
        _text_box(slide, 0.3, 0.2, width, 0.5, [(f"{title} — key (continued)", 18, True, False)])
        _table(slide, 0.3, 0.8, width, KEY_COLUMNS, _full_rows(key[:fit]), KEY_WIDTHS)
        _notes(slide, sources)
        key = key[fit:]
    if len(sources) > 6:  # more than a footer holds: the full list on slides of its own
        for start in range(0, len(sources), SOURCES_PER_SLIDE):
            part = sources[start : start + SOURCES_PER_SLIDE]
            slide = _blank(deck)
            _text_box(slide, 0.3, 0.2, width, 0.5, [(f"{title} — sources", 18, True, False)])
            _text_box(slide, 0.3, 0.8, width, height,
                      [(f"{n.number}. {n.text()}", 10, False, False) for n in part])  # fmt: skip
            _notes(slide, sources)


def _deck():
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_IN[0]), Inches(SLIDE_IN[1])
    return deck


def _footer(slide, sources: list[Footnote], left: float, top: float, width: float) -> None:
    if not sources:
        return
    if len(sources) <= 6:
        text = "Sources: " + " · ".join(f"{n.number} {n.short()}" for n in sources)
    else:
        text = f"Sources 1–{len(sources)}: in the notes and on the sources slides"
    _text_box(slide, left, top, width, 0.4, [(text, 7, False, True)])


def _save(deck) -> bytes:
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def render_pptx(
    dataset: Dataset,
    view: View,
    borders: gpd.GeoDataFrame,
    options: SnapshotOptions | None = None,
) -> bytes:
    """The snapshot of ``view`` as a 16:9 PowerPoint deck."""
    options = replace(options or SnapshotOptions(), layout="slide")
    rendered = figures(dataset, view, borders, options, map_only=True)
    brief = rendered.brief
    picture = png_bytes(rendered.figures[0], rendered.dpi)
    left, bottom, map_w, map_h = _map_box(options)
    deck = _deck()
    slide = _blank(deck)
    top = SLIDE_IN[1] - bottom - map_h
    slide.shapes.add_picture(
        io.BytesIO(picture), Inches(left), Inches(top), Inches(map_w), Inches(map_h)
    )
    panel_left = left + map_w + 0.1
    panel_w = SLIDE_IN[0] - panel_left - 0.1
    heading = [(rendered.title, 16, True, False), (_subtitle(view, brief), 8, False, True)]
    _text_box(slide, panel_left, 0.1, panel_w, 1.2, heading)
    table_top = 1.45
    fit = _rows_that_fit(brief.key, SLIDE_IN[1] - table_top - 0.55, panel_w, compact=True)
    _table(
        slide, panel_left, table_top, panel_w, COMPACT_HEADER,
        _compact_rows(brief.key[:fit]), COMPACT_FRACTIONS,
    )  # fmt: skip
    _footer(slide, brief.sources, panel_left, SLIDE_IN[1] - 0.5, panel_w)
    _notes(slide, brief.sources)
    _continue_key(deck, rendered.title, brief.key[fit:], brief.sources)
    return _save(deck)


def render_comparison_pptx(
    dataset: Dataset,
    before: View,
    after: View,
    borders: gpd.GeoDataFrame,
    options: SnapshotOptions | None = None,
) -> bytes:
    """Both dates side by side on slide 1; the shared key and the sources after it."""
    maps = comparison_maps(dataset, before, after, borders, options)
    deck = _deck()
    slide = _blank(deck)
    _text_box(slide, 0.2, 0.1, 12.9, 0.9,
              [(maps.title, 18, True, False), (maps.subtitle, 9, False, True)])  # fmt: skip
    for i, (figure, view, brief) in enumerate(
        zip(maps.figures, (before, after), maps.briefs, strict=True)
    ):
        left = 0.15 + i * 6.6
        caption = f"{'AB'[i]}: as of {view.date.isoformat()} · {len(brief.deployments)} deployments"
        _text_box(slide, left, 1.05, 6.45, 0.35, [(caption, 11, True, False)])
        picture = png_bytes(figure, maps.dpi)
        slide.shapes.add_picture(
            io.BytesIO(picture), Inches(left), Inches(1.45), Inches(6.45), Inches(5.2)
        )
    _text_box(slide, 0.15, 6.75, 12.9, 0.5,
              [(f"Labels are the same on both maps; the key (A and B status) follows. "
                f"{len(maps.sources)} sources in the notes.", 8, False, True)])  # fmt: skip
    _notes(slide, maps.sources)
    _continue_key(deck, maps.title, maps.key, maps.sources)
    return _save(deck)
