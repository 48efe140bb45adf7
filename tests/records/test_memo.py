"""Checking with remembered records: as exact as reading every file afresh, whatever changed in between."""

from __future__ import annotations

from pathlib import Path

from generator.records import loader


def messages(records: Path, memo: Path) -> list[str]:
    return [str(problem).removeprefix(str(records.parent) + "/") for problem in loader.read(records, memo)[1]]


def test_an_edit_after_a_remembered_check_is_seen(records: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo"
    assert messages(records, memo) == []
    assert len(list(memo.glob("records-*.pickle"))) == 1
    case = records / "case/2017/2017-06-15-crane-inspection-overdue.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("deadline: 2017-06-30", "deadline: 2017-06-10"), encoding="utf-8")
    assert messages(records, memo) == [
        "records/case/2017/2017-06-15-crane-inspection-overdue.yaml:10:11: 「整改期限」2017-06-10 早于立案日期 2017-06-15"
    ]


def test_a_registry_change_is_checked_against_every_record(records: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo"
    assert messages(records, memo) == []
    units = records / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("武台镇金石采石场", "武台镇金石石料厂"), encoding="utf-8")
    found = messages(records, memo)
    assert found and all("武台镇金石采石场" in line for line in found)


def test_a_cross_record_problem_of_a_remembered_file_has_its_position(records: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo"
    assert messages(records, memo) == []
    (records / "inspection/2017/2017-06-14-tower-cranes.yaml").unlink()  # the case still names it
    found = messages(records, memo)
    assert [line.split(": ")[0] for line in found] == [
        "records/case/2017/2017-06-15-crane-inspection-overdue.yaml:3:13",  # its `inspection:` value, read only now
        "records/news/2017/2017-06-05-safety-month.yaml:5:11",
    ]
