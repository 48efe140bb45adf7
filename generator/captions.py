"""Subtitles the way Chinese broadcast practice sets them, timed to the host's voice, for the TV pack and the vertical clips alike.

At most 16 characters a line and 2 lines a subtitle (one when it fits), read at
no more than 9 characters a second, each on screen from 21 frames to 7 seconds
with at least 2 frames between two; lines break at punctuation or between words
(jieba), never inside a word. A subtitle stays up as long as the host takes to
say it at the office's speaking rate (characters a second), so captions keep
pace with the voice; two lines that would take longer than 7 s to say are shown
one after the other.
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

SENTENCE = re.compile(r"(?<=[。！？；])")
CLAUSE = re.compile(r"(?<=[，、：,:])")
TRAILING = "，。、；：,.;: "
"""Punctuation dropped at the end of a subtitle line, as broadcast subtitles do."""
LITERAL = str.maketrans({"{": "｛", "}": "｝", "\\": "＼"})
"""Characters that are markup in ASS (override blocks, escapes), shown in their full-width forms instead:
otherwise pysubs2 drops `{…}` from SRT and WebVTT and libass obeys it when burning captions in."""


@dataclass(frozen=True)
class Cue:
    """One subtitle: its lines and when it shows, in frames from the start of the programme."""

    start: int
    end: int
    lines: tuple[str, ...]
    source: int = 0
    """Which of its item's spoken texts the subtitle shows (0 for the first): the prompter times each text by it."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def timecode(frames: int) -> str:
    """HH:MM:SS:FF at 25 fps."""
    seconds, frame = divmod(frames, FPS)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}:{frame:02d}"


def reading_chars(lines: tuple[str, ...]) -> int:
    """Characters a viewer reads: everything but spaces."""
    return sum(len(line.replace(" ", "")) for line in lines)


def speaking_frames(chars: int, rate: float) -> int:
    """Frames the host takes to say `chars` characters at `rate` characters a second."""
    return math.ceil(chars * FPS / rate)


def frames_for(lines: tuple[str, ...], rate: float) -> int:
    """How long a subtitle stays: as long as it takes to say (and at most 9 characters a second to read), 21 frames to 7 s."""
    chars = reading_chars(lines)
    return min(MAX_FRAMES, max(MIN_FRAMES, math.ceil(chars * FPS / CPS), speaking_frames(chars, rate)))


def phrase_lines(sentence: str, fits: int = LINE) -> list[str]:
    """Lines of a sentence, breaking at a comma where a whole clause fits, else between words.

    A line is measured without the punctuation it will lose at its end, so a
    16-character clause closed by a full stop stays on one line.
    """
    def fitting(line: str) -> bool:
        return len(line.rstrip(TRAILING) or line) <= fits

    lines: list[str] = []
    for clause in (c for c in CLAUSE.split(sentence) if c):
        if lines and fitting(lines[-1] + clause):
            lines[-1] += clause
        elif fitting(clause):
            lines.append(clause)
        else:
            head = [lines.pop()] if lines else []
            lines.extend(wrap(head + tokens(clause), fitting))
    return [line.rstrip(TRAILING) or line for line in lines]


def subtitles(text: str, rate: float) -> list[tuple[str, ...]]:
    """`text` cut into subtitles of one or two lines, sentence by sentence; two lines only when both are said within 7 s."""
    result: list[tuple[str, ...]] = []
    for sentence in SENTENCE.split(text.strip()):
        sentence = sentence.strip()
        if not sentence:
            continue
        group: list[str] = []
        for line in phrase_lines(sentence):
            joined = (*group, line)
            if group and (len(joined) > LINES or speaking_frames(reading_chars(joined), rate) > MAX_FRAMES):
                result.append(tuple(group))
                group = []
            group.append(line)
        result.append(tuple(group))
    return result


def schedule(texts: list[str], start: int, rate: float) -> tuple[list[Cue], int]:
    """Cues for `texts` one after another from frame `start`; returns them and the frame after the last gap."""
    cues = []
    at = start
    for source, text in enumerate(texts):
        for lines in subtitles(text, rate):
            length = frames_for(lines, rate)
            cues.append(Cue(at, at + length, lines, source))
            at += length + GAP
    return cues, at


def events(cues: list[Cue]) -> Iterator[pysubs2.SSAEvent]:
    """The cues as pysubs2 events, lines joined by a hard break, their text never read as markup."""
    for cue in cues:
        text = r"\N".join(line.translate(LITERAL) for line in cue.lines)
        yield pysubs2.SSAEvent(start=_ms(cue.start), end=_ms(cue.end), text=text)


def _ms(frame: int) -> int:
    return round(frame * 1000 / FPS)


def write(cues: list[Cue], srt: Path, vtt: Path) -> None:
    """SRT for editing systems, WebVTT for the web player."""
    subs = pysubs2.SSAFile()
    subs.events.extend(events(cues))
    subs.save(str(srt), format_="srt", encoding="utf-8")
    subs.save(str(vtt), format_="vtt", encoding="utf-8")
