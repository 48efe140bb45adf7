"""Breaking Chinese text into lines between words (jieba), for subtitles and slides alike."""

from __future__ import annotations

import logging
from collections.abc import Callable

import jieba

jieba.setLogLevel(logging.WARNING)

NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"
"""Punctuation that may not begin a line (it stays with the word before it)."""


def tokens(text: str) -> list[str]:
    """Words and punctuation, in order; a word is never split."""
    words: list[str] = []
    for token in jieba.cut(text):
        if words and token and token[0] in NO_LINE_START:
            words[-1] += token
        elif token:
            words.append(token)
    return words


def wrap(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Greedy lines of whole words, each one `fits`; a word too long for any line is cut, as a last resort."""
    lines: list[str] = []
    current = ""
    for word in words:
        if fits(current + word):
            current += word
            continue
        if current.strip():
            lines.append(current)
        current = ""
        for char in word.lstrip():
            if current and not fits(current + char):
                lines.append(current)
                current = ""
            current += char
    if current.strip():
        lines.append(current)
    return lines
