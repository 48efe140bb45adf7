"""Pages of the vertical clips: 1080x1920 frames laid out for a phone held upright (not a letterboxed TV slide).

Everything drawn stays inside the portrait title-safe area (90 % of the frame,
as EBU R 95 insets a TV frame, turned upright). The apps that show these clips
lay their own account name, description and buttons over the bottom fifth, so
burned-in captions sit in a band above that, and a page's own text stays above
the captions. Backgrounds are flat colour: flat frames draw and encode fast.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

import segno
from PIL import Image

from generator import strings
from generator.fonts import font
from generator.frames import GREY, MIN_TEXT, NAVY, RED, WHITE, YELLOW, Canvas, line_height, lines_for

WIDTH, HEIGHT = 1080, 1920
SAFE = (54, 96, 1026, 1824)
"""Title-safe area: x0, y0, x1, y1."""
CAPTION_BOTTOM = 1536
"""Bottom edge of the burned-in captions: the top of the bottom fifth the apps cover."""
CAPTION_SIZE = 58
"""Caption glyphs: 16 of them plus the box's padding fit the title-safe width."""
CAPTION_PAD = 12
CONTENT_BOTTOM = 1330
"""A page's own text ends here, leaving room for two lines of captions above CAPTION_BOTTOM."""
X0, Y0, X1, _ = SAFE
BAND = 130
"""The brand band at the top of every page: the programme's name and the segment."""
SCALES = (1.0, 0.85, 0.7)
"""Text sizes a page tries, largest first, before it gives up (never below MIN_TEXT)."""

Kind = Literal["title", "entry", "point", "end"]


@dataclass(frozen=True)
class Page:
    """What one portrait page shows."""

    kind: Kind
    label: str
    """The segment, shown in the brand band."""
    heading: str = ""
    facts: str = ""
    body: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Smaller grey lines under the body (measures, publicity end)."""
    tag: str = ""
    """A pill above the heading: the board's name, a point's number."""
    accent: tuple[int, int, int] = RED
    big: str = ""
    url: str = ""


class Overflow(Exception):
    """The page's text does not fit above the captions even at the smallest size."""


def draw(page: Page, *, render: bool = True) -> Canvas:
    """The page as an opaque frame (or, with render=False, only its text boxes); Overflow when it cannot fit.

    A card's text is centred in the room between the band and the captions.
    """
    for scale in SCALES:
        dry = _lay_out(page, scale, 0, Canvas((WIDTH, HEIGHT), draw=False))
        bottom = _bottom(dry)
        if bottom <= CONTENT_BOTTOM:
            shift = (CONTENT_BOTTOM - bottom) // 2 if page.kind in ("entry", "point") else 0
            return _lay_out(page, scale, shift, Canvas((WIDTH, HEIGHT), draw=render, background=NAVY))
    raise Overflow(page.heading or page.facts or page.label)


def _bottom(canvas: Canvas) -> int:
    return max((text.box[3] for text in canvas.texts if text.box[1] > Y0 + BAND), default=0)


def _size(size: int, scale: float) -> int:
    return max(MIN_TEXT, round(size * scale))


def _lay_out(page: Page, scale: float, shift: int, canvas: Canvas) -> Canvas:
    _band(canvas, page.label)
    if page.kind == "title":
        _title(canvas, page, scale)
    elif page.kind == "end":
        _end(canvas, page)
    else:
        _card(canvas, page, scale, Y0 + BAND + 60 + shift)
    return canvas


def _band(canvas: Canvas, label: str) -> None:
    canvas.rect((0, 0, WIDTH, Y0 + BAND), RED)
    canvas.text((X0, Y0 + BAND // 2), strings.CLIPS["brand"].format(name=strings.PROGRAMME), 56, bold=True, anchor="lm")
    canvas.text((X1, Y0 + BAND // 2), label, 44, bold=True, anchor="rm")


def _paragraphs(canvas: Canvas, y: int, texts: tuple[str, ...], size: int, *, bold: bool = False,
                fill: tuple[int, ...] = WHITE, gap: int = 16) -> int:
    for text in texts:
        for line in lines_for(text, size, X1 - X0, bold=bold):
            canvas.text((X0, y), line, size, bold=bold, fill=fill)
            y += line_height(size)
        y += gap
    return y


def _title(canvas: Canvas, page: Page, scale: float) -> None:
    """The clip's opening page: a red rule, the heading large, the date or topic under it."""
    y = 560
    canvas.rect((X0, y - 60, X0 + 160, y - 48), page.accent)
    y = _paragraphs(canvas, y, (page.heading,), _size(104, scale), bold=True, gap=24)
    if page.facts:
        _paragraphs(canvas, y, (page.facts,), _size(52, scale), fill=YELLOW)


def _card(canvas: Canvas, page: Page, scale: float, y: int) -> None:
    """A board entry or a tip's point from `y` down: a tag, the heading, facts, the body, notes."""
    if page.tag:
        size = 48
        width = int(font(size, True).getlength(page.tag)) + 56
        canvas.rect((X0, y, X0 + width, y + line_height(size) + 8), page.accent, radius=12)
        canvas.text((X0 + 28, y + 4), page.tag, size, bold=True, fill=NAVY if page.accent == YELLOW else WHITE)
        y += line_height(size) + 48
    if page.heading:
        y = _paragraphs(canvas, y, (page.heading,), _size(84, scale), bold=True, gap=8)
    if page.facts:
        y = _paragraphs(canvas, y, (page.facts,), _size(52, scale), fill=YELLOW, gap=32)
    y = _paragraphs(canvas, y, page.body, _size(76 if page.kind == "point" else 62, scale), bold=page.kind == "point")
    _paragraphs(canvas, y + 8, page.notes, _size(48, scale), fill=GREY, gap=4)


def _end(canvas: Canvas, page: Page) -> None:
    """The end card: the hotline large, what a tip-off earns, a QR code to the site and what it opens (`facts`)."""
    y = Y0 + BAND + 110
    canvas.text((WIDTH // 2, y), page.heading, 72, bold=True, anchor="ma")
    y += line_height(72) + 20
    canvas.text((WIDTH // 2, y), page.big, 112, bold=True, fill=YELLOW, anchor="ma")
    y += line_height(112) + 20
    for line in lines_for(page.body[0], 46, X1 - X0) if page.body else []:
        canvas.text((WIDTH // 2, y), line, 46, anchor="ma")
        y += line_height(46)
    if page.url:
        side = 400
        code = segno.make(page.url, error="m")
        buffer = io.BytesIO()
        code.save(buffer, kind="png", scale=10, border=2)
        image = Image.open(buffer).convert("RGB").resize((side, side), Image.NEAREST)
        canvas.paste(image, ((WIDTH - side) // 2, y + 40))
        canvas.text((WIDTH // 2, y + 60 + side), page.facts, 44, fill=GREY, anchor="ma")
