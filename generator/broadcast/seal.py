"""What an aired episode's pack leaves in the archive: its text files, and every slide's text and timing.

Issuing an episode keeps the pack's rundown, captions and manifest (every
file's sha256) as they are, and `aired.json` (`generator.editions.aired`),
which says what each slide and lower-third showed and when. The PNGs, the
preview and the zip stay out of git; the zip's sha256 goes in the ledger.
"""

from __future__ import annotations

from generator.broadcast.pack import Frame, Pack, timecode
from generator.editions.aired import SEALED, Aired, AiredItem, Caption, Shown

KEPT = ("rundown.csv", "rundown.html", "captions.srt", "captions.vtt", "manifest.json")
"""The pack's own text files, kept byte for byte."""


def sealed_files(pack: Pack) -> dict[str, bytes]:
    """The archive's files of `pack`, by name: the text files it wrote and its aired text."""
    files = {name: (pack.folder / name).read_bytes() for name in KEPT}
    files[SEALED] = aired(pack).to_json()
    return files


def aired(pack: Pack) -> Aired:
    """The text and timing of every item of `pack`, as it was written."""
    rundown = pack.rundown
    slides, lowers = iter(pack.slides), iter(pack.lower_thirds)
    items = []
    for item, row in zip(rundown.items, pack.rows, strict=True):
        start, shown = item.start, []
        for frames in item.page_frames:
            shown.append(_shown(next(slides), start))
            start += frames
        lower = _shown(next(lowers), item.start) if item.lower_third else None
        captions = [Caption(timecode(cue.start), timecode(cue.end), " ".join(cue.lines)) for cue in item.cues]
        items.append(AiredItem(item.record_ids, row, shown, lower, captions))
    return Aired(rundown.episode.id, rundown.episode.air_date, timecode(rundown.frames), items)


def _shown(frame: Frame, start: int) -> Shown:
    return Shown(frame.path, timecode(start), " ".join(drawn.text for drawn in frame.texts))

