"""Sharing cards: the 1200×630 picture a chat app or social site shows beside a shared link.

A card is plain data (what it says) until `draw` makes a PNG of it with Pillow.
Chinese titles are set in Noto Sans CJK SC, wrapped between words and shrunk
until they fit in three lines; a character the font cannot draw (an emoji, a
rare character outside its set) is left out rather than shown as an empty box.
Drawing is cheap, because a site ten years old has ten thousand of them: the
frame of each tone is drawn once per process, then only the text, and the PNG
is written with fast compression.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import Literal

from fontTools.ttLib import TTCollection
from PIL import Image, ImageDraw

from generator.fonts import SC_FACE, font, path
from generator.words import tokens, wrap

WIDTH, HEIGHT = 1200, 630
"""The size Open Graph and Twitter's large-image cards ask for (1.91:1)."""
MARGIN = 80
TITLE_SIZES = (68, 62, 56, 50, 46)
"""Title sizes tried, largest first, until the title fits in TITLE_LINES lines."""
TITLE_LINES = 3
DETAIL_SIZE = 34
FOOTER = 104
"""Height of the brand band at the bottom."""
ELLIPSIS = "…"

Tone = Literal["red", "black", "green", "amber"]
TONES: dict[str, tuple[int, int, int]] = {
    "red": (200, 22, 29),
    "black": (34, 34, 34),
    "green": (27, 122, 61),
    "amber": (138, 90, 0),
}
INK = (26, 26, 26)
GREY = (85, 85, 85)
PAPER = (255, 255, 255)
BAND = (246, 244, 241)


@dataclass(frozen=True)
class Card:
    """What one card says: a small label, the title, up to two lines of detail, the brand."""

    label: str
    """Above the title, on the tone's colour: the kind of page (督办事项, 黑榜, 安全生产通报)."""
    title: str
    details: tuple[str, ...] = ()
    tone: Tone = "red"
    brand: str = ""
    """The programme's name, bottom left."""
    owner: str = ""
    """Who publishes it, bottom right."""


@cache
def drawable() -> frozenset[int]:
    """Code points the SC face has a glyph for (read once per process)."""
    with TTCollection(str(path()), lazy=True) as collection:
        return frozenset(collection[SC_FACE]["cmap"].getBestCmap())


def printable(text: str) -> str:
    """`text` without the characters the font would draw as empty boxes, and with one space between words."""
    known = drawable()
    return " ".join("".join(ch for ch in text if ord(ch) in known or ch == " ").split())


def fit(text: str, size: int, width: int, bold: bool = False) -> str:
    """`text` on one line of `width` pixels, cut with an ellipsis when too long."""
    face = font(size, bold)
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + ELLIPSIS) > width:
        text = text[:-1]
    return text + ELLIPSIS


def title_lines(title: str, width: int) -> tuple[int, list[str]]:
    """The largest title size whose lines fit, and the lines; the last line cut with an ellipsis if even the smallest does not fit."""
    words = tokens(title)
    for size in TITLE_SIZES:
        face = font(size, True)
        lines = wrap(words, lambda line: face.getlength(line.strip()) <= width)
        if len(lines) <= TITLE_LINES:
            return size, [line.strip() for line in lines]
    size = TITLE_SIZES[-1]
    face = font(size, True)
    lines = [line.strip() for line in wrap(words, lambda line: face.getlength(line.strip()) <= width)]
    rest = "".join(lines[TITLE_LINES - 1:])
    return size, [*lines[: TITLE_LINES - 1], fit(rest, size, width, bold=True)]


@cache
def frame(tone: Tone, brand: str, owner: str) -> Image.Image:
    """The parts every card of a tone shares: paper, side bar, brand band. Drawn once per process."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    colour = TONES[tone]
    pen.rectangle((0, 0, 23, HEIGHT), fill=colour)
    pen.rectangle((24, HEIGHT - FOOTER, WIDTH, HEIGHT), fill=BAND)
    middle = HEIGHT - FOOTER // 2
    pen.text((MARGIN, middle), printable(brand), font=font(44, True), fill=TONES["red"], anchor="lm")
    brand_end = MARGIN + font(44, True).getlength(printable(brand)) + 40
    pen.text((WIDTH - 56, middle), fit(printable(owner), 30, int(WIDTH - 56 - brand_end)), font=font(30), fill=GREY, anchor="rm")
    return image


def layout(card: Card) -> Image.Image:
    """The card as an image."""
    image = frame(card.tone, card.brand, card.owner).copy()
    pen = ImageDraw.Draw(image)
    width = WIDTH - MARGIN - 56
    label = fit(printable(card.label), 32, width - 40, bold=True)
    label_width = int(font(32, True).getlength(label))
    pen.rounded_rectangle((MARGIN, 60, MARGIN + label_width + 40, 116), radius=8, fill=TONES[card.tone])
    pen.text((MARGIN + 20, 88), label, font=font(32, True), fill=PAPER, anchor="lm")
    size, lines = title_lines(printable(card.title), width)
    y = 150
    leading = int(size * 1.32)
    for line in lines:
        pen.text((MARGIN, y), line, font=font(size, True), fill=INK)
        y += leading
    y += 18
    room = (HEIGHT - FOOTER - 24 - y) // int(DETAIL_SIZE * 1.45)
    for detail in card.details[: max(room, 0)]:
        pen.text((MARGIN, y), fit(printable(detail), DETAIL_SIZE, width), font=font(DETAIL_SIZE), fill=GREY)
        y += int(DETAIL_SIZE * 1.45)
    return image


@cache
def palette(tone: Tone) -> Image.Image:
    """Every colour a card of `tone` can hold: each text colour blended into its ground in 16 steps.

    Mapping the drawn card onto this fixed palette is exact for the solid
    colours and near for the anti-aliased edges, and a palette PNG is a third
    the size of an RGB one and several times quicker to write.
    """
    pairs = ((INK, PAPER), (GREY, PAPER), (PAPER, TONES[tone]), (TONES["red"], BAND), (GREY, BAND))
    colours = [
        tuple(round(bg[c] + (fg[c] - bg[c]) * step / 15) for c in range(3)) for fg, bg in pairs for step in range(16)
    ]
    holder = Image.new("P", (1, 1))
    holder.putpalette([value for colour in colours for value in colour])
    return holder


def draw(card: Card) -> bytes:
    """PNG bytes of the card: 1200×630, palette colours, quick compression."""
    buffer = io.BytesIO()
    image = layout(card).quantize(palette=palette(card.tone), dither=Image.Dither.NONE)
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()
