"""Write one episode's pack: slides, lower-thirds, captions, rundown, host's script, timeline, preview, manifest and zip.

`<out>/2017-W23/` holds the files, `<out>/2017-W23.zip` the same for download,
and `<out>/thumbs/` a small JPEG of every slide for the site. Slides, their
thumbnails, lower-thirds and footage slots are drawn once per content into the
cache's shared store and linked into the pack, so a slide many packs show (a
case followed up week after week) is drawn and stored once. Every file is listed in manifest.json with its sha256, size and the
record ids behind it; zip members carry a fixed date, so equal input gives an
equal zip. The station's edit pack lives in modules of its own: the timeline
(`timeline.py`), IMSC captions (`ttml.py`) and the host's script (`prompter.py`).

A pack made for airing (`airing`) carries what taking it to air needs: the
slides and lower-thirds as full frames, the footage slots, the timelines that
place them, the host's printed script (prompter.pdf) and the zip. An archived
week's pack keeps the week's documents (rundown, captions, the script as HTML
and text, the manifest) and the slides' thumbnails for its site page, without
them: ten years of full frames alone would be most of what the build keeps,
and encoding them and writing the timelines was over half the time a pack
takes to make, for weeks the station no longer airs. The rundown still names
each slide and lower-third as the pack made for airing holds it, and
`safety365 episode` makes any week's pack for airing, so a rerun of an old
week gets the same files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from generator import captions, strings
from generator.broadcast import prompter, timeline, ttml, video
from generator.broadcast.layout import HEIGHT, WIDTH
from generator.broadcast.rundown import Rundown, check
from generator.broadcast.slides import Page, draw, lower_third
from generator.broadcast.timeline import Media
from generator.cache import Shared, place
from generator.captions import FPS, timecode
from generator.frames import Drawn
from generator.templates import environment

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
THUMB_FACTOR = 4
"""Slide thumbnails for the site: 480x270, a quarter of each side."""
PNG_LEVEL, Z_RLE = 1, 3
"""zlib level and strategy for slides: run-length suits flat graphics; measured at two thirds of
the default's time for files 4 % larger."""
ENCODERS, IN_FLIGHT = 2, 4
"""Threads that compress a pack's pictures, and how many drawn pictures may wait for them (a full frame is 8 MB)."""
STORED = {".png", ".mp4", ".jpg"}
"""Already compressed: deflating them again costs time and saves nothing."""


class Saving:
    """A pack's pictures compressed and stored off the thread that draws them; leaving the `with` block waits for them all.

    Pillow's PNG and JPEG encoders release the GIL, and compressing was about
    two fifths of the time one airing pack took: while a slide is compressed
    the next one is drawn, and a second core compresses too when it is free
    (issuing one episode, or a build's last packs).
    """

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self._threads = ThreadPoolExecutor(ENCODERS, thread_name_prefix="encode")
        self._room = threading.BoundedSemaphore(IN_FLIGHT)
        self._jobs: list[Future[None]] = []

    def link(self, key: str, suffix: str, make: Callable[[], bytes], target: Path) -> None:
        """`Shared.link` on an encoding thread; waits while IN_FLIGHT pictures are queued."""
        self._room.acquire()
        job = self._threads.submit(self.shared.link, key, suffix, make, target)
        job.add_done_callback(lambda _: self._room.release())
        self._jobs.append(job)

    def __enter__(self) -> Saving:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Wait for every picture; the first that failed raises, unless the pack failed already."""
        self._threads.shutdown(wait=True, cancel_futures=kind is not None)
        if kind is None:
            for job in self._jobs:
                job.result()


@dataclass
class Frame:
    """A slide or lower-third: its file in the pack made for airing, what it shows, and the text boxes drawn."""

    path: str
    record_ids: list[str]
    texts: list[Drawn]


@dataclass
class Pack:
    folder: Path
    archive: Path | None
    """The zip of a pack made for airing; None for an archived week's."""
    thumbs: Path
    """Folder of 480x270 JPEGs of the slides, named as the slides: for the site, not for the zip."""
    slides: list[Frame]
    lower_thirds: list[Frame]
    rundown: Rundown
    rows: list[dict[str, str]]
    """The rundown as written to rundown.csv, header to value."""


def write_pack(
    rundown: Rundown, out: Path, templates: Path, shared: Shared, *, preview: bool = True, airing: bool = True
) -> Pack:
    """Write the pack of the laid-out `rundown` into OUT/<episode>/, OUT/thumbs/ and (`airing`) OUT/<episode>.zip, its pictures from `shared`.

    A rundown whose timings do not add up is refused before anything is written.
    """
    check(rundown)
    assert airing or not preview, "a preview is cut from the slides of a pack made for airing"
    folder = out / rundown.episode.id
    thumbs = out / "thumbs"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(thumbs, ignore_errors=True)
    folder.mkdir(parents=True)
    for sub in ("slides", "lower-thirds") if airing else ():
        (folder / sub).mkdir()
    thumbs.mkdir()
    slides, lowers, shots, media = [], [], [], []
    slots = 0
    with Saving(shared) as saving:
        for item in rundown.items:
            files: list[str] = []
            for page, frames in zip(item.pages, item.page_frames, strict=True):
                suffix = f"-{page.number}" if page.count > 1 else ""
                name = f"slides/{len(slides) + 1:03d}-{item.name}{suffix}.png"
                texts = _slide(page, saving, folder / name if airing else None, thumbs / f"{Path(name).stem}.jpg")
                slides.append(Frame(name, item.record_ids, texts))
                files.append(name)
                shots.append((folder / name, frames))
            lower = None
            if item.lower_third:
                lower = f"lower-thirds/{len(lowers) + 1:03d}-{item.name}.png"
                texts = _lower_third(*item.lower_third, saving, folder / lower if airing else None)
                lowers.append(Frame(lower, item.record_ids, texts))
            slot = None
            if item.footage and airing:
                slots += 1
                slot = f"footage/slot-{slots:03d}-{item.name}.png"
                saving.link(shared.key("clear", WIDTH, HEIGHT), ".png", _clear, folder / slot)
            media.append(Media(files, lower, slot))
        # the documents read none of the pictures: they are written while the last ones are compressed
        captions.write(rundown.cues, folder / "captions.srt", folder / "captions.vtt")
        ttml.write(rundown.cues, folder / "captions.ttml")
        rows = _rundown_files(rundown, folder, templates, media)
        prompter.write(rundown, folder, templates, printed=airing)
    if airing:
        timeline.write(timeline.build(rundown, media, folder), folder)
    if preview:
        video.preview(shots, rundown.cues, folder / "preview.mp4")
    _manifest(rundown, folder, slides + lowers)
    archive = out / f"{rundown.episode.id}.zip" if airing else None
    if archive is not None:
        _zip(folder, archive)
    return Pack(folder, archive, thumbs, slides, lowers, rundown, rows)


def _slide(page: Page, saving: Saving, png: Path | None, jpg: Path) -> list[Drawn]:
    """Link the slide's thumbnail's JPEG and (`png` given) its PNG from the shared store, drawing each once per content; the text boxes drawn.

    The thumbnail is drawn at its own size, not shrunk from the full frame:
    an archived week's pack wants no frame, and drawing one only to shrink
    it was most of the time such a pack took.
    """
    shared = saving.shared
    texts: list[Drawn] | None = None
    if png:
        key = shared.key("slide", page)
        if shared.path(key, ".png").is_file():
            place(shared.path(key, ".png"), png)
        else:
            canvas = draw(page)
            image, texts = canvas.image, canvas.texts
            assert image is not None
            saving.link(key, ".png", lambda: _png(image), png)
    key = shared.key("thumb", page)
    if shared.path(key, ".jpg").is_file():
        place(shared.path(key, ".jpg"), jpg)
    else:
        canvas = draw(page, reduce=THUMB_FACTOR)
        thumb, texts = canvas.image, canvas.texts
        assert thumb is not None
        saving.link(key, ".jpg", lambda: _jpeg(thumb), jpg)
    return texts if texts is not None else draw(page, render=False).texts  # measuring its text is far cheaper than drawing it


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=PNG_LEVEL, compress_type=Z_RLE)
    return buffer.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _clear() -> bytes:
    """A fully transparent frame: a footage slot that, left empty, lets the slides show through."""
    buffer = io.BytesIO()
    Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0)).save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()


def _lower_third(place_name: str, text: str, saving: Saving, target: Path | None) -> list[Drawn]:
    """Link a lower-third from the shared store to `target` (drawn once per content: an overdue case's comes back week after week); its text boxes.

    Without a `target` (an archived week's pack) nothing is drawn or linked: only its text is measured.
    """
    shared = saving.shared
    key = shared.key("lower-third", place_name, text)
    stored = shared.path(key, ".png")
    if target is None or stored.is_file():
        if target is not None:
            place(stored, target)
        return lower_third(place_name, text, render=False).texts  # measuring its text is far cheaper than drawing it
    canvas = lower_third(place_name, text)
    assert canvas.image is not None
    image = canvas.image
    saving.link(key, ".png", lambda: _png(image), target)
    return canvas.texts


def _rundown_files(rundown: Rundown, folder: Path, templates: Path, media: list[Media]) -> list[dict[str, str]]:
    tv, station = strings.TV, strings.STATION
    rows = []
    for index, (item, files) in enumerate(zip(rundown.items, media, strict=True), 1):
        rows.append({
            tv["order"]: str(index),
            tv["segment"]: strings.SEGMENT[item.segment],
            tv["item"]: item.title,
            tv["records"]: " ".join(item.record_ids),
            tv["start"]: timecode(item.start),
            tv["duration"]: timecode(item.frames),
            station["spoken"]: timecode(item.spoken),
            tv["slides"]: " ".join(files.slides),
            tv["lower_thirds"]: files.lower_third or "",
            tv["captions"]: f"{len(item.cues)}",
            station["note"]: prompter.note(item, rundown.rate),
        })
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "rundown.csv").write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    env = environment(templates)
    html = env.get_template("rundown.html").render(
        tv=tv, programme=strings.PROGRAMME, episode=rundown.episode, air=strings.cn_date(rundown.episode.air_date),
        rows=rows, total=timecode(rundown.frames), notes=[row[strings.STATION["note"]] for row in rows if row[strings.STATION["note"]]],
        note=strings.STATION["note"], spoken=strings.STATION["spoken"],
    )
    (folder / "rundown.html").write_text(html, encoding="utf-8")
    return rows


def _manifest(rundown: Rundown, folder: Path, frames: list[Frame]) -> None:
    behind = {frame.path: frame.record_ids for frame in frames}
    everything = rundown.record_ids
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        files.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "records": behind.get(name, everything)})
    manifest = {
        "episode": rundown.episode.id,
        "air_date": rundown.episode.air_date.isoformat(),
        "frames": rundown.frames,
        "fps": FPS,
        "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _zip(folder: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if path.suffix in STORED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
