"""Subtitles the way Chinese broadcast practice sets them.

At most 16 characters a line and 2 lines a subtitle (one when it fits), read at
no more than 9 characters a second, each on screen from 21 frames to 7 seconds
with at least 2 frames between two; lines break at punctuation or between words
(jieba), never inside a word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pysubs2

from generator.words import tokens, wrap

FPS = 25
LINE = 16
LINES = 2
CPS = 9
MIN_FRAMES = 21
MAX_FRAMES = 7 * FPS
GAP = 2
GRID = 5
"""Slides change on a 1/5 s grid (5 frames), so the preview can be piped at 5 stills a second."""

SENTENCE = re.compile(r"(?<=[。！？；])")
CLAUSE = re.compile(r"(?<=[，、：,:])")
TRAILING = "，。、；：,.;: "
"""Punctuation dropped at the end of a subtitle line, as broadcast subtitles do."""

@dataclass(frozen=True)
class Cue:
    """One subtitle: its lines and when it shows, in frames from the start of the programme."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def reading_chars(lines: tuple[str, ...]) -> int:
    """Characters a viewer reads: everything but spaces."""
    return sum(len(line.replace(" ", "")) for line in lines)


def frames_for(lines: tuple[str, ...]) -> int:
    """How long a subtitle stays: its reading time at 9 characters a second, within 21 frames to 7 s."""
    return min(MAX_FRAMES, max(MIN_FRAMES, math.ceil(reading_chars(lines) * FPS / CPS)))


def phrase_lines(sentence: str, fits: int = LINE) -> list[str]:
    """Lines of a sentence, breaking at a comma where a whole clause fits, else between words."""
    lines: list[str] = []
    for clause in (c for c in CLAUSE.split(sentence) if c):
        if lines and len(lines[-1]) + len(clause) <= fits:
            lines[-1] += clause
        elif len(clause) <= fits:
            lines.append(clause)
        else:
            head = [lines.pop()] if lines else []
            lines.extend(wrap(head + tokens(clause), lambda line: len(line) <= fits))
    return [line.rstrip(TRAILING) or line for line in lines]


def subtitles(text: str) -> list[tuple[str, ...]]:
    """`text` cut into subtitles of one or two lines, sentence by sentence."""
    result: list[tuple[str, ...]] = []
    for sentence in SENTENCE.split(text.strip()):
        sentence = sentence.strip()
        if not sentence:
            continue
        lines = phrase_lines(sentence)
        result.extend(tuple(lines[i:i + LINES]) for i in range(0, len(lines), LINES))
    return result


def schedule(texts: list[str], start: int) -> tuple[list[Cue], int]:
    """Cues for `texts` one after another from frame `start`; returns them and the frame after the last gap."""
    cues = []
    at = start
    for text in texts:
        for lines in subtitles(text):
            length = frames_for(lines)
            cues.append(Cue(at, at + length, lines))
            at += length + GAP
    return cues, at


def _events(cues: list[Cue]) -> Iterator[pysubs2.SSAEvent]:
    for cue in cues:
        yield pysubs2.SSAEvent(start=_ms(cue.start), end=_ms(cue.end), text=r"\N".join(cue.lines))


def _ms(frame: int) -> int:
    return round(frame * 1000 / FPS)


def write(cues: list[Cue], srt: Path, vtt: Path) -> None:
    """SRT for editing systems, WebVTT for the web player."""
    subs = pysubs2.SSAFile()
    subs.events.extend(_events(cues))
    subs.save(str(srt), format_="srt", encoding="utf-8")
    subs.save(str(vtt), format_="vtt", encoding="utf-8")
