"""Timing the rundown to the host's voice: expected frames worked out by hand at 25 fps."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.captions import Cue
from generator.broadcast.pack import write_pack
from generator.broadcast.rundown import Item, Rundown, check, lay_out, overruns, plan
from generator.broadcast.slides import Slide
from generator.cache import Shared, digest
from generator.editions.calendar import Episode
from generator.errors import OutputError
from generator.records import loader
from generator.records.public import published
from generator.records.registry import Broadcast
from tests.conftest import FIXTURES, REPO

EPISODE = Episode.parse("2017-W50")
EIGHT = "一二三四五六七八。"
"""8 characters said (the full stop is not shown): 50 frames at 4 a second."""
TWELVE = "甲乙丙丁戊己庚辛壬癸子丑。"
"""12 characters: 75 frames at 4 a second."""


def item(*texts: str, pages: int = 1, fixed: float | None = None, lower: tuple[str, str] | None = None) -> Item:
    slides = [Slide("segment", label="安全知识", heading=f"第{n}屏") for n in range(pages)]  # one screen each
    return Item("tip", "电气焊作业防火", "2017-12-06-welding", ["2017-12-06-welding"], slides, list(texts), lower, fixed)


def laid(*items: Item, rate: float = 4) -> Rundown:
    return lay_out(Rundown(EPISODE, list(items), rate))


def test_a_caption_lasts_as_long_as_the_host_takes_to_say_it() -> None:
    [first] = laid(item(EIGHT)).items
    assert [(cue.start, cue.end) for cue in first.cues] == [(0, 50)]  # 8 x 25 / 4
    assert (first.spoken, first.frames) == (52, 100)  # 2 frames' pause; a slide stays at least 4 s
    [fast] = laid(item(EIGHT), rate=9).items
    assert [(cue.start, cue.end) for cue in fast.cues] == [(0, 23)]  # 8 x 25 / 9 = 22.2


def test_two_lines_share_a_subtitle_only_when_said_within_7_seconds() -> None:
    text = "一二三四五六七八九十甲乙丙丁，一二三四五六七八九十甲乙丙丁。"  # two lines of 14
    [at_4] = laid(item(text)).items
    assert [(cue.start, cue.end, len(cue.lines)) for cue in at_4.cues] == [(0, 175, 2)]  # 28 x 25 / 4 = 175 = 7 s
    [at_3] = laid(item(text), rate=3).items
    assert [(cue.start, cue.end, len(cue.lines)) for cue in at_3.cues] == [(0, 117, 1), (119, 236, 1)]  # 14 x 25 / 3 = 116.7


def test_items_follow_each_other_on_the_grid() -> None:
    rundown = laid(item(EIGHT), item(TWELVE, TWELVE))
    first, second = rundown.items
    assert (second.start, [(cue.start, cue.end) for cue in second.cues]) == (100, [(100, 175), (177, 252)])
    assert (second.spoken, second.frames, rundown.frames) == (154, 155, 255)


def test_a_slide_change_waits_for_the_caption_under_it() -> None:
    # four captions of 75 frames: 0-75, 77-152, 154-229, 231-306. Halfway (154, on the grid 155) falls under the
    # third, so the second slide begins when it ends (229, on the grid 230); the last page keeps its 4 s.
    [two] = laid(item(TWELVE, TWELVE, TWELVE, TWELVE, pages=2)).items
    assert [(cue.start, cue.end) for cue in two.cues] == [(0, 75), (77, 152), (154, 229), (231, 306)]
    assert (two.cuts, two.page_frames, two.frames) == ([0, 230], [230, 100], 330)


def test_captions_after_a_moved_slide_change_wait_for_it() -> None:
    # 8 then 12 then 12 characters: 0-50, 52-127, 129-204, spoken in 206 frames; halfway (103, on the grid 105)
    # falls under the second caption: the change moves to 130 (127 on the grid) and the third caption, due at
    # 129, waits for it.
    [moved] = laid(item(EIGHT, TWELVE, TWELVE, pages=2)).items
    assert [(cue.start, cue.end) for cue in moved.cues] == [(0, 50), (52, 127), (130, 205)]
    assert moved.page_frames == [130, 100]


def test_a_lower_third_comes_in_after_a_second_and_holds_six() -> None:
    short, long = laid(item(EIGHT, lower=("卞桥镇", "检查")), item(*[TWELVE] * 4, lower=("卞桥镇", "检查"))).items
    assert short.lower == (25, 75)  # leaves a second before the 4-s item ends
    assert long.lower == (125, 275)


def test_a_slot_too_short_for_the_spoken_text_is_a_warning() -> None:
    # 12 characters take 75 frames + 2 of pause = 3.08 s; the editor gave the item 3 s
    rundown = laid(item(TWELVE, fixed=3), item(EIGHT, fixed=5))
    over, fits = rundown.items
    assert (over.overrun, fits.overrun) == (True, False)
    assert over.frames == 100 and fits.frames == 125
    assert overruns(rundown) == [
        "2017-W50 item 1 (安全知识 · 电气焊作业防火): the host needs 3.1 s to say it at 4 characters/s, "
        "the slot set is 3 s; it runs 4.0 s"
    ]


def test_speaking_rate_comes_from_office_yaml_and_keys_the_pack(tmp_path: Path) -> None:
    assert Broadcast.model_validate({"channel": "平邑电视台", "premiere": {"weekday": "周三", "time": "19:45"}}).speaking_rate == 4
    with pytest.raises(ValidationError):
        Broadcast.model_validate({"channel": "平邑电视台", "premiere": {"weekday": "周三", "time": "19:45"}, "speaking_rate": 2})
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "valid", records)
    episode = Episode.parse("2017-W25")
    before = plan(published(loader.load(records), episode.air_date), episode, "https://example.org/")
    office = records / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("  premiere:", "  speaking_rate: 5\n  premiere:"), encoding="utf-8")
    after = plan(published(loader.load(records), episode.air_date), episode, "https://example.org/")
    assert (before.rate, after.rate) == (4, 5)
    assert digest(before) != digest(after)  # the pack's cache key


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda r: setattr(r.items[1], "start", 90), r"item 2 \(电气焊作业防火\): starts at frame 90, but the item before it ends at frame 100"),
    (lambda r: setattr(r.items[1], "page_frames", [100]), r"item 2 \(电气焊作业防火\): its slides last 100 frames in all, the item 330"),
    (lambda r: setattr(r.items[1], "pages", []), r"item 2 \(电气焊作业防火\): has no slide to show"),
    (lambda r: r.items[1].cues.append(Cue(420, 440, ("过界",))), r"item 2 \(电气焊作业防火\): caption '过界' runs outside the item"),
    (lambda r: r.items[1].cues.append(Cue(320, 335, ("跨屏",))), r"item 2 \(电气焊作业防火\): caption '跨屏' crosses a slide change"),
])
def test_bad_timings_are_refused_naming_the_item_before_anything_is_written(
    break_it: Callable[[Rundown], object], message: str, tmp_path: Path
) -> None:
    rundown = laid(item(EIGHT), item(TWELVE, TWELVE, TWELVE, TWELVE, pages=2))  # the second: frames 100-430, slides change at 330
    check(rundown)
    break_it(rundown)
    with pytest.raises(OutputError, match=message):
        write_pack(rundown, tmp_path, REPO / "theme" / "broadcast", Shared(tmp_path / "shared", ""), preview=False)
    assert list(tmp_path.iterdir()) == []
