"""The WeChat article's pictures, drawn with Pillow (charts with matplotlib): cover, thumbnail, boards, QR code.

The platform shows the cover at 2.35:1 (900x383) in the feed and a square
thumbnail where it lists articles; body pictures are drawn 1080 px wide, sharp
on a phone, and no text in them is smaller than the 40 px floor of every frame.
"""

from __future__ import annotations

import io

import segno
from PIL import Image

from generator import strings
from generator.charts import ranking_bars
from generator.frames import GREY, INK, NAVY, RED, WHITE, YELLOW, Canvas, line_height, lines_for
from generator.reach.story import Board
from generator.records.models import Ranking

COVER = (900, 383)
THUMB = (200, 200)
WIDTH = 1080
"""Width of every body picture."""
PAD = 60
BULLETIN_RED = (230, 0, 18)
"""The bulletin's masthead red (about Y80 M80 in print)."""
PAPER = {"red": (255, 246, 244), "black": (242, 243, 245)}
BAND = {"red": RED, "black": INK}
W = strings.WECHAT


def png(image: Image.Image) -> bytes:
    """PNG bytes of `image`, compressed hard: flat pictures shrink well and the platform takes at most 1 MB."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _image(canvas: Canvas) -> Image.Image:
    assert canvas.image is not None  # every canvas here draws
    return canvas.image


def week_cover(date: str) -> bytes:
    """The programme's cover: its name, the air date and what the article holds."""
    canvas = Canvas(COVER, background=NAVY)
    canvas.rect((0, COVER[1] - 24, COVER[0], COVER[1]), RED)
    canvas.rect((PAD, 70, PAD + 12, 250), RED)
    canvas.text((PAD + 40, 60), W["brand"].format(name=strings.PROGRAMME), 100, bold=True)
    canvas.text((PAD + 40, 200), date, 44, fill=YELLOW)
    canvas.text((PAD + 40, 270), W["cover_week"], 44)
    return png(_image(canvas))


def issue_cover(title: str, year: int, number: int) -> bytes:
    """The bulletin's cover in its masthead's colours: the name in red over a red rule."""
    canvas = Canvas(COVER, background=WHITE)
    canvas.text((COVER[0] // 2, 170), title, 110, bold=True, fill=BULLETIN_RED, anchor="ms")
    canvas.text((COVER[0] // 2, 260), W["cover_issue"].format(year=year, n=number), 48, fill=INK, anchor="ms")
    canvas.rect((PAD, 300, COVER[0] - PAD, 308), BULLETIN_RED)
    return png(_image(canvas))


def week_thumb() -> bytes:
    canvas = Canvas(THUMB, background=NAVY)
    canvas.rect((0, THUMB[1] - 20, THUMB[0], THUMB[1]), RED)
    canvas.text((THUMB[0] // 2, 96), W["thumb_week"], 64, bold=True, anchor="ms")
    canvas.text((THUMB[0] // 2, 160), W["thumb_week_number"], 56, bold=True, fill=YELLOW, anchor="ms")
    return png(_image(canvas))


def issue_thumb(number: int) -> bytes:
    canvas = Canvas(THUMB, background=WHITE)
    canvas.text((THUMB[0] // 2, 100), W["thumb_issue"], 72, bold=True, fill=BULLETIN_RED, anchor="ms")
    canvas.rect((20, 118, THUMB[0] - 20, 124), BULLETIN_RED)
    canvas.text((THUMB[0] // 2, 178), strings.PRINT["number"].format(n=number), 40, fill=INK, anchor="ms")
    return png(_image(canvas))


BOARD_TITLE, UNIT, FACTS, REASON = 56, 52, 40, 44


def board(board_: Board, caption: str) -> bytes:
    """A board as a card: its name and what it means on a band, then every entry; as tall as it needs."""
    note = W["red_note"] if board_.slug == "red" else W["black_note"]
    inner = WIDTH - 2 * PAD
    title = lines_for(W["board_title"].format(board=board_.name, note=note), BOARD_TITLE, inner, bold=True)
    band = 2 * 40 + len(title) * line_height(BOARD_TITLE)
    entries = [
        (lines_for(e.unit, UNIT, inner, bold=True), f"{e.town} · {e.industry}", lines_for(e.reason, REASON, inner))
        for e in board_.listings
    ]
    body = sum(len(u) * line_height(UNIT) + line_height(FACTS) + len(r) * line_height(REASON) + 50 for u, _, r in entries)
    height = band + 30 + body + line_height(FACTS) + 40
    canvas = Canvas((WIDTH, height), background=PAPER[board_.slug])
    canvas.rect((0, 0, WIDTH, band), BAND[board_.slug])
    y = 40
    for line in title:
        canvas.text((PAD, y), line, BOARD_TITLE, bold=True)
        y += line_height(BOARD_TITLE)
    y = band + 30
    for unit_lines, facts, reason_lines in entries:
        for line in unit_lines:
            canvas.text((PAD, y), line, UNIT, bold=True, fill=INK)
            y += line_height(UNIT)
        canvas.text((PAD, y), facts, FACTS, fill=(110, 110, 110))
        y += line_height(FACTS)
        for line in reason_lines:
            canvas.text((PAD, y), line, REASON, fill=INK)
            y += line_height(REASON)
        canvas.rect((PAD, y + 20, WIDTH - PAD, y + 22), GREY)
        y += 50
    canvas.text((WIDTH - PAD, y), caption, FACTS, fill=(110, 110, 110), anchor="ra")
    return png(_image(canvas))


CHART_TEXT = 40
CHART_ROW = 80


def ranking_chart(ranking: Ranking) -> bytes:
    """A ranking's scores as bars, first place on top, one row per unit."""
    from generator.drawing import render_image  # matplotlib: only when a chart is drawn

    height = 220 + CHART_ROW * len(ranking.scores)
    return png(render_image(ranking_bars(ranking, W["score"]), WIDTH, height, text_px=CHART_TEXT))


def qr(url: str) -> bytes:
    """A QR code of `url`, big enough to scan off a phone screen held up to another phone."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
