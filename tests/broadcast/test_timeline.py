"""The station's timeline: every exported file read back, and the Kdenlive/MLT and GES projects rendered by real engines.

The pack is the sample episode 2017-W50 (tests/broadcast/conftest.py). Its
running order (片头, five segments, 有奖举报) has 16 items on 18 slides; four
现场督查 items wait for field footage; five items carry a lower-third.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import xml.etree.ElementTree as et
from fractions import Fraction
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import opentimelineio as otio
import pytest
from opentimelineio.opentime import RationalTime, TimeRange
from PIL import Image

from generator.broadcast import timeline
from generator.broadcast.pack import Pack
from generator.broadcast.timeline import Media
from generator.errors import OutputError

SLIDES, SLOTS, LOWER_THIRDS, ITEMS = 18, 4, 5, 16
SEGMENT_MARKERS = ["安全生产动态要闻", "现场督查", "红黑榜", "工作通报", "安全知识", "有奖举报"]
READERS: dict[str, dict[str, object]] = {
    "timeline.otio": {},
    "timeline.xml": {"adapter_name": "fcp_xml"},
    "timeline.kdenlive": {"adapter_name": "kdenlive"},
    "timeline.xges": {"adapter_name": "xges"},
}
Span = tuple[int, int, str]
"""Where a clip sits on its track: first frame, frames, media path relative to the pack."""


def read(path: Path, **options: object) -> otio.schema.Timeline:
    with contextlib.redirect_stdout(io.StringIO()):  # the kdenlive adapter prints a deprecation notice
        found = otio.adapters.read_from_file(str(path), **options)
    return found[0] if isinstance(found, otio.schema.SerializableCollection) else found


def spans(track: otio.schema.Track) -> list[Span]:
    result = []
    for clip in track.find_clips():
        where = clip.range_in_parent()
        path = clip.media_reference.target_url.removeprefix("file:///")
        result.append((round(where.start_time.value), round(where.duration.value), path))
    return result


def rundown_rows(pack: Pack) -> list[dict[str, str]]:
    with (pack.folder / "rundown.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def frames_of(timecode: str) -> int:
    hours, minutes, seconds, frames = (int(part) for part in timecode.split(":"))
    return ((hours * 60 + minutes) * 60 + seconds) * 25 + frames


@pytest.fixture(scope="module")
def expected(pack: Pack) -> dict[str, list[Span]]:
    """The three tracks as the rundown lays them out, each item checked against rundown.csv on the way."""
    rows = rundown_rows(pack)
    assert len(rows) == ITEMS
    slides, slots, lowers = [], [], []
    for row, item in zip(rows, pack.rundown.items, strict=True):
        assert (frames_of(row["开始"]), frames_of(row["时长"])) == (item.start, item.frames)
        at = item.start
        for path, frames in zip(row["画面"].split(), item.page_frames, strict=True):
            slides.append((at, frames, path))
            at += frames
        if item.segment == "inspection" and item.record_ids:
            [slot] = [p.relative_to(pack.folder).as_posix() for p in (pack.folder / "footage").glob(f"slot-*-{item.name}.png")]
            slots.append((item.start, item.frames, slot))
        if row["角标"]:
            assert item.lower is not None
            lowers.append((item.lower[0], item.lower[1] - item.lower[0], row["角标"]))
    assert (len(slides), len(slots), len(lowers)) == (SLIDES, SLOTS, LOWER_THIRDS)
    return {"slides": slides, "footage": slots, "lower-thirds": lowers}


def test_the_opening_lasts_as_long_as_the_host_takes_to_say_it(pack: Pack) -> None:
    # 观众朋友们好 / 欢迎收看《安全365》: 17 characters at 4 a second = 106.25 -> 107 frames;
    # 岁末年初 / 本期重点关注烟花爆竹和冬季安全: 19 characters -> 119 frames, 2 frames after the first;
    # the item ends 2 frames after the last caption, on the 5-frame grid: 230 frames.
    opening = pack.rundown.items[0]
    assert [(cue.start, cue.end) for cue in opening.cues] == [(0, 107), (109, 228)]
    assert (opening.start, opening.frames) == (0, 230)
    slides = read(pack.folder / "timeline.otio").tracks[0]
    assert spans(slides)[0] == (0, 230, "slides/001-opening.png")


@pytest.mark.parametrize("name", list(READERS))
def test_each_project_reads_back_frame_exact(pack: Pack, expected: dict[str, list[Span]], name: str) -> None:
    read_back = read(pack.folder / name, **READERS[name])
    slides, footage, lowers = read_back.tracks
    assert all(track.kind == otio.schema.TrackKind.Video for track in read_back.tracks)
    assert spans(slides) == expected["slides"]
    assert spans(footage) == expected["footage"]
    assert spans(lowers) == expected["lower-thirds"]
    assert round(read_back.duration().value_rescaled_to(25)) == pack.rundown.frames
    if name != "timeline.xges":  # GES layers carry no names
        assert [track.name for track in read_back.tracks] == ["画面", "现场画面", "角标"]


def test_fcpxml_reads_back_with_every_clip_and_exact_times(pack: Pack, expected: dict[str, list[Span]]) -> None:
    path = pack.folder / "timeline.fcpxml"
    read_back = read(path, adapter_name="fcpx_xml")
    clips = [track.find_clips() for track in read_back.tracks]
    assert [len(found) for found in clips] == [SLIDES, SLOTS, LOWER_THIRDS]
    assert [clip.media_reference.target_url for clip in clips[0]] == [path for _, _, path in expected["slides"]]
    # OpenTimelineIO's FCPXML reader truncates float seconds (9.2 s reads as 229 frames), so the
    # frames are checked from the file's own rational times
    assert fcpxml_spans(path) == expected


def fcpxml_spans(path: Path) -> dict[str, list[Span]]:
    """Every clip of the spine and its lanes, in frames, from FCPXML's rational times (`46/5s`)."""
    root = et.parse(path).getroot()
    sources = {asset.get("id"): asset.get("src") for asset in root.iter("asset")}

    def frames(value: str | None) -> int:
        exact = Fraction(str(value).removesuffix("s")) * 25
        assert exact.denominator == 1, value
        return int(exact)

    lanes: dict[str, list[Span]] = {"slides": [], "footage": [], "lower-thirds": []}
    names = {None: "slides", "1": "footage", "2": "lower-thirds"}
    sequence = root.find(".//sequence")
    assert sequence is not None
    spine = sequence.find("spine")
    assert spine is not None
    for parent in spine:
        base = frames(parent.get("offset"))
        for clip in [parent, *parent.findall("clip")]:
            video = clip.find("video")
            assert video is not None
            start = base if clip is parent else base + frames(clip.get("offset"))
            lanes[names[clip.get("lane")]].append((start, frames(clip.get("duration")), str(sources[video.get("ref")])))
    return {name: sorted(found) for name, found in lanes.items()}


def test_the_edl_holds_the_slides_with_8_character_reels(pack: Pack, expected: dict[str, list[Span]]) -> None:
    text = (pack.folder / "timeline.edl").read_text(encoding="utf-8")
    assert text.startswith("TITLE: SAFETY365 2017-W50\n")
    read_back = read(pack.folder / "timeline.edl", adapter_name="cmx_3600", rate=25)
    [slides] = read_back.tracks
    assert spans(slides) == expected["slides"]
    reels = [line.split()[1] for line in text.splitlines() if line[:3].isdigit()]
    assert reels == [f"SLIDE{n:03d}" for n in range(1, SLIDES + 1)]


def test_markers_at_segments_and_items_with_record_ids(pack: Pack) -> None:
    read_back = read(pack.folder / "timeline.otio")
    segment = read_back.tracks.markers
    assert [marker.name for marker in segment] == SEGMENT_MARKERS
    starts = {item.title: item.start for item in pack.rundown.items}
    assert [marker.marked_range.start_time.value for marker in segment] == [starts[name] for name in SEGMENT_MARKERS]
    items = [(clip, marker) for clip in read_back.tracks[0].find_clips() for marker in clip.markers]
    assert len(items) == ITEMS
    fireworks = next(marker for _, marker in items if "春节前烟花爆竹批发企业专项督查" in marker.name)
    assert list(fireworks.metadata["safety365"]["records"]) == ["2017-12-12-fireworks-wholesale-bianqiao"]
    for clip, marker in items:
        assert list(marker.metadata["safety365"]["records"]) == list(clip.metadata["safety365"]["records"])
    # the interchange files keep them as their formats allow: FCP7 on the sequence and the clips (ids as comments),
    # Kdenlive and GES as timeline guides, FCPXML and the EDL on the slides
    fcp7 = read(pack.folder / "timeline.xml", adapter_name="fcp_xml")
    assert len(fcp7.tracks.markers) == len(SEGMENT_MARKERS)
    commented = [m.metadata.get("fcp_xml", {}).get("comment") for c in fcp7.tracks[0].find_clips() for m in c.markers]
    assert "2017-12-12-fireworks-wholesale-bianqiao" in commented and len(commented) == ITEMS
    for name, options in (("timeline.kdenlive", {"adapter_name": "kdenlive"}), ("timeline.xges", {"adapter_name": "xges"})):
        assert len(read(pack.folder / name, **options).tracks.markers) == len(SEGMENT_MARKERS) + ITEMS, name
    fcpx = et.parse(pack.folder / "timeline.fcpxml").getroot()
    assert len(list(fcpx.iter("marker"))) == len(SEGMENT_MARKERS) + ITEMS
    assert (pack.folder / "timeline.edl").read_text(encoding="utf-8").count("* LOC:") == len(SEGMENT_MARKERS) + ITEMS


def test_footage_slots_are_named_and_clear(pack: Pack) -> None:
    slots = read(pack.folder / "timeline.otio").tracks[1].find_clips()
    assert [clip.name for clip in slots] == [
        "待补现场画面：春节前烟花爆竹批发企业专项督查", "待补现场画面：金石采石场违规开采形成高陡边坡",
        "待补现场画面：恒达物流园仓库自动喷淋停用、消防通道被占", "待补现场画面：金石采石场东采区爆破安全距离不足",
    ]
    for clip in slots:
        with Image.open(pack.folder / clip.media_reference.target_url) as image:
            assert image.size == (1920, 1080) and image.getchannel("A").getbbox() is None  # fully transparent


def test_media_paths_are_relative_to_the_pack(pack: Pack) -> None:
    for name, options in READERS.items():
        for clip in read(pack.folder / name, **options).find_clips():
            url = clip.media_reference.target_url
            relative = url.removeprefix("file:///") if name == "timeline.xges" else url
            assert not relative.startswith("/") and (pack.folder / relative).is_file(), (name, url)
    assert str(pack.folder) not in "".join(
        (pack.folder / name).read_text(encoding="utf-8") for name in [*READERS, "timeline.fcpxml", "timeline.edl"]
    )


def test_every_project_runs_at_25_fps(pack: Pack) -> None:
    kdenlive = et.parse(pack.folder / "timeline.kdenlive").getroot().find("profile")
    assert kdenlive is not None and (kdenlive.get("frame_rate_num"), kdenlive.get("frame_rate_den")) == ("25", "1")
    assert r"framerate\=\(fraction\)25/1" in (pack.folder / "timeline.xges").read_text(encoding="utf-8")  # GstStructure-escaped
    xml = et.parse(pack.folder / "timeline.xml").getroot()
    assert {rate.findtext("timebase") for rate in xml.iter("rate")} == {"25"}
    assert 'frameDuration="1/25s"' in (pack.folder / "timeline.fcpxml").read_text(encoding="utf-8")


def test_a_missing_slide_is_refused_naming_the_item(pack: Pack, tmp_path: Path) -> None:
    media = [Media([f"slides/{i}-{n}.png" for n in range(len(item.pages))]) for i, item in enumerate(pack.rundown.items, 1)]
    for files in media:
        for path in files.slides:
            (tmp_path / path).parent.mkdir(exist_ok=True)
            (tmp_path / path).write_bytes(b"png")
    (tmp_path / media[4].slides[0]).unlink()
    with pytest.raises(OutputError, match=r"item 5 \(春节前烟花爆竹批发企业专项督查\): slides/5-0\.png is missing"):
        timeline.build(pack.rundown, media, tmp_path)


# --- real engines ---------------------------------------------------------------------------------------------

SIZE = (480, 270)
"""Renders are checked at a quarter of each side: the engines composite four times faster at 1/16 of the pixels."""
PROFILE = """description=check
frame_rate_num=25
frame_rate_den=1
width=480
height=270
progressive=1
sample_aspect_num=1
sample_aspect_den=1
display_aspect_num=16
display_aspect_den=9
colorspace=709
"""
MELT_ENV = {**os.environ, "DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}
"""MLT's Qt module (Kdenlive's image producer) refuses to load without a DISPLAY; Qt's offscreen platform never opens it."""
TOP = (slice(0, 200), slice(0, 480))
"""Above the caption band burned into the preview and above every lower-third: the slide alone."""


def decode(video: Path, indexes: list[int]) -> dict[int, np.ndarray]:
    """Frames `indexes` of `video`, scaled to SIZE, as RGB arrays."""
    pick = "+".join(f"eq(n\\,{n})" for n in indexes)
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(video), "-vf", f"select='{pick}',scale={SIZE[0]}:{SIZE[1]}",
               "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, SIZE[1], SIZE[0], 3)
    assert len(frames) == len(indexes), (video, indexes)
    return dict(zip(sorted(indexes), frames, strict=True))


def count(video: Path) -> int:
    return imageio_ffmpeg.count_frames_and_secs(str(video))[0]


def still(pack: Pack, *layers: str) -> np.ndarray:
    """The pack's PNGs composited bottom to top and scaled like the renders: what a frame must show."""
    image = Image.new("RGBA", (1920, 1080), (0, 0, 0, 255))
    for layer in layers:
        with Image.open(pack.folder / layer) as overlay:
            image = Image.alpha_composite(image, overlay.convert("RGBA"))
    return np.asarray(image.convert("RGB").resize(SIZE, Image.BILINEAR))


def close(a: np.ndarray, b: np.ndarray, region: tuple[slice, slice]) -> float:
    """Mean absolute difference over `region`, 0-255: 1-4 between two encodes of one picture, over 10 between two slides."""
    return float(np.abs(a[region].astype(int) - b[region].astype(int)).mean())


@pytest.fixture(scope="module")
def window(pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, otio.schema.Timeline, Path]:
    """A short stretch of the programme for the engines to render whole: from just before the first news item
    (with its lower-third) to just into the first 现场督查 item (footage slot and lower-third over its slide)."""
    items = pack.rundown.items
    news = next(item for item in items if item.segment == "news" and item.lower)
    inspection = next(item for item in items if item.segment == "inspection" and item.lower)
    assert inspection.lower is not None
    start, end = news.start - 10, inspection.lower[0] + 10
    whole = read(pack.folder / "timeline.otio")
    cut = otio.algorithms.timeline_trimmed_to_range(whole, TimeRange(RationalTime(start, 25), RationalTime(end - start, 25)))
    for marked in [cut.tracks, *cut.find_clips()]:
        marked.markers.clear()  # markers left of the window would land before frame 0, which GES refuses
    folder = tmp_path_factory.mktemp("window")
    for sub in ("slides", "lower-thirds", "footage"):
        (folder / sub).symlink_to(pack.folder / sub)
    return start, cut, folder


@pytest.fixture(scope="module")
def preview(pack: Pack) -> Path:
    video = pack.folder / "preview.mp4"
    assert count(video) == pack.rundown.frames
    return video


def moments(pack: Pack) -> tuple[list[int], tuple[int, int]]:
    """Two slide changes inside the window, and the first news item's lower-third in and out frames."""
    news = next(item for item in pack.rundown.items if item.segment == "news" and item.lower)
    assert news.lower is not None
    return [news.end, news.end + pack.rundown.items[pack.rundown.items.index(news) + 1].frames], news.lower


def check_render(render: Path, start: int, frames: int, pack: Pack, preview: Path) -> None:
    """The render of the window against the preview (slide changes, frame for frame) and against the pack's PNGs (lower-third in/out)."""
    assert count(render) == frames
    cuts, (lower_in, lower_out) = moments(pack)
    wanted = sorted({at for cut in cuts for at in (cut - 1, cut)} | {lower_in - 1, lower_in, lower_out - 1, lower_out})
    ours = decode(render, [at - start for at in wanted])
    theirs = decode(preview, wanted)
    for at in wanted:
        assert close(ours[at - start], theirs[at], TOP) < 6, at
    for cut in cuts:
        assert close(ours[cut - 1 - start], ours[cut - start], TOP) > 10, cut  # the slide really changes on that frame
    news = next(item for item in pack.rundown.items if item.segment == "news" and item.lower)
    row = rundown_rows(pack)[pack.rundown.items.index(news)]
    slide, lower = row["画面"], row["角标"]
    with Image.open(pack.folder / lower) as image:
        x0, y0, x1, y1 = image.getchannel("A").getbbox() or (0, 0, 0, 0)
    bar = (slice(y0 // 4, y1 // 4), slice(x0 // 4, x1 // 4))  # where the lower-third draws, at the renders' scale
    with_bar, without = still(pack, slide, lower), still(pack, slide)
    assert close(with_bar, without, bar) > 8  # what the check tells apart: a navy bar with text over a navy slide
    for at, shown in ((lower_in - 1, without), (lower_in, with_bar), (lower_out - 1, with_bar), (lower_out, without)):
        assert close(ours[at - start], shown, bar) < 5, at


def test_melt_renders_the_kdenlive_project_frame_exact(pack: Pack, window: tuple[int, otio.schema.Timeline, Path], preview: Path) -> None:
    start, cut, folder = window
    (folder / "window.kdenlive").write_text(timeline.kdenlive(cut), encoding="utf-8")
    (folder / "check.profile").write_text(PROFILE, encoding="utf-8")
    render = folder / "melt.mp4"
    subprocess.run(
        ["melt", "-silent", "-profile", str(folder / "check.profile"), str(folder / "window.kdenlive"),
         "-consumer", f"avformat:{render}", "an=1", "vcodec=libx264", "preset=ultrafast", "crf=12"],
        env=MELT_ENV, capture_output=True, check=True, timeout=300,
    )
    check_render(render, start, int(cut.duration().value), pack, preview)


def test_melt_takes_the_whole_pack_project_for_the_programme_length(pack: Pack, preview: Path, tmp_path: Path) -> None:
    normalised = tmp_path / "resolved.mlt"
    subprocess.run(["melt", "-silent", str(pack.folder / "timeline.kdenlive"), "-consumer", f"xml:{normalised}"],
                   env=MELT_ENV, capture_output=True, check=True, timeout=120)
    producer = et.parse(normalised).getroot().find("producer")
    assert producer is not None
    assert producer.findtext("property[@name='length']") == str(count(preview))  # not MLT's 15,000-frame default


def test_ges_renders_the_xges_project_frame_exact(pack: Pack, window: tuple[int, otio.schema.Timeline, Path], preview: Path) -> None:
    start, cut, folder = window
    (folder / "window.xges").write_text(timeline.xges(cut), encoding="utf-8")
    render = folder / "ges.mp4"
    subprocess.run(
        ["ges-launch-1.0", "--load", str(folder / "window.xges"), f"--ges-sample-path-recurse={pack.folder.as_uri()}",
         f"--video-caps=video/x-raw,width={SIZE[0]},height={SIZE[1]},framerate=25/1",
         "-o", render.as_uri(), "-f", "video/quicktime,variant=iso:video/x-h264", "--no-interactive"],
        capture_output=True, check=True, timeout=300,
    )
    check_render(render, start, int(cut.duration().value), pack, preview)


def test_a_title_with_a_line_break_stays_on_its_edl_line(pack: Pack) -> None:
    whole = read(pack.folder / "timeline.otio")
    whole.tracks[0][0].name = "001 片头\n002  AX V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00"
    events = [line for line in timeline.edl(whole).splitlines() if line[:3].isdigit()]
    assert len(events) == SLIDES


def test_titles_with_markup_and_quotes_go_into_every_format(pack: Pack) -> None:
    whole = read(pack.folder / "timeline.otio")
    for clip in whole.find_clips():
        clip.name += " <script>alert('x')</script> \"q\" & {{ 7*7 }}"
    for marker in whole.tracks.markers:
        marker.name += " 'x'"
    for write in (timeline.fcp7, timeline.fcpx, timeline.kdenlive, timeline.xges):
        assert "<script>" not in write(whole), write.__name__  # escaped in the XML formats
    edl = [line for line in timeline.edl(whole).splitlines() if "<script>" in line]
    assert edl and all(line.startswith("* ") for line in edl)  # plain text, and only ever on a comment line
    fcpx = et.fromstring(timeline.fcpx(whole).split("\n", 2)[2])
    assert any(clip.get("name", "").endswith("<script>alert(\u2019x\u2019)</script> \"q\" & {{ 7*7 }}") for clip in fcpx.iter("clip"))
