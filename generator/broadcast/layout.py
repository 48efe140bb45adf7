"""Drawing text on 1920x1080 frames with Pillow, inside the EBU R 95 title-safe area.

Every piece of text drawn is recorded with its bounding box, so tests can prove
it lies inside title-safe; a Canvas can also run dry (measure, don't draw),
which is how slides learn how many pages their text needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from generator.fonts import font
from generator.words import tokens, wrap

WIDTH, HEIGHT = 1920, 1080
SAFE = (96, 54, 1824, 1026)
"""Title-safe area, 90 % of the frame (EBU R 95 for 16:9): x0, y0, x1, y1."""
MIN_TEXT = 40
"""No text smaller than this many pixels: the smallest size readable on a TV at home."""

NAVY = (18, 33, 58)
RED = (200, 22, 29)
WHITE = (255, 255, 255)
YELLOW = (255, 210, 63)
GREY = (190, 198, 210)
INK = (34, 34, 34)


@dataclass
class Drawn:
    """A piece of text as drawn: its box (x0, y0, x1, y1), size in pixels, and the text."""

    box: tuple[int, int, int, int]
    size: int
    text: str


@dataclass
class Canvas:
    """A frame being laid out; with `draw=False` it only measures."""

    draw: bool = True
    mode: str = "RGB"
    background: tuple[int, ...] = NAVY
    texts: list[Drawn] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new(self.mode, (WIDTH, HEIGHT), self.background) if self.draw else None
        self.pen = ImageDraw.Draw(self.image) if self.image else None

    def rect(self, box: tuple[int, int, int, int], fill: tuple[int, ...], radius: int = 0) -> None:
        """Fill x0 <= x < x1, y0 <= y < y1 (the end is exclusive, as for text boxes)."""
        if self.pen:
            x0, y0, x1, y1 = box
            self.pen.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=radius, fill=fill)

    def paste(self, image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int, int]:
        if self.image:
            self.image.paste(image, xy)
        return (xy[0], xy[1], xy[0] + image.width, xy[1] + image.height)

    def text(self, xy: tuple[int, int], text: str, size: int, *, bold: bool = False, fill: tuple[int, ...] = WHITE, anchor: str = "la") -> Drawn:
        """Draw one line of text and record where it went."""
        if size < MIN_TEXT:
            raise ValueError(f"text of {size}px is below the {MIN_TEXT}px readable on a TV")
        face = font(size, bold)
        box = tuple(int(v) for v in ImageDraw.Draw(Image.new("1", (1, 1))).textbbox(xy, text, font=face, anchor=anchor))
        if self.pen:
            self.pen.text(xy, text, font=face, fill=fill, anchor=anchor)
        drawn = Drawn(box, size, text)  # type: ignore[arg-type]
        self.texts.append(drawn)
        return drawn


def lines_for(text: str, size: int, width: int, *, bold: bool = False) -> list[str]:
    """`text` broken between words into lines no wider than `width` pixels."""
    face = font(size, bold)
    return wrap(tokens(text), lambda line: face.getlength(line) <= width)


def line_height(size: int) -> int:
    return round(size * 1.45)
