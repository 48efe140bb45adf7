"""Search entries, with jieba taught the county's words so Chinese search finds them whole.

Material segments the search index with jieba when it is importable; a word
jieba cuts in two ("集贸" + "市场") cannot be found by typing it whole, so
every registered unit name and the office's working vocabulary are added,
just before the first text is segmented.
"""

from __future__ import annotations

import hashlib
import logging
import re

import jieba
from markupsafe import escape
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.pages import Page as MkDocsPage

from generator.records.registry import Units

VOCABULARY = (
    "安全365", "塔吊", "塔机", "集贸市场", "占道经营", "挂牌督办", "直接交办", "当场整改", "销号", "红黑榜",
    "红榜", "黑榜", "工作通报", "安委办", "安委会", "专业委员会", "镇街", "暗访", "明查", "四不两直",
    "有奖举报", "烟花爆竹", "液化气", "森林防火", "校车", "危化品", "危险化学品", "非煤矿山", "粉尘涉爆",
    "有限空间", "安监办", "标准化建设", "百千万工程", "问责", "诫勉谈话", "公开表态", "信用修复",
)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
"""Runs of Chinese characters: what jieba cuts into words."""

jieba.setLogLevel(logging.WARNING)
_taught: set[str] = set()
"""Words already added: jieba adds a word's frequency to its total on every call, so adding
one twice would shift every later segmentation and make rebuilds (mkdocs serve) differ."""
_pending: dict[str, None] = {}
"""Words to add before the next segmentation, in the order they came."""


def teach(units: Units) -> None:
    """Have the vocabulary and every registered unit name added to jieba's dictionary, once each, before anything is segmented.

    Added only when something is segmented (`ready`): jieba reads its whole
    dictionary first, half a second, and a rebuild whose search entries are
    all noted from the build before segments nothing.
    """
    for word in _words(units):
        if word not in _taught:
            _pending[word] = None


def words(units: Units) -> str:
    """What the segmentation of a text depends on besides the text and jieba: the words `teach` adds, for noting entries by."""
    return hashlib.sha256("\0".join(_words(units)).encode()).hexdigest()


def _words(units: Units) -> tuple[str, ...]:
    return (*VOCABULARY, *(unit.name for _, _, unit in units.entries()))


def ready() -> None:
    """Add the words taught so far to jieba's dictionary (reading it first): call before jieba segments anything."""
    for word in _pending:
        jieba.add_word(word, freq=100_000)
        _taught.add(word)
    _pending.clear()


def segment(text: str) -> str:
    """`text` with its Chinese words set apart by zero-width spaces, the way Material indexes a page."""
    ready()
    cut = HAN.sub(lambda run: "\u200b" + "\u200b".join(jieba.cut(run.group(0))) + "\u200b", text)
    return cut.strip("\u200b")


def entry(location: str, title: str, text: str) -> dict[str, str]:
    """One document of the search index: a page found by the words of its title and `text`.

    Escaped, as Material shows a result's title and text as HTML.
    """
    return {"location": location, "title": segment(str(escape(title))), "text": segment(str(escape(text)))}


def whole(page: MkDocsPage) -> list[dict[str, str]]:
    """The search entries of a page indexed whole: those Material's search plugin makes, one per section of its content."""
    ready()  # Material segments with jieba itself
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries
