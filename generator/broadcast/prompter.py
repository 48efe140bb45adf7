"""The host's script (提词稿): what the host says, segment by segment, timed at the office's speaking rate.

Each item gives its place in the programme (in and out timecodes), the key
facts the host may need (source records, the facts line of its slide, its
lower-third, whether field footage runs under it) and every spoken text with
the timecode it starts at and the seconds it takes. Three forms: a large-type
HTML page (prompter.html, dark for a studio screen), the same page printed
by WeasyPrint (prompter.pdf, large black type on A4; in a pack made for airing), and plain text for
prompter software (prompter.txt: headings and spoken lines only, so nothing
but the script scrolls past the host).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from generator import strings
from generator.captions import FPS, timecode
from generator.broadcast.rundown import Item, Rundown
from generator.paper.pdf import write_pdf
from generator.templates import environment

STATION = strings.STATION


@dataclass(frozen=True)
class Line:
    """One spoken text: when the host starts it and how long it takes."""

    start: str
    seconds: str
    text: str


@dataclass(frozen=True)
class Entry:
    """One rundown item as the host reads it."""

    number: int
    title: str
    start: str
    end: str
    seconds: str
    facts: list[tuple[str, str]]
    lines: list[Line]
    note: str


@dataclass(frozen=True)
class Block:
    """The items of one segment, under its name and start."""

    segment: str
    start: str
    entries: list[Entry]


def seconds(frames: int) -> str:
    return STATION["seconds"].format(n=frames / FPS)


def note(item: Item, rate: float) -> str:
    """The producer's warning for an item whose spoken text overruns the length set for it, or ''."""
    if not item.overrun or item.fixed is None:
        return ""
    return STATION["overrun"].format(needed=item.spoken / FPS, rate=rate, slot=item.fixed, length=item.frames / FPS)


def _lines(item: Item) -> list[Line]:
    lines = []
    for index, text in enumerate(item.texts):
        cues = [cue for cue in item.cues if cue.source == index]
        if cues:
            lines.append(Line(timecode(cues[0].start), seconds(cues[-1].end - cues[0].start), text))
    return lines


def _facts(item: Item) -> list[tuple[str, str]]:
    facts = [(STATION["records"], " ".join(item.record_ids))] if item.record_ids else []
    details = item.slides[0].facts if item.slides else ""
    if details:
        facts.append((STATION["facts"], details))
    if item.lower_third and item.lower:
        place, text = item.lower_third
        span = STATION["timecode_range"].format(start=timecode(item.lower[0]), end=timecode(item.lower[1]))
        facts.append((STATION["lower_third"], f"{place} · {text}（{span}）"))
    if item.footage:
        facts.append((STATION["footage"], STATION["footage_slot"].format(title=item.title)))
    return facts


def script(rundown: Rundown) -> list[Block]:
    """The whole programme as the host reads it, segment by segment."""
    blocks = []
    numbered = list(enumerate(rundown.items, 1))
    for segment, group in groupby(numbered, key=lambda pair: pair[1].segment):
        entries = [
            Entry(number, item.title, timecode(item.start), timecode(item.end), seconds(item.frames), _facts(item), _lines(item), note(item, rundown.rate))
            for number, item in group
        ]
        blocks.append(Block(strings.SEGMENT[segment], entries[0].start, entries))
    return blocks


def text(rundown: Rundown, blocks: list[Block]) -> str:
    """prompter.txt: the title, then each segment and item heading with its timecode, then its spoken lines."""
    episode = rundown.episode
    out = [f"《{strings.PROGRAMME}》{STATION['prompter']} {episode.id}", _meta(rundown), ""]
    for block in blocks:
        out.append(f"【{block.segment}】{block.start}")
        for entry in block.entries:
            if entry.title != block.segment:
                out.append(f"—— {entry.title} {entry.start}")
            out.extend(line.text for line in entry.lines)
        out.append("")
    return "\n".join(out)


def _meta(rundown: Rundown) -> str:
    return STATION["prompter_meta"].format(air=strings.cn_date(rundown.episode.air_date), rate=rundown.rate, total=timecode(rundown.frames))


def write(rundown: Rundown, folder: Path, templates: Path, *, printed: bool = True) -> None:
    """prompter.html, prompter.txt and (`printed`) prompter.pdf in `folder`."""
    blocks = script(rundown)
    html = environment(templates).get_template("prompter.html").render(
        t=STATION, programme=strings.PROGRAMME, episode=rundown.episode, meta=_meta(rundown), blocks=blocks,
    )
    (folder / "prompter.html").write_text(html, encoding="utf-8")
    if printed:
        (folder / "prompter.pdf").write_bytes(write_pdf(html, templates))
    (folder / "prompter.txt").write_text(text(rundown, blocks), encoding="utf-8")
