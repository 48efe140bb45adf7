"""Full-screen slides and lower-thirds for the programme, laid out inside title-safe.

A Slide says what to show; `paginate` measures it and splits text that does
not fit onto further pages (never shrinking it below 40 px, never cutting it);
`draw` renders one page and records every text box it drew.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Literal

import segno
from PIL import Image

from generator import strings
from generator.broadcast.layout import SAFE, WIDTH, canvas as frame
from generator.charts import Chart
from generator.fonts import font
from generator.frames import GREY, NAVY, RED, YELLOW, Canvas, line_height, lines_for

X0, Y0, X1, Y1 = SAFE
BAND = 100
"""Height of the header band holding the segment tag and the programme's name."""
HEADING, BODY, SMALL = 64, 52, 44
TV = strings.TV

Kind = Literal["title", "segment", "card", "board", "table", "chart", "end"]


@dataclass(frozen=True)
class Slide:
    """What a slide shows; `rows` are board entries (unit, reason) or table rows."""

    kind: Kind
    label: str = ""
    heading: str = ""
    facts: str = ""
    body: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    accent: tuple[int, int, int] = RED
    chart: Chart | None = None
    big: str = ""
    url: str = ""


@dataclass(frozen=True)
class Page:
    """One screen of a slide: the lines or rows that fit on it."""

    slide: Slide
    lines: tuple[tuple[str, int, bool], ...] = ()
    """(text, size, bold) display lines of the body."""
    rows: tuple[tuple[str, ...], ...] = ()
    number: int = 1
    count: int = 1


@dataclass
class Geometry:
    """Where the body of a slide starts, once its band, heading and facts are placed."""

    body_top: int
    heading_lines: list[str] = field(default_factory=list)


def _geometry(slide: Slide, continued: bool = False) -> Geometry:
    heading = slide.heading + (TV["continued"] if continued else "")
    lines = lines_for(heading, HEADING, X1 - X0, bold=True) if heading else []
    top = Y0 + BAND + 36 + len(lines) * line_height(HEADING)
    if slide.facts:
        top += line_height(SMALL)
    return Geometry(top + 24, lines)


def paginate(slide: Slide) -> list[Page]:
    """Pages of a slide; text that does not fit goes on to the next page."""
    if slide.kind == "card":
        return _paginate_body(slide)
    if slide.kind in ("board", "table"):
        return _paginate_rows(slide)
    return [Page(slide)]


def _paginate_body(slide: Slide) -> list[Page]:
    size = BODY
    pages: list[list[tuple[str, int, bool]]] = [[]]
    room = Y1 - _geometry(slide).body_top
    used = 0
    for paragraph in slide.body:
        lines = [(line, size, False) for line in lines_for(paragraph, size, X1 - X0)]
        height = len(lines) * line_height(size) + 12
        if used and used + height > room and height <= Y1 - _geometry(slide, True).body_top:
            pages.append([])  # keep a paragraph (a tip's point) together on a fresh page
            used, room = 0, Y1 - _geometry(slide, True).body_top
        for line in lines:
            if used + line_height(size) > room:
                pages.append([])
                used, room = 0, Y1 - _geometry(slide, True).body_top
            pages[-1].append(line)
            used += line_height(size)
        used += 12
    return [Page(slide, tuple(lines), number=i + 1, count=len(pages)) for i, lines in enumerate(pages)]


def _row_height(slide: Slide, row: tuple[str, ...]) -> int:
    if slide.kind == "table":
        return line_height(BODY)
    reason = lines_for(row[1], SMALL, X1 - X0 - 40)
    return line_height(BODY) + len(reason) * line_height(SMALL) + 20


def _paginate_rows(slide: Slide) -> list[Page]:
    pages: list[list[tuple[str, ...]]] = [[]]
    header = line_height(SMALL) if slide.kind == "table" else 0
    room = Y1 - _geometry(slide).body_top - header
    used = 0
    for row in slide.rows:
        height = _row_height(slide, row)
        if used and used + height > room:
            pages.append([])
            used, room = 0, Y1 - _geometry(slide, True).body_top - header
        pages[-1].append(row)
        used += height
    return [Page(slide, rows=tuple(rows), number=i + 1, count=len(pages)) for i, rows in enumerate(pages)]


def draw(page: Page, *, render: bool = True, reduce: int = 1) -> Canvas:
    """The page as an opaque 1920x1080 frame, drawn `reduce` times smaller (or, with render=False, only its text boxes)."""
    slide = page.slide
    canvas = frame(draw=render, reduce=reduce)
    if slide.kind == "title":
        _title(canvas, slide)
        return canvas
    _band(canvas, slide.label)
    if slide.kind == "segment":
        canvas.rect((X0, 560, X1, 568), RED)
        canvas.text((WIDTH // 2, 500), slide.heading, 120, bold=True, anchor="ms")
        return canvas
    geometry = _geometry(slide, continued=page.number > 1)
    y = Y0 + BAND + 36
    for line in geometry.heading_lines:
        canvas.text((X0, y), line, HEADING, bold=True)
        y += line_height(HEADING)
    if slide.facts:
        canvas.text((X0, y), slide.facts, SMALL, fill=YELLOW)
    y = geometry.body_top
    if slide.kind == "card":
        for text, size, bold in page.lines:
            canvas.text((X0, y), text, size, bold=bold)
            y += line_height(size)
    elif slide.kind == "board":
        _board(canvas, page, y)
    elif slide.kind == "table":
        _table(canvas, page, y)
    elif slide.kind == "chart" and slide.chart is not None and render:  # a chart is a picture: no text box to measure
        _chart(canvas, slide.chart, y)
    elif slide.kind == "end":
        _end(canvas, slide, y)
    if page.count > 1:
        canvas.text((X1, Y1), f"{page.number}/{page.count}", SMALL, fill=GREY, anchor="rd")
    return canvas


def _band(canvas: Canvas, label: str) -> None:
    canvas.rect((0, 0, WIDTH, Y0 + BAND), RED)
    if label:
        canvas.text((X0, Y0 + BAND // 2), label, 48, bold=True, anchor="lm")
    canvas.text((X1, Y0 + BAND // 2), strings.PROGRAMME, 48, bold=True, anchor="rm")


def _title(canvas: Canvas, slide: Slide) -> None:
    canvas.rect((0, 380, WIDTH, 640), RED)
    canvas.text((WIDTH // 2, 560), f"《{strings.PROGRAMME}》", 160, bold=True, anchor="ms")
    y = 740
    for line in slide.body:
        canvas.text((WIDTH // 2, y), line, 56, anchor="ms")
        y += line_height(56)


def _board(canvas: Canvas, page: Page, y: int) -> None:
    for unit, reason in page.rows:
        canvas.rect((X0, y + 6, X0 + 16, y + line_height(BODY) - 6), page.slide.accent)
        canvas.text((X0 + 40, y), unit, BODY, bold=True)
        y += line_height(BODY)
        for line in lines_for(reason, SMALL, X1 - X0 - 40):
            canvas.text((X0 + 40, y), line, SMALL, fill=GREY)
            y += line_height(SMALL)
        y += 20


COLUMNS = (X0, X0 + 180, X1 - 520, X1 - 240)
"""Left edges of the ranking table's columns: rank, unit, score, movement."""


def _table(canvas: Canvas, page: Page, y: int) -> None:
    header = (TV["rank"], TV["unit"], TV["score"], TV["movement"])
    for x, text in zip(COLUMNS, header, strict=True):
        canvas.text((x, y), text, SMALL, bold=True, fill=YELLOW)
    y += line_height(SMALL)
    for row in page.rows:
        for x, text in zip(COLUMNS, row, strict=True):
            canvas.text((x, y), text, BODY, bold=x == COLUMNS[1])
        y += line_height(BODY)


def _chart(canvas: Canvas, chart: Chart, y: int) -> None:
    from generator.drawing import render_image  # matplotlib only for chart slides

    canvas.paste(render_image(chart, X1 - X0, Y1 - y, text_px=BODY - 8), (X0, y))


def _end(canvas: Canvas, slide: Slide, y: int) -> None:
    canvas.text((X0, y), slide.big, 120, bold=True, fill=YELLOW)
    y += line_height(120)
    for paragraph in slide.body:
        for line in lines_for(paragraph, BODY, X1 - X0 - 460):
            canvas.text((X0, y), line, BODY)
            y += line_height(BODY)
    qr = segno.make(slide.url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=10, border=2, dark="#000000", light="#ffffff")
    image = Image.open(buffer).convert("RGB").resize((380, 380), Image.NEAREST)
    canvas.paste(image, (X1 - 380, Y0 + BAND + 60))
    canvas.text((X1 - 190, Y0 + BAND + 480), TV["scan"], SMALL, anchor="ma")


def lower_third(place: str, text: str, *, render: bool = True) -> Canvas:
    """A transparent frame with a bar near the bottom of title-safe: the place, and what was found there (with render=False, its text boxes only)."""
    canvas = frame(mode="RGBA", background=(0, 0, 0, 0), draw=render)
    lines = lines_for(text, SMALL, X1 - X0 - 80)
    bar = 40 + len(lines) * line_height(SMALL)
    top = Y1 - bar
    canvas.rect((X0, top - 80, X0 + 40 + int(font(48, True).getlength(place)), top), RED + (255,))
    canvas.text((X0 + 20, top - 40), place, 48, bold=True, anchor="lm")
    canvas.rect((X0, top, X1, Y1), NAVY + (235,))
    y = top + 20
    for line in lines:
        canvas.text((X0 + 40, y), line, SMALL)
        y += line_height(SMALL)
    return canvas
