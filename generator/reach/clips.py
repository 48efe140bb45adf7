"""Vertical clips of the week's 红黑榜 and 安全知识 for 视频号 and 抖音: 1080x1920 H.264, at most a minute each.

A clip is a title page, a page per board entry or per tip point, and an end
card with the hotline, each page on screen as long as its captions take to
read under the broadcast subtitle rules (`generator.captions`, as on TV). Pages
are drawn with Pillow (`portrait`); Debian's ffmpeg reads them once each
(concat demuxer), repeats them to 25 fps and burns the captions in with libass
from an ASS file sized for the portrait frame.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pysubs2

from generator import captions, strings
from generator.captions import FPS, Cue
from generator.editions.calendar import Episode
from generator.errors import OutputError
from generator.fonts import FONTS
from generator.frames import RED, YELLOW
from generator.reach import portrait
from generator.reach.portrait import CAPTION_BOTTOM, CAPTION_PAD, CAPTION_SIZE, HEIGHT, SAFE, WIDTH, Page
from generator.reach.story import Board, TipItem, Week, page_url, week
from generator.records.catalog import Catalog
from generator.records.public import published
from generator.records.registry import Office

FOLDER = "clips"
MAX_FRAMES = 60 * FPS
"""A clip runs at most a minute: longer boards are told in parts."""
MIN_PAGE = 3 * FPS
"""The least time a page stays up: long enough to read its heading."""
END_PAGE = 4 * FPS
"""The end card stays long enough to dial or scan."""
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "cabac=1", "-tune", "stillimage"]
"""Fast on flat frames (ultrafast), with CABAC back on: files a third the size for the same time."""
COLOUR = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]
C = strings.CLIPS
TV = strings.TV


@dataclass
class Shot:
    """A page and what the captions say over it."""

    page: Page
    texts: list[str]
    least: int = MIN_PAGE
    frames: int = 0
    cues: list[Cue] = field(default_factory=list)


@dataclass
class Clip:
    name: str
    """File stem: its order and what it tells, ASCII."""
    title: str
    record_ids: list[str]
    shots: list[Shot]

    @property
    def frames(self) -> int:
        return sum(shot.frames for shot in self.shots)

    @property
    def cues(self) -> list[Cue]:
        return [cue for shot in self.shots for cue in shot.cues]


def _time(shots: list[Shot]) -> list[Shot]:
    """Time every shot from frame 0: its captions at reading pace, never shorter than its least."""
    at = 0
    for shot in shots:
        cues, end = captions.schedule(shot.texts, at, captions.CPS)  # no voice: read at the broadcast reading pace
        shot.cues, shot.frames = cues, max(end - at, shot.least)
        at += shot.frames
    return shots


def _end(office: Office, episode_url: str) -> Shot:
    page = Page("end", strings.SEGMENT["closing"], heading=TV["hotline_title"], big=office.hotline,
                body=(office.reward_note,), url=episode_url, facts=C["scan"])
    return Shot(page, [TV["closing_caption"].format(hotline=office.hotline, note=office.reward_note)], END_PAGE)


def _parts(name: str, title: Shot, body: list[Shot], end: Shot, heading: str, record_ids: list[str]) -> list[tuple[str, list[Shot], list[str]]]:
    """Body shots grouped into clips of at most a minute, each with the title page and the end card."""
    fixed = _time([title])[0].frames + _time([end])[0].frames
    groups: list[list[Shot]] = [[]]
    used = fixed
    for shot in _time(body):
        if groups[-1] and used + shot.frames > MAX_FRAMES:
            groups.append([])
            used = fixed
        if fixed + shot.frames > MAX_FRAMES:
            raise OutputError(f"{heading}: one page alone runs past a minute with its captions; shorten its text")
        groups[-1].append(shot)
        used += shot.frames
    if len(groups) == 1:
        return [(name, [title, *groups[0], end], record_ids)]
    return [
        (f"{name}-{n}", [Shot(_retitle(title.page, n, len(groups)), title.texts, title.least), *group, end], record_ids)
        for n, group in enumerate(groups, 1)
    ]


def _retitle(page: Page, n: int, total: int) -> Page:
    return Page(page.kind, page.label, heading=page.heading + C["part"].format(n=n, total=total), facts=page.facts, accent=page.accent)


def _board_clips(board: Board, air: str, end: Shot) -> list[tuple[str, list[Shot], list[str]]]:
    label = strings.SEGMENT["listing"]
    accent = RED if board.slug == "red" else YELLOW
    heading = C["board_heading"].format(board=board.name)
    title = Shot(Page("title", label, heading=heading, facts=air, accent=accent),
                 [C["board_caption"].format(board=board.name, n=len(board.listings))])
    body = []
    for entry in board.listings:
        notes = ((C["measures"].format(measures=C["list_sep"].join(entry.measures)),) if entry.measures else ())
        notes += (C["publicity_end"].format(date=strings.cn_date(entry.publicity_end)),)
        page = Page("entry", label, heading=entry.unit, facts=f"{entry.town} · {entry.industry}", body=(entry.reason,),
                    notes=notes, tag=board.name, accent=accent)
        body.append(Shot(page, [TV["listing_caption"].format(board=board.name, unit=entry.unit, reason=entry.reason)]))
    return _parts(f"board-{board.slug}", title, body, end, heading, [e.id for e in board.listings])


def _tip_clips(item: TipItem, end: Shot) -> list[tuple[str, list[Shot], list[str]]]:
    tip = item.tip
    label = strings.SEGMENT["tip"]
    title = Shot(Page("title", label, heading=tip.title, facts=f"{tip.topic} · {tip.season}"),
                 [item.host or C["tip_caption"].format(title=tip.title)])
    body = [
        Shot(Page("point", label, facts=tip.title, body=(point,), tag=C["point"].format(n=n), accent=YELLOW), [point])
        for n, point in enumerate(tip.points, 1)
    ]
    return _parts(f"tip-{tip.id}", title, body, end, tip.title, [tip.id])


def plan(story: Week, office: Office, episode_url: str) -> list[Clip]:
    """The week's clips in order: the red board, the black board, then each safety tip; timed, not yet drawn.

    `episode_url` is the episode's page on the site, which the end card's QR code opens.
    """
    air = strings.cn_date(story.on)
    end = _end(office, episode_url)
    planned = [part for board in story.boards for part in _board_clips(board, air, end)]
    planned += [part for item in story.tips for part in _tip_clips(item, end)]
    clips = []
    for index, (name, shots, record_ids) in enumerate(planned, 1):
        timed = _time([Shot(s.page, s.texts, s.least) for s in shots])
        clips.append(Clip(f"{index:02d}-{name}", timed[0].page.heading, record_ids, timed))
    return clips


def subtitles(cues: list[Cue]) -> pysubs2.SSAFile:
    """The captions as ASS sized for the portrait frame: centred, boxed, bottom edge at CAPTION_BOTTOM.

    Lines are already broken by the caption rules (≤ 16 characters, ≤ 2 lines),
    so libass is told not to wrap (WrapStyle 2).
    """
    subs = pysubs2.SSAFile()
    subs.info.update({"PlayResX": str(WIDTH), "PlayResY": str(HEIGHT), "WrapStyle": "2",
                      "ScaledBorderAndShadow": "yes", "YCbCr Matrix": "TV.709"})
    style = subs.styles["Default"]
    style.fontname = "Noto Sans CJK SC"
    style.fontsize = CAPTION_SIZE
    style.bold = True
    style.primarycolor = pysubs2.Color(255, 255, 255, 0)
    style.outlinecolor = style.backcolor = pysubs2.Color(0, 0, 0, 96)
    style.borderstyle = 3  # an opaque box behind each line, its padding the outline width
    style.outline = CAPTION_PAD
    style.shadow = 0
    style.alignment = pysubs2.Alignment.BOTTOM_CENTER
    style.marginl = style.marginr = SAFE[0] + CAPTION_PAD
    style.marginv = HEIGHT - CAPTION_BOTTOM - CAPTION_PAD
    subs.events.extend(captions.events(cues))
    return subs


def _ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        raise OutputError("ffmpeg not found: install Debian's ffmpeg (make install runs scripts/install-system-packages.sh)")
    return found


def encode(clip: Clip, scratch: Path, out: Path) -> None:
    """Draw the clip's pages into `scratch`, then encode them with its captions burned in into `out`."""
    lines = []
    for index, shot in enumerate(clip.shots):
        name = f"page-{index:02d}.png"
        canvas = portrait.draw(shot.page)
        assert canvas.image is not None
        canvas.image.save(scratch / name, compress_level=1)
        lines.append(f"file '{name}'\nduration {shot.frames / FPS:.2f}\n")
    lines.append(f"file 'page-{len(clip.shots) - 1:02d}.png'\n")  # the concat demuxer needs the last still twice
    (scratch / "pages.txt").write_text("".join(lines), encoding="utf-8")
    subtitles(clip.cues).save(str(scratch / "captions.ass"), format_="ass")
    command = [
        _ffmpeg(), "-nostdin", "-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", "pages.txt",
        "-vf", f"scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,fps={FPS},ass=captions.ass:fontsdir={FONTS}",
        "-frames:v", str(clip.frames), *X264, "-pix_fmt", "yuv420p", *COLOUR, "-r", str(FPS), "-an",
        "-movflags", "+faststart", str(out.resolve()),
    ]
    result = subprocess.run(command, cwd=scratch, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise OutputError(f"ffmpeg could not encode {out.name}: {result.stderr.strip()[-400:]}")


def write(clips: list[Clip], episode: Episode, folder: Path) -> list[Path]:
    """Every clip as MP4 with its ASS captions and a cover (the title page), and manifest.json; returns the MP4s."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for clip in clips:  # every page is measured before the first is encoded
        for shot in clip.shots:
            try:
                portrait.draw(shot.page, render=False)
            except portrait.Overflow as exc:
                raise OutputError(f"{clip.name}: '{exc}' has too much text for a portrait page; shorten it in {', '.join(clip.record_ids)}") from None
    for clip in clips:
        with tempfile.TemporaryDirectory(prefix=".pages-", dir=folder) as scratch:
            encode(clip, Path(scratch), folder / f"{clip.name}.mp4")
            shutil.copyfile(Path(scratch) / "captions.ass", folder / f"{clip.name}.ass")
        cover = portrait.draw(clip.shots[0].page)
        assert cover.image is not None
        cover.image.save(folder / f"{clip.name}.jpg", quality=88)
        made.append(folder / f"{clip.name}.mp4")
    manifest = {
        "episode": episode.id,
        "size": [WIDTH, HEIGHT],
        "fps": FPS,
        "clips": [
            {"file": f"{c.name}.mp4", "cover": f"{c.name}.jpg", "captions": f"{c.name}.ass", "title": c.title,
             "frames": c.frames, "seconds": c.frames / FPS, "records": c.record_ids}
            for c in clips
        ],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return made



def week_clips(catalog: Catalog, episode: Episode, as_of: dt.date, site_url: str) -> list[Clip]:
    """The clips of `episode` as the public saw it on its air date (or on `as_of`, when that is earlier)."""
    view = published(catalog, episode.on(as_of))
    story = week(view, episode)
    if not (story.boards or story.tips):
        raise OutputError(f"{episode.id} has nothing for the clips: no red or black list entry and no safety tip in its running order")
    return plan(story, view.office, page_url(site_url, episode))
