"""Subtitle lines as the TV pack and the vertical clips both set them."""

from __future__ import annotations

from generator.captions import subtitles


def test_a_full_line_closed_by_a_full_stop_stays_whole() -> None:
    # 16 characters and a full stop: the stop is dropped at the line's end, so the number is not split
    assert subtitles("举报电话0539-4211365。") == [("举报电话0539-4211365",)]


def test_lines_break_at_commas_and_drop_their_closing_punctuation() -> None:
    assert subtitles("坚持二十四小时值班值守，对进山人员和车辆逐一登记，收缴火种。") == [
        ("坚持二十四小时值班值守", "对进山人员和车辆逐一登记"),
        ("收缴火种",),
    ]
