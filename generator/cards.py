"""Sharing cards: the 1200×630 picture a chat app or social site shows beside a shared link.

A card is plain data (what it says) until `draw` makes a PNG of it with Pillow.
Chinese titles are set in Noto Sans CJK SC, wrapped between words and shrunk
until they fit in three lines; a character the font cannot draw (an emoji, a
rare character outside its set) is left out rather than shown as an empty box.
Drawing is cheap, because a site ten years old has ten thousand of them: the
frame of each tone is drawn once per process, each character rasterised once
per process and size, the card set in palette colours from the start and the
PNG written with fast compression.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
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


INK_ON_PAPER, GREY_ON_PAPER, PAPER_ON_TONE, RED_ON_BAND, GREY_ON_BAND = range(5)
"""The card's palette: for each (text colour, ground) a ramp of 16 colours from ground (0) to text (15).

A card is set in palette colours from the start: each glyph's anti-aliased
edge becomes steps of its ramp, so the card needs no colour reduction and a
palette PNG is a third the size of an RGB one and several times quicker to
write.
"""
STEPS = 16


def colour(ramp: int, step: int = STEPS - 1) -> int:
    """Palette index of `step` (0 = ground, 15 = text) on `ramp`."""
    return ramp * STEPS + step


@cache
def palette(tone: Tone) -> list[int]:
    """The palette of a card of `tone`, as Pillow takes it: r, g, b of every index in turn."""
    pairs = ((INK, PAPER), (GREY, PAPER), (PAPER, TONES[tone]), (TONES["red"], BAND), (GREY, BAND))  # in the ramps' order
    return [round(bg[c] + (fg[c] - bg[c]) * step / (STEPS - 1)) for fg, bg in pairs for step in range(STEPS) for c in range(3)]


@lru_cache(maxsize=16384)
def glyph(char: str, size: int, bold: bool) -> tuple[Image.Image | None, int, int, float]:
    """One character as Pillow draws it, kept: its coverage mask, offset from the pen (top left) and advance.

    Cards set their text from these rather than with `ImageDraw.text`, which
    rasterises every glyph anew: a site's cards share a few thousand
    characters, and rasterising CJK outlines is most of what a card costs.
    Chinese has no kerning to lose by setting it glyph by glyph.
    """
    face = font(size, bold)
    left, top, right, bottom = (int(v) for v in face.getbbox(char))
    advance = face.getlength(char)
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=face, fill=255)
    return mask, left, top, advance


@lru_cache(maxsize=16384)
def inked(char: str, size: int, bold: bool, ramp: int) -> tuple[Image.Image, Image.Image] | None:
    """A character in the colours of `ramp`: palette indices, and where they go (every pixel it touches)."""
    mask = glyph(char, size, bold)[0]
    if mask is None:
        return None
    levels = mask.point([colour(ramp, (a * (STEPS - 1) + 127) // 255) for a in range(256)])
    return Image.frombytes("P", mask.size, levels.tobytes()), mask.point([255 if a else 0 for a in range(256)])


def measure(text: str, size: int, bold: bool = False) -> float:
    """Width of `text` in pixels, as `write` sets it."""
    return sum(glyph(char, size, bold)[3] for char in text)


def write(image: Image.Image, xy: tuple[float, int], text: str, size: int, bold: bool, ramp: int) -> None:
    """Set `text` on a palette image with its top left at `xy`, in the text colour of `ramp` on its ground."""
    x, y = xy
    for char in text:
        left, top, advance = glyph(char, size, bold)[1:]
        found = inked(char, size, bold, ramp)
        if found is not None:
            image.paste(found[0], (round(x) + left, y + top), found[1])
        x += advance


def middle(y: int, size: int, bold: bool = False) -> int:
    """The top of a line of `size` whose middle (between ascender and descender) is at `y`."""
    ascent, descent = font(size, bold).getmetrics()
    return y - (ascent + descent) // 2


def fit(text: str, size: int, width: int, bold: bool = False) -> str:
    """`text` on one line of `width` pixels, cut with an ellipsis when too long."""
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + ELLIPSIS, size, bold) > width:
        text = text[:-1]
    return text + ELLIPSIS


def title_lines(title: str, width: int) -> tuple[int, list[str]]:
    """The largest title size whose lines fit, and the lines; the last line cut with an ellipsis if even the smallest does not fit."""
    words = tokens(title)
    for size in TITLE_SIZES:
        lines = wrap(words, lambda line: measure(line.strip(), size, True) <= width)  # noqa: B023  (used at once)
        if len(lines) <= TITLE_LINES:
            return size, [line.strip() for line in lines]
    size = TITLE_SIZES[-1]
    lines = [line.strip() for line in wrap(words, lambda line: measure(line.strip(), size, True) <= width)]
    rest = "".join(lines[TITLE_LINES - 1:])
    return size, [*lines[: TITLE_LINES - 1], fit(rest, size, width, bold=True)]


@cache
def frame(tone: Tone, brand: str, owner: str) -> Image.Image:
    """The parts every card of a tone shares: paper, side bar, brand band. Drawn once per process."""
    image = Image.new("P", (WIDTH, HEIGHT), colour(INK_ON_PAPER, 0))
    image.putpalette(palette(tone))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 23, HEIGHT), fill=colour(PAPER_ON_TONE, 0))
    pen.rectangle((24, HEIGHT - FOOTER, WIDTH, HEIGHT), fill=colour(RED_ON_BAND, 0))
    band = HEIGHT - FOOTER // 2
    brand = printable(brand)
    write(image, (MARGIN, middle(band, 44, True)), brand, 44, True, RED_ON_BAND)
    room = int(WIDTH - 56 - MARGIN - measure(brand, 44, True) - 40)
    owner = fit(printable(owner), 30, room)
    write(image, (WIDTH - 56 - measure(owner, 30), middle(band, 30)), owner, 30, False, GREY_ON_BAND)
    return image


def layout(card: Card) -> Image.Image:
    """The card as a palette image."""
    image = frame(card.tone, card.brand, card.owner).copy()
    width = WIDTH - MARGIN - 56
    label = fit(printable(card.label), 32, width - 40, bold=True)
    pill = (MARGIN, 60, MARGIN + int(measure(label, 32, True)) + 40, 116)
    ImageDraw.Draw(image).rounded_rectangle(pill, radius=8, fill=colour(PAPER_ON_TONE, 0))
    write(image, (MARGIN + 20, middle(88, 32, True)), label, 32, True, PAPER_ON_TONE)
    size, lines = title_lines(printable(card.title), width)
    y = 150
    for line in lines:
        write(image, (MARGIN, y), line, size, True, INK_ON_PAPER)
        y += int(size * 1.32)
    y += 18
    step = int(DETAIL_SIZE * 1.45)
    for detail in card.details[: max((HEIGHT - FOOTER - 24 - y) // step, 0)]:
        write(image, (MARGIN, y), fit(printable(detail), DETAIL_SIZE, width), DETAIL_SIZE, False, GREY_ON_PAPER)
        y += step
    return image


def draw(card: Card) -> bytes:
    """PNG bytes of the card: 1200×630, palette colours, run-length compression.

    A card is mostly flat runs of one colour: zlib's run-length strategy
    wrote one in 1.75 ms against 2.34 ms at level 3, for 8 % more bytes
    (33 KB); writing was two thirds of drawing one, and a ten-year site
    from scratch draws ten thousand.
    """
    buffer = io.BytesIO()
    layout(card).save(buffer, format="PNG", compress_level=1, compress_type=zlib.Z_RLE)
    return buffer.getvalue()
