"""The vertical clips, probed with ffprobe and looked at frame by frame, as a video editor would."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pysubs2
import pytest
from PIL import Image

from generator.editions.calendar import Episode
from generator.errors import OutputError
from generator.reach import clips, portrait
from generator.reach.story import Board, Week
from generator.records import loader, vocabulary
from generator.records.models import Listing
from tests.conftest import REPO, run
from tests.reach.conftest import SHOTS, args

NAMES = ["01-board-red", "02-tip-2017-12-06-welding-hot-work-fire-safety", "03-tip-2017-11-08-coal-stove-co-poisoning"]
SAFE = (54, 96, 1026, 1824)
NAVY = (18, 33, 58)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reach")
    result = run("clips", "2017-W50", *args(out))
    assert result.exit_code == 0, result.output
    return out / "clips" / "2017-W50"


def probe(video: Path) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_frames:format=duration",
         "-of", "json", str(video)], capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def frame(video: Path, seconds: float, png: Path) -> Image.Image:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", f"{seconds:.2f}", "-i", str(video), "-frames:v", "1", str(png)], check=True)
    return Image.open(png).convert("RGB")


def test_each_segment_is_a_portrait_h264_clip_of_at_most_a_minute(folder: Path) -> None:
    assert sorted(p.stem for p in folder.glob("*.mp4")) == NAMES
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [c["file"] for c in manifest["clips"]] == [f"{name}.mp4" for name in NAMES]
    for clip in manifest["clips"]:
        info = probe(folder / clip["file"])
        [stream] = info["streams"]  # video only: no audio track needed
        assert (stream["codec_name"], stream["width"], stream["height"]) == ("h264", 1080, 1920)
        assert stream["pix_fmt"] == "yuv420p" and stream["r_frame_rate"] == "25/1"
        assert int(stream["nb_frames"]) == clip["frames"]
        assert 5 <= float(info["format"]["duration"]) <= 60
        with Image.open(folder / clip["cover"]) as cover:
            assert cover.size == (1080, 1920)
    assert manifest["clips"][0]["records"] == ["2017-12-06-liuyu-checkpoint-fire-watch"]


def test_captions_follow_the_broadcast_rules_in_an_ass_file_sized_for_the_portrait_frame(folder: Path) -> None:
    for name in NAMES:
        subs = pysubs2.load(str(folder / f"{name}.ass"), encoding="utf-8")
        assert (subs.info["PlayResX"], subs.info["PlayResY"], subs.info["WrapStyle"]) == ("1080", "1920", "2")
        style = subs.styles["Default"]
        assert style.fontname == "Noto Sans CJK SC"
        assert 16 * style.fontsize + 2 * style.outline <= 1026 - 54  # the longest line and its box inside title-safe
        assert 1920 - style.marginv - style.outline <= 1824
        previous_end = None
        for event in subs:
            lines = event.text.split(r"\N")
            assert 1 <= len(lines) <= 2 and all(len(line) <= 16 for line in lines), lines
            assert 21 * 40 <= event.duration <= 7000  # 21 frames to 7 s
            assert sum(len(line) for line in lines) / (event.duration / 1000) <= 9.01
            if previous_end is not None:
                assert event.start - previous_end >= 2 * 40
            previous_end = event.end


def test_frames_show_burned_captions_inside_title_safe_over_a_portrait_page(folder: Path) -> None:
    """Take a frame of each clip while a caption shows and one while none does; keep them to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    band = (0, 1300, 1080, 1560)
    for name in NAMES:
        subs = pysubs2.load(str(folder / f"{name}.ass"), encoding="utf-8")
        spoken = subs[1]  # the first caption over the first entry or point
        shown = frame(folder / f"{name}.mp4", (spoken.start + spoken.end) / 2000, SHOTS / f"clip-{name}.png")
        quiet = frame(folder / f"{name}.mp4", (subs[0].end + subs[1].start) / 2000, SHOTS / f"clip-{name}-quiet.png")
        assert shown.size == (1080, 1920)
        white = [p for p in shown.crop(band).getdata() if min(p) > 200]
        assert len(white) > 500, name  # caption text burned in
        assert not [p for p in quiet.crop(band).getdata() if min(p) > 200], name  # nothing between captions
        for x0, x1 in ((0, SAFE[0]), (SAFE[2], 1080)):  # left and right of title-safe: the bare background
            for pixel in shown.crop((x0, band[1], x1, band[3])).getdata():
                assert max(abs(a - b) for a, b in zip(pixel, NAVY)) <= 12, (name, pixel)


def test_every_page_keeps_its_text_inside_title_safe_and_above_the_captions() -> None:
    catalog = loader.load(REPO / "records")
    planned = clips.week_clips(catalog, Episode.parse("2017-W50"), dt.date(2017, 12, 31), "https://safety365.example.org/")
    kinds = set()
    for clip in planned:
        for shot in clip.shots:
            kinds.add(shot.page.kind)
            canvas = portrait.draw(shot.page, render=False)
            for text in canvas.texts:
                x0, y0, x1, y1 = text.box
                assert SAFE[0] <= x0 and SAFE[1] <= y0 and x1 <= SAFE[2] and y1 <= 1330, (shot.page, text)
                assert text.size >= 40
    assert kinds == {"title", "entry", "point", "end"}


def _board(count: int) -> tuple[Week, Episode]:
    catalog = loader.load(REPO / "records")
    black = catalog.records["2017-12-13-tianyuan-fertiliser-ammonia-alarm"]
    assert isinstance(black, Listing)
    entries = tuple(black.model_copy(update={"id": f"entry-{n}"}) for n in range(1, count + 1))
    episode = Episode.parse("2017-W50")
    return Week(episode, episode.air_date, [Board(vocabulary.Board.BLACK, entries)], [], [], []), episode


def test_a_board_too_long_for_a_minute_is_told_in_parts() -> None:
    week, _ = _board(12)
    office = loader.load(REPO / "records").office
    planned = clips.plan(week, office, "https://safety365.example.org/episode/2017-W50/")
    assert [clip.name for clip in planned][:2] == ["01-board-black-1", "02-board-black-2"]
    assert len(planned) >= 3
    assert all(clip.frames <= 60 * 25 for clip in planned)
    shown = [shot.page.heading for clip in planned for shot in clip.shots if shot.page.kind == "entry"]
    assert shown == ["临涧镇天元化肥有限公司"] * 12  # every entry once, in order
    assert planned[0].shots[0].page.heading == f"本周黑榜（1/{len(planned)}）"


def test_a_page_that_cannot_fit_is_refused_naming_the_record(tmp_path: Path) -> None:
    huge = portrait.Page("entry", "红黑榜", heading="临涧镇天元化肥有限公司", body=("液氨储罐区喷淋降温系统喷头堵塞。" * 40,))
    with pytest.raises(portrait.Overflow):
        portrait.draw(huge, render=False)
    clip = clips.Clip("01-board-black", "本周黑榜", ["2017-12-13-tianyuan-fertiliser-ammonia-alarm"], [clips.Shot(huge, [], frames=75)])
    with pytest.raises(OutputError, match="'临涧镇天元化肥有限公司' has too much text for a portrait page; shorten it in 2017-12-13-tianyuan-fertiliser-ammonia-alarm"):
        clips.write([clip], Episode.parse("2017-W50"), tmp_path)
    assert not list(tmp_path.glob("*.mp4"))


def test_weeks_without_boards_or_tips_and_bulletin_issues_are_refused(tmp_path: Path) -> None:
    empty = run("clips", "2017-W10", *args(tmp_path))
    assert empty.exit_code == 1
    assert "error: 2017-W10 has nothing for the clips: no red or black list entry and no safety tip in its running order" in empty.stderr
    issue = run("clips", "2017-23", *args(tmp_path))
    assert issue.exit_code == 1
    assert "clips are made of an episode's segments: give an episode like 2017-W50, not the bulletin issue 2017-23" in issue.stderr
    assert not (tmp_path / "clips").exists()
