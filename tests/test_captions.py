"""Subtitle lines as the TV pack and the vertical clips both set them."""

from __future__ import annotations

import pysubs2

from generator.captions import Cue, events, subtitles


def test_a_full_line_closed_by_a_full_stop_stays_whole() -> None:
    # 16 characters and a full stop: the stop is dropped at the line's end, so the number is not split
    assert subtitles("举报电话0539-4211365。", 4) == [("举报电话0539-4211365",)]


def test_lines_break_at_commas_and_drop_their_closing_punctuation() -> None:
    assert subtitles("坚持二十四小时值班值守，对进山人员和车辆逐一登记，收缴火种。", 4) == [  # said at 4 characters a second
        ("坚持二十四小时值班值守", "对进山人员和车辆逐一登记"),
        ("收缴火种",),
    ]


def test_braces_and_backslashes_in_a_record_stay_text_in_every_caption_format() -> None:
    subs = pysubs2.SSAFile()
    subs.events.extend(events([Cue(0, 50, ("模板 {{ 7*7 }} 与 {\\an8}", "路径 C:\\N"))]))
    assert subs.to_string("srt").splitlines()[2:4] == ["模板 ｛｛ 7*7 ｝｝ 与 ｛＼an8｝", "路径 C:＼N"]
    assert subs.events[0].text == r"模板 ｛｛ 7*7 ｝｝ 与 ｛＼an8｝\N路径 C:＼N"
