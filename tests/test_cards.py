"""Sharing cards: 1200×630 PNGs whose Chinese titles fit, wrap between words and never show empty boxes."""

from __future__ import annotations

import io

from PIL import Image

from generator.cards import FOOTER, HEIGHT, MARGIN, TITLE_LINES, WIDTH, Card, draw, printable, title_lines
from generator.fonts import font
from generator.records import loader
from tests.conftest import REPO

LONG = "城区农贸市场液化气钢瓶存放不规范、消防通道被占用、灭火器过期未检，责任单位三次复查仍未按期完成整改，已提请县安委会挂牌督办并约谈主要负责人"


def picture(card: Card) -> Image.Image:
    return Image.open(io.BytesIO(draw(card))).convert("RGB")


def test_a_card_is_a_1200_by_630_png_with_the_same_bytes_every_time() -> None:
    card = Card("督办事项 · 挂牌督办", "金石采石场违规开采形成高陡边坡", ("武台镇金石采石场 · 武台镇",), "red", "安全365", "平邑县安全生产委员会办公室")
    data = draw(card)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(data)).size == (1200, 630)
    assert draw(card) == data


def test_a_long_title_wraps_between_words_within_three_lines() -> None:
    width = WIDTH - MARGIN - 56
    size, lines = title_lines(LONG, width)
    assert len(lines) == TITLE_LINES
    assert lines[-1].endswith("…")
    assert all(font(size, True).getlength(line) <= width for line in lines)
    short_size, short = title_lines("夏季用电安全", width)
    assert short == ["夏季用电安全"] and short_size > size


def test_no_ink_runs_past_the_right_margin() -> None:
    image = picture(Card("黑榜", LONG, (LONG, LONG), "black", "安全365", "平邑县安全生产委员会办公室"))
    margin = image.crop((WIDTH - 40, 0, WIDTH, HEIGHT - FOOTER))
    assert margin.getcolors() == [(40 * (HEIGHT - FOOTER), (255, 255, 255))]


def test_characters_the_font_lacks_are_left_out_not_drawn_as_boxes() -> None:
    assert printable("校车安全😀检查") == "校车安全检查"
    assert printable("𪚥") == ""  # outside the SC face: no glyph
    titles = [str(getattr(r, "title", getattr(r, "unit", ""))) for r in loader.load(REPO / "records").records.values()]
    assert all(printable(title) == " ".join(title.split()) for title in titles)  # every sample title draws whole
