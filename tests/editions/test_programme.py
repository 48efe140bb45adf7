"""The overdue cases an episode brings back: at most `broadcast.overdue_items` one by one, oldest overdue first, the rest on one list."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.broadcast.rundown import plan
from generator.editions.calendar import Episode
from generator.editions.programme import returning, running_order
from generator.records import loader
from generator.records.models import Case
from generator.records.public import Views
from tests.conftest import FIXTURES

WEEK = Episode.parse("2017-W30")
"""Airs on 2017-07-26: every case below is past its deadline by then."""
CASE = """date: 2017-06-15
title: 安全通道堵塞{n}
inspection: 2017-06-14-tower-cranes
unit: {unit}
town: {town}
description: 厂区安全通道堵塞，责令限期清理。
level: 一般
disposition: 挂牌督办
order_no: 平安办督〔2017〕{number}号
deadline: {deadline}
review: {{reviewer: 张伟, approver: 刘志强, date: 2017-06-15}}
"""
DEADLINES = {
    "a": "2017-07-05", "b": "2017-07-01", "c": "2017-07-09", "d": "2017-07-03", "e": "2017-07-11", "f": "2017-07-02",
    "g": "2017-07-07", "h": "2017-07-10", "i": "2017-07-04", "j": "2017-07-02", "k": "2017-07-08",
}
"""Eleven open 挂牌督办 cases by slug; f and j share a deadline (then the id decides)."""


def tree(tmp_path: Path, limit: int | None = None) -> Path:
    """The valid fixture tree with the eleven overdue cases, and `overdue_items: limit` in office.yaml when given."""
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "valid", records)
    for number, (slug, deadline) in enumerate(DEADLINES.items(), 101):
        unit, town = ("武台镇金石采石场", "武台镇") if number % 2 else ("平邑县恒泰建筑安装有限公司", "平邑街道")
        text = CASE.format(n=number, unit=unit, town=town, number=number, deadline=deadline)
        (records / "case" / "2017" / f"2017-06-15-blocked-{slug}.yaml").write_text(text, encoding="utf-8")
    if limit is not None:
        office = records / "office.yaml"
        text = office.read_text(encoding="utf-8")
        assert "  premiere:" in text
        office.write_text(text.replace("  premiere:", f"  overdue_items: {limit}\n  premiere:", 1), encoding="utf-8")
    return records


def ids(cases: list[Case]) -> list[str]:
    return [case.id.removeprefix("2017-06-15-blocked-") for case in cases]


def test_eight_oldest_overdue_are_followed_up_and_the_rest_listed(tmp_path: Path) -> None:
    view = Views(loader.load(tree(tmp_path))).on(WEEK.air_date)
    found = returning(view, WEEK)
    assert ids(found.followed) == ["b", "f", "j", "d", "i", "a", "g", "k"]
    assert ids(found.listed) == ["c", "h", "e"]
    inspections = [record.id for record, _, _ in running_order(view, WEEK)["inspection"]]
    assert [i.removeprefix("2017-06-15-blocked-") for i in inspections] == ["b", "f", "j", "d", "i", "a", "g", "k"]


def test_the_number_followed_up_comes_from_office_yaml(tmp_path: Path) -> None:
    view = Views(loader.load(tree(tmp_path, limit=3))).on(WEEK.air_date)
    found = returning(view, WEEK)
    assert ids(found.followed) == ["b", "f", "j"]
    assert ids(found.listed) == ["d", "i", "a", "g", "k", "c", "h", "e"]


@pytest.mark.parametrize("limit", [8, 3])
def test_the_rundown_follows_up_each_then_names_the_rest_on_one_list(tmp_path: Path, limit: int) -> None:
    view = Views(loader.load(tree(tmp_path, limit=limit))).on(WEEK.air_date)
    rundown = plan(view, WEEK, "https://example.org/")
    inspection = [item for item in rundown.items if item.segment == "inspection" and item.record_ids]
    assert len(inspection) == limit + 1
    last = inspection[-1]
    assert (last.name, last.title, last.footage) == ("overdue-list", "逾期未整改督办事项", False)
    assert len(last.record_ids) == 11 - limit
    assert all(item.footage for item in inspection[:-1])
    [slide] = last.slides
    assert slide.facts == f"另有{11 - limit}项挂牌督办事项已过整改期限"
    assert slide.rows[-1] == ("武台镇金石采石场", "平安办督〔2017〕105号 · 安全通道堵塞105 · 整改期限2017年7月11日")
    assert last.texts == [f"另有{11 - limit}项挂牌督办事项已过整改期限仍未整改到位，名单如下，请责任单位抓紧整改。"]


def test_a_case_followed_up_shows_the_same_slide_every_week_and_says_the_days(tmp_path: Path) -> None:
    views = Views(loader.load(tree(tmp_path)))
    later = Episode.parse("2017-W31")
    first, second = (
        next(item for item in plan(views.on(e.air_date), e, "https://example.org/").items if item.name == "2017-06-15-blocked-b")
        for e in (WEEK, later)
    )
    assert first.slides == second.slides
    assert "整改期限2017年7月1日，至今未整改到位" in first.slides[0].body
    assert "整改期限2017年7月1日，已逾期25天" in first.texts
    assert "整改期限2017年7月1日，已逾期32天" in second.texts


def test_an_editor_who_sets_the_whole_order_gets_no_list(tmp_path: Path) -> None:
    records = tree(tmp_path)
    (records / "episodes").mkdir()
    (records / "episodes" / "2017-W30.yaml").write_text("items:\n  - record: 2017-06-15-blocked-e\n", encoding="utf-8")
    view = Views(loader.load(records)).on(WEEK.air_date)
    found = returning(view, WEEK)
    assert (found.followed, found.listed) == ([], [])
    assert [record.id for record, _, _ in running_order(view, WEEK)["inspection"]] == ["2017-06-15-blocked-e"]


def test_a_dropped_case_is_neither_followed_up_nor_listed(tmp_path: Path) -> None:
    records = tree(tmp_path)
    (records / "episodes").mkdir()
    (records / "episodes" / "2017-W30.yaml").write_text("drop: [2017-06-15-blocked-b]\n", encoding="utf-8")
    found = returning(Views(loader.load(records)).on(WEEK.air_date), WEEK)
    assert ids(found.followed) == ["f", "j", "d", "i", "a", "g", "k", "c"]
    assert ids(found.listed) == ["h", "e"]


def test_air_date_is_what_counts(tmp_path: Path) -> None:
    """On 2017-07-06 only the cases due by 5 July are overdue."""
    view = Views(loader.load(tree(tmp_path))).on(dt.date(2017, 7, 6))
    found = returning(view, Episode.parse("2017-W27"))
    assert ids(found.followed) == ["b", "f", "j", "d", "i", "a"]
    assert found.listed == []
