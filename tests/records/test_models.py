"""Computed facts the outputs rely on: case status, listing activity, ranks and movement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.records import loader
from generator.records.public import published
from generator.records.models import Case, Listing, Ranking
from generator.records.vocabulary import CaseStatus

D = dt.date


def case(**changes: object) -> Case:
    fields: dict[str, object] = dict(
        date=D(2017, 6, 15), title="t", unit="u", town="t", description="d", level="重大",
        disposition="挂牌督办", order_no="平安办督〔2017〕1号", deadline=D(2017, 6, 30),
    )
    return Case.model_validate({**fields, **changes})


@pytest.mark.parametrize(
    ("as_of", "closed", "expected"),
    [
        (D(2017, 6, 30), None, CaseStatus.OPEN),  # the deadline day itself is still in time
        (D(2017, 7, 1), None, CaseStatus.OVERDUE),
        (D(2017, 7, 1), D(2017, 7, 1), CaseStatus.CLOSED),
        (D(2017, 6, 20), D(2017, 6, 25), CaseStatus.OPEN),  # closure not yet happened on as_of
        (D(2017, 8, 1), D(2017, 7, 20), CaseStatus.CLOSED),  # closed late is still closed
    ],
)
def test_case_status_as_of(as_of: dt.date, closed: dt.date | None, expected: CaseStatus) -> None:
    extra = {"closed": closed, "evidence": "复查合格"} if closed else {}
    assert case(**extra).status(as_of) is expected


def listing(**changes: object) -> Listing:
    fields: dict[str, object] = dict(
        date=D(2017, 7, 3), board="黑榜", unit="u", town="t", industry="i", reason="r", publicity_end=D(2018, 7, 2)
    )
    return Listing.model_validate({**fields, **changes})


def test_listing_shown_from_publication_through_its_publicity_end() -> None:
    entry = listing()  # 公示至 2018-07-02: the printed last day is the last day shown
    assert not entry.active(D(2017, 7, 2))
    assert entry.active(D(2017, 7, 3))
    assert entry.active(D(2018, 7, 2))
    assert not entry.active(D(2018, 7, 3))


def test_repaired_listing_leaves_on_repair_date() -> None:
    entry = listing(repaired=D(2017, 11, 1))
    assert entry.active(D(2017, 10, 31))
    assert not entry.active(D(2017, 11, 1))


def test_ties_share_a_rank() -> None:
    ranking = Ranking.model_validate(
        dict(date=D(2017, 6, 30), title="t", series="s", period="p",
             scores=[{"unit": "a", "score": 80}, {"unit": "b", "score": 95}, {"unit": "c", "score": 90},
                     {"unit": "d", "score": 90}])
    )
    assert ranking.ranks() == {"b": 1, "c": 2, "d": 2, "a": 4}


def test_movement_against_previous_ranking_of_same_series(records: Path) -> None:
    july = records / "ranking/2017/2017-07-31-standardisation-july.yaml"
    july.write_text(
        "date: 2017-07-31\ntitle: 7月份通报\nseries: 镇街安监办标准化建设\nperiod: 2017年7月\n"
        "scores:\n  - {unit: 武台镇, score: 95}\n  - {unit: 平邑街道, score: 91}\n  - {unit: 仲村镇, score: 80}\n"
        "review: {reviewer: 张伟, approver: 刘志强, date: 2017-07-31}\n",
        encoding="utf-8",
    )
    other = records / "ranking/2017/2017-07-15-other-series.yaml"
    other.write_text(
        "date: 2017-07-15\ntitle: 其他\nseries: 隐患排查整改落实\nperiod: 2017年7月\n"
        "scores:\n  - {unit: 仲村镇, score: 99}\n  - {unit: 平邑街道, score: 50}\n"
        "review: {reviewer: 张伟, approver: 刘志强, date: 2017-07-15}\n",
        encoding="utf-8",
    )
    view = published(loader.load(records), D(2017, 12, 31))
    ranking = view.records["2017-07-31-standardisation-july"]
    assert isinstance(ranking, Ranking)
    assert view.previous(ranking).id == "2017-06-30-standardisation-june"  # type: ignore[union-attr]
    # June: 平邑街道 1, 仲村镇 2, 武台镇 2 -> July: 武台镇 1, 平邑街道 2, 仲村镇 3
    assert view.movement(ranking) == {"武台镇": 1, "平邑街道": -1, "仲村镇": -1}
    first = view.records["2017-06-30-standardisation-june"]
    assert isinstance(first, Ranking)
    assert set(view.movement(first).values()) == {None}


def test_covert_inspection_can_wait_until_its_cases_close(records: Path) -> None:
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    inspection.write_text(inspection.read_text(encoding="utf-8") + "hold_until_closed: true\n", encoding="utf-8")
    catalog = loader.load(records)
    case = catalog.records["2017-06-15-crane-inspection-overdue"]
    assert isinstance(case, Case) and case.closed == D(2017, 6, 28)
    assert "2017-06-14-tower-cranes" not in published(catalog, D(2017, 6, 27)).records
    assert "2017-06-14-tower-cranes" in published(catalog, D(2017, 6, 28)).records


def test_only_covert_inspections_may_be_held(records: Path) -> None:
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    text = inspection.read_text(encoding="utf-8").replace("mode: 暗访", "mode: 明查")
    inspection.write_text(text + "hold_until_closed: true\n", encoding="utf-8")
    problems = loader.check(records)
    assert [p.message for p in problems] == ["只有暗访督查才能设置「销号前暂不公开」"]
    assert problems[0].line == len(text.splitlines()) + 1
