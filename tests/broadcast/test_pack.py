"""The weekly TV pack, checked on a real pack built from the sample records."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import zipfile
from pathlib import Path

import imageio_ffmpeg
import pytest
import pysubs2
from PIL import Image, ImageChops, ImageStat

from generator.broadcast.layout import SAFE
from generator.broadcast.pack import Pack, Saving
from generator.broadcast.slides import Slide, draw, paginate
from generator.cache import Shared
from generator.captions import CPS, FPS, GAP, LINE, LINES, MAX_FRAMES, MIN_FRAMES
from generator.editions.calendar import Episode
from generator.frames import MIN_TEXT
from generator.records import loader
from generator.records.public import published
from generator.words import tokens
from tests.conftest import REPO


def inside_safe(box: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = SAFE
    return x0 <= box[0] and y0 <= box[1] and box[2] <= x1 and box[3] <= y1


def test_slides_are_opaque_full_hd(pack: Pack) -> None:
    assert pack.slides
    for frame in pack.slides:
        with Image.open(pack.folder / frame.path) as image:
            assert image.size == (1920, 1080) and image.mode == "RGB", frame.path


def test_each_slide_has_a_thumbnail_that_shows_what_it_shows(pack: Pack) -> None:
    """The site's 480x270 thumbnails are drawn small, not shrunk from the frames: seen at a glance they match their slide."""

    def glance(image: Image.Image, factor: int) -> Image.Image:
        return image.convert("RGB").reduce(factor)

    def apart(one: Image.Image, other: Image.Image) -> float:
        return sum(ImageStat.Stat(ImageChops.difference(one, other)).mean) / 3

    for frame in pack.slides:
        with Image.open(pack.folder / frame.path) as full, Image.open(pack.thumbs / f"{Path(frame.path).stem}.jpg") as thumb:
            assert thumb.size == (480, 270), frame.path
            assert apart(glance(full, 32), glance(thumb, 8)) < 6, frame.path  # levels out of 255, at 60x34
    with Image.open(pack.folder / pack.slides[0].path) as opening, Image.open(pack.thumbs / f"{Path(pack.slides[-1].path).stem}.jpg") as closing:
        assert apart(glance(opening, 32), glance(closing, 8)) > 6  # another slide's thumbnail does not pass


def test_lower_thirds_are_transparent_but_for_the_bar(pack: Pack) -> None:
    assert pack.lower_thirds
    for frame in pack.lower_thirds:
        with Image.open(pack.folder / frame.path) as image:
            assert image.size == (1920, 1080) and image.mode == "RGBA"
            alpha = image.getchannel("A")
            assert alpha.getpixel((960, 300)) == 0 and alpha.getpixel((5, 5)) == 0
            box = alpha.getbbox()
            assert box is not None and inside_safe(box), frame.path


def test_all_drawn_text_lies_inside_title_safe_and_is_readable(pack: Pack) -> None:
    for frame in [*pack.slides, *pack.lower_thirds]:
        assert frame.texts, frame.path
        for text in frame.texts:
            assert inside_safe(text.box), (frame.path, text)
            assert text.size >= MIN_TEXT


def test_long_text_wraps_then_continues_on_more_slides_without_loss() -> None:
    body = tuple("第{}条：".format(n) + "督查组在企业生产车间发现消防通道被货物堵塞、应急照明损坏、灭火器过期失效等问题。" * 2 for n in range(1, 9))
    pages = paginate(Slide("card", label="现场督查", heading="一条很长的督查记录标题用来检验标题换行是否正确处理", body=body))
    assert len(pages) > 1
    shown = ""
    for page in pages:
        canvas = draw(page, render=False)
        assert all(inside_safe(t.box) and t.size >= MIN_TEXT for t in canvas.texts)
        shown += "".join(text for text, _, _ in page.lines)
    assert shown == "".join(body)


def test_captions_follow_broadcast_rules(pack: Pack) -> None:
    subs = pysubs2.load(str(pack.folder / "captions.srt"), encoding="utf-8")
    vtt = pysubs2.load(str(pack.folder / "captions.vtt"), encoding="utf-8")
    assert len(subs) == len(vtt) == len(pack.rundown.cues) > 10
    previous_end = None
    for event in subs:
        lines = event.plaintext.split("\n")
        assert 1 <= len(lines) <= LINES
        assert all(len(line) <= LINE for line in lines), lines
        frames = round(event.duration * FPS / 1000)
        assert MIN_FRAMES <= frames <= MAX_FRAMES
        assert sum(len(line) for line in lines) / (event.duration / 1000) <= CPS + 0.01
        if previous_end is not None:
            assert round((event.start - previous_end) * FPS / 1000) >= GAP
        previous_end = event.end


def test_captions_break_between_words(pack: Pack) -> None:
    for item in pack.rundown.items:
        for cue in item.cues:
            spoken = item.texts[cue.source]
            for left, right in zip(cue.lines, cue.lines[1:]):
                joined = left + right
                edges, at = set(), 0
                for word in tokens(joined):
                    at += len(word)
                    edges.add(at)
                after_punctuation = any(left + mark in spoken for mark in "，、：；。")  # the line's trailing comma is dropped
                assert len(left) in edges or after_punctuation, (left, right)


def test_preview_matches_the_rundown(pack: Pack) -> None:
    video = pack.folder / "preview.mp4"
    reader = imageio_ffmpeg.read_frames(str(video))
    meta = next(reader)
    reader.close()
    assert tuple(meta["size"]) == (1920, 1080)
    assert meta["fps"] == FPS
    assert meta["codec"] == "h264" or "h264" in meta.get("codec", "h264")
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(video))
    assert abs(frames - pack.rundown.frames) <= 1
    probe = imageio_ffmpeg.get_ffmpeg_exe()
    import subprocess

    info = subprocess.run([probe, "-i", str(video)], capture_output=True, text=True).stderr
    assert "yuv420p" in info and "h264" in info


def test_rundown_runs_in_segment_order_and_adds_up(pack: Pack) -> None:
    with (pack.folder / "rundown.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    segments = [row["板块"] for row in rows]
    order = ["片头", "安全生产动态要闻", "现场督查", "红黑榜", "工作通报", "安全知识", "有奖举报"]
    assert [s for s in dict.fromkeys(segments)] == [s for s in order if s in segments]
    assert segments[0] == "片头" and segments[-1] == "有奖举报"
    assert sum(item.frames for item in pack.rundown.items) == pack.rundown.frames
    html = (pack.folder / "rundown.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "串联单" in html


def test_overdue_supervised_cases_come_back(pack: Pack) -> None:
    """The three 挂牌督办 cases still overdue on 13 December 2017 follow the week's inspection in 现场督查."""
    inspection = [item.record_ids for item in pack.rundown.items if item.segment == "inspection" and item.record_ids]
    assert inspection == [
        ["2017-12-12-fireworks-wholesale-bianqiao"],
        ["2017-06-16-high-steep-slope-jinshi-quarry"],  # deadline 30 September
        ["2017-07-27-sprinklers-disabled-hengda-logistics"],
        ["2017-10-11-jinshi-quarry-blasting-distance"],
    ]


def test_manifest_lists_every_file_with_its_hash(pack: Pack) -> None:
    manifest = json.loads((pack.folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(pack.folder).as_posix() for p in pack.folder.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(listed) == on_disk
    for name, entry in listed.items():
        data = (pack.folder / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        named = re.search(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+?(?=(-\d)?\.png$)", name)
        if named:
            assert named[0] in entry["records"], name
    with zipfile.ZipFile(pack.archive) as bundle:
        names = {re.sub(r"^[^/]+/", "", n) for n in bundle.namelist()}
    assert names == on_disk | {"manifest.json"}


def test_editorial_file_drops_adds_and_sets_host_lines(pack: Pack) -> None:
    items = pack.rundown.items
    shown = [rid for item in items for rid in item.record_ids]
    assert "2017-12-06-year-end-check-zhongcun" not in shown  # dropped, though dated in the week
    added = next(item for item in items if item.record_ids == ["2017-11-08-coal-stove-co-poisoning"])
    assert added.segment == "tip" and added.texts[0].startswith("天气转冷")
    assert added.frames >= 40 * FPS
    assert items[0].texts == ["观众朋友们好，欢迎收看《安全365》。岁末年初，本期重点关注烟花爆竹和冬季安全。"]


def test_without_editorial_file_the_default_rundown_is_complete() -> None:
    from generator.broadcast.rundown import plan

    episode = Episode.parse("2017-W49")
    view = published(loader.load(REPO / "records"), episode.air_date)
    assert "2017-W49" not in view.editorial.get("episodes", {})
    rundown = plan(view, episode, "https://safety365.example.org/")
    assert rundown.items[0].segment == "opening" and rundown.items[-1].segment == "closing"
    shown = [(item.segment, item.record_ids) for item in rundown.items if item.record_ids]
    assert shown == [  # the week of 29 November to 5 December 2017, and the supervised cases still overdue
        ("news", ["2017-11-29-roadside-markets-regulated"]),
        ("inspection", ["2017-12-01-mall-fire-safety-pingyi"]),
        ("inspection", ["2017-06-16-high-steep-slope-jinshi-quarry"]),
        ("inspection", ["2017-07-27-sprinklers-disabled-hengda-logistics"]),
        ("tip", ["2017-11-29-natural-gas-leak-at-home"]),
    ]


def test_a_picture_that_fails_to_store_fails_its_pack(tmp_path: Path) -> None:
    """Pictures are compressed on other threads: a failure there is the pack's failure, not a pack missing a slide."""
    def broken() -> bytes:
        raise OSError(28, "No space left on device")

    shared = Shared(tmp_path / "shared", "salt")
    with pytest.raises(OSError, match="No space left"), Saving(shared) as saving:
        saving.link(shared.key("fine"), ".png", lambda: b"fine", tmp_path / "fine.png")
        saving.link(shared.key("broken"), ".png", broken, tmp_path / "broken.png")
    assert (tmp_path / "fine.png").read_bytes() == b"fine"
    assert not (tmp_path / "broken.png").exists()
