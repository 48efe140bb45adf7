"""Breaking Chinese text into lines between words (jieba), for subtitles, slides and sharing cards alike."""

from __future__ import annotations

import logging
from collections.abc import Callable

import jieba

jieba.setLogLevel(logging.WARNING)

NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"
"""Punctuation that may not begin a line (it stays with the word before it)."""
NO_LINE_END = "（《「『“‘("
"""Punctuation that may not end a line (it goes with the word after it)."""


def tokens(text: str) -> list[str]:
    """Words and punctuation, in order; a word is never split."""
    words: list[str] = []
    opening = ""
    for token in jieba.cut(text):
        if not token:
            continue
        if words and not opening and token[0] in NO_LINE_START:
            words[-1] += token
        elif token[-1] in NO_LINE_END:
            opening += token
        else:
            words.append(opening + token)
            opening = ""
    if opening:
        words.append(opening)
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
