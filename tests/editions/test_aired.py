"""An aired episode's sealed text, and its public form after a withdrawal."""

from __future__ import annotations

import datetime as dt
import json

from generator.editions.aired import Aired, AiredItem, Caption, Shown

ROW = {"序号": "9", "板块": "红黑榜", "内容": "黑榜", "来源记录": "2017-06-21-hongye", "开始": "00:01:00:00", "时长": "00:00:06:05",
       "画面": "slides/009-board-black.png", "角标": "", "字幕": "2"}


def aired() -> Aired:
    board = AiredItem(
        ["2017-06-21-hongye"], ROW, [Shown("slides/009-board-black.png", "00:01:00:00", "黑榜 卞桥镇宏业木材加工厂 砂光车间粉尘积聚")], None,
        [Caption("00:01:00:00", "00:01:03:00", "黑榜：卞桥镇宏业木材加工厂"), Caption("00:01:03:02", "00:01:06:00", "砂光车间粉尘积聚")],
    )
    tip = AiredItem(["2017-06-21-heat"], {**ROW, "内容": "高温天气防中暑"}, [Shown("slides/011-tip.png", "00:01:10:05", "高温天气防中暑")], None, [])
    return Aired("2017-W26", dt.date(2017, 6, 28), "00:01:25:10", [board, tip])


def test_the_sealed_text_reads_back_as_written() -> None:
    assert Aired.from_json(json.loads(aired().to_json())) == aired()


def test_a_withdrawn_item_keeps_its_place_and_loses_its_words() -> None:
    public = aired().without({"2017-06-21-hongye": "经信用修复，已移出黑榜"})
    notice = "此条已依法撤回（依据：经信用修复，已移出黑榜）"
    board, tip = public.items
    assert board.row == {"序号": "9", "板块": "红黑榜", "内容": notice, "来源记录": "", "开始": "00:01:00:00", "时长": "00:00:06:05",
                         "画面": "", "角标": "", "字幕": ""}
    assert board.slides == [Shown("", "00:01:00:00", notice)]
    assert board.captions == [Caption("00:01:00:00", "00:01:06:00", notice)]
    assert board.records == []
    assert tip == aired().items[1]
    assert "宏业" not in json.dumps(json.loads(public.to_json()), ensure_ascii=False)
