"""Drawing text on video frames with Pillow: the TV's landscape slides and the vertical clips.

Every piece of text drawn is recorded with its bounding box, so tests can prove
it lies inside the title-safe area of its frame; a Canvas can also run dry
(measure, don't draw), which is how slides learn how many pages their text needs,
or draw a frame smaller than it lays out (`reduce`), which is how the site's
slide thumbnails are made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw

from generator.fonts import font
from generator.words import tokens, wrap

MIN_TEXT = 40
"""No text smaller than this many pixels: the smallest size readable on a TV at home or a phone in the hand."""

# The programme's colours: navy ground, red bands, yellow highlights.
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
    """A frame of `size` (width, height) being laid out; with `draw=False` it only measures.

    With `reduce` above 1 the picture is drawn `reduce` times smaller on each
    side, everything in it scaled alike, while the layout and the text boxes
    recorded stay in the frame's own pixels: a slide's thumbnail drawn this
    way costs a fraction of drawing the full frame and shrinking it.
    """

    size: tuple[int, int]
    draw: bool = True
    mode: str = "RGB"
    background: tuple[int, ...] = NAVY
    reduce: int = 1
    texts: list[Drawn] = field(default_factory=list)

    def __post_init__(self) -> None:
        width, height = self.size
        drawn = (width // self.reduce, height // self.reduce)
        self.image = Image.new(self.mode, drawn, self.background) if self.draw else None
        self.pen = ImageDraw.Draw(self.image) if self.image else None

    def rect(self, box: tuple[int, int, int, int], fill: tuple[int, ...], radius: int = 0) -> None:
        """Fill x0 <= x < x1, y0 <= y < y1 (the end is exclusive, as for text boxes)."""
        if self.pen:
            x0, y0, x1, y1 = (round(edge / self.reduce) for edge in box)
            self.pen.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=round(radius / self.reduce), fill=fill)

    def paste(self, image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int, int]:
        """Paste `image` (in the frame's pixels, shrunk here when the canvas is `reduce`d) with its top left at `xy`; its box."""
        if self.image and self.reduce == 1:
            self.image.paste(image, xy)
        elif self.image:
            self.image.paste(image.reduce(self.reduce), (round(xy[0] / self.reduce), round(xy[1] / self.reduce)))
        return (xy[0], xy[1], xy[0] + image.width, xy[1] + image.height)

    def text(self, xy: tuple[int, int], text: str, size: int, *, bold: bool = False, fill: tuple[int, ...] = WHITE, anchor: str = "la") -> Drawn:
        """Draw one line of text and record where it went."""
        if size < MIN_TEXT:
            raise ValueError(f"text of {size}px is below the {MIN_TEXT}px readable on a screen")
        face = font(size, bold)
        # the box `ImageDraw.textbbox` gives on a 1-bit image, without a drawing made for each line to measure it
        left, top, right, bottom = face.getbbox(text, mode="1", anchor=anchor)
        box = (int(xy[0] + left), int(xy[1] + top), int(xy[0] + right), int(xy[1] + bottom))
        if self.pen and self.reduce == 1:
            self.pen.text(xy, text, font=face, fill=fill, anchor=anchor)
        elif self.pen:
            small = font(round(size / self.reduce), bold)
            self.pen.text((xy[0] / self.reduce, xy[1] / self.reduce), text, font=small, fill=fill, anchor=anchor)
        drawn = Drawn(box, size, text)
        self.texts.append(drawn)
        return drawn


def lines_for(text: str, size: int, width: int, *, bold: bool = False) -> list[str]:
    """`text` broken between words into lines no wider than `width` pixels."""
    return list(_lines(text, size, width, bold))


@lru_cache(maxsize=1 << 16)
def _lines(text: str, size: int, width: int, bold: bool) -> tuple[str, ...]:
    """Remembered for the process: a slide's text is measured when it is paginated and again when drawn, and
    a worker packs many weeks whose returning slides (overdue cases, segment heads, the closing) say the same."""
    face = font(size, bold)
    return tuple(wrap(tokens(text), lambda line: face.getlength(line) <= width))


def line_height(size: int) -> int:
    return round(size * 1.45)
