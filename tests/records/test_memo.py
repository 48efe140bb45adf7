"""Checking with remembered records: as exact as reading every file afresh, whatever changed in between."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

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


def settle(records: Path) -> None:
    """Date every file a day back, as files are once a clone has sat for a while (their stats are then trusted)."""
    day_ago = time.time() - 86_400
    for path in records.rglob("*.yaml"):
        os.utime(path, (day_ago, day_ago))


def test_an_edit_that_keeps_size_and_modification_time_is_seen(records: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo"
    settle(records)
    assert messages(records, memo) == []
    case = records / "case/2017/2017-06-15-crane-inspection-overdue.yaml"
    before = case.stat()
    case.write_text(case.read_text(encoding="utf-8").replace("deadline: 2017-06-30", "deadline: 2017-06-10"), encoding="utf-8")
    os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a tool that restores times would leave it
    assert case.stat().st_size == before.st_size
    assert messages(records, memo) == [
        "records/case/2017/2017-06-15-crane-inspection-overdue.yaml:10:11: 「整改期限」2017-06-10 早于立案日期 2017-06-15"
    ]


def test_a_new_case_clashing_with_a_remembered_one_is_caught(records: Path, tmp_path: Path) -> None:
    memo = tmp_path / "memo"
    settle(records)
    assert messages(records, memo) == []
    case = records / "case/2017/2017-06-15-crane-inspection-overdue.yaml"
    copy = case.with_name("2017-06-16-crane-second-order.yaml")
    copy.write_text(case.read_text(encoding="utf-8").replace("date: 2017-06-15", "date: 2017-06-16"), encoding="utf-8")
    assert messages(records, memo) == [
        "records/case/2017/2017-06-16-crane-second-order.yaml:9:11: "
        "督办单号 平安办督〔2017〕12号 已被「2017-06-15-crane-inspection-overdue」使用"
    ]


def test_an_editorial_file_changed_in_the_preview_reads_that_file_alone(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An episode's opening lines saved in the preview re-read that file, not the registries and ten years of records, and
    keep every record as it was read (the public view takes their copies over)."""
    archive = loader.Archive(records, memo=tmp_path / "memo")
    assert archive.catalog is not None
    parsed: list[str] = []
    real = loader.parse
    monkeypatch.setattr(loader, "parse", lambda path, *args: parsed.append(path.name) or real(path, *args))
    episode = records / "episodes" / "2017-W50.yaml"
    changed = archive.changed({episode: "opening: 观众朋友们好，本周节目换了开场白。\n".encode()})
    assert changed.problems == []
    assert changed.catalog is not None and getattr(changed.catalog.editorial["episodes"]["2017-W50"], "opening", None) == "观众朋友们好，本周节目换了开场白。"
    assert parsed == ["2017-W50.yaml"]
    case = "2017-06-15-crane-inspection-overdue"
    assert changed.catalog.records[case] is archive.catalog.records[case]
    assert "episodes" not in archive.catalog.editorial  # the old archive stays as it was


def test_an_editorial_file_saved_broken_in_the_preview_is_reported_at_its_line(records: Path) -> None:
    archive = loader.Archive(records)
    episode = records / "episodes" / "2017-W50.yaml"
    changed = archive.changed({episode: "opening: 开场白。\nclosing: [未闭合\n".encode()})
    assert [str(problem).removeprefix(str(records.parent) + "/").split(":")[:2] for problem in changed.problems] == [["records/episodes/2017-W50.yaml", "3"]]
    assert archive.changed({episode: None}).catalog is not None
    assert "2017-W50" not in archive.changed({episode: None}).catalog.editorial.get("episodes", {})


def test_a_registry_change_in_the_preview_checks_every_record_again_and_parses_none(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = loader.Archive(records, memo=tmp_path / "memo")
    parsed: list[str] = []
    real = loader.parse
    monkeypatch.setattr(loader, "parse", lambda path, *args: parsed.append(path.name) or real(path, *args))
    units = records / "units.yaml"
    changed = archive.changed({units: units.read_text(encoding="utf-8").replace("武台镇金石采石场", "武台镇金石石料厂").encode()})
    assert sorted(parsed) == ["office.yaml", "units.yaml"]
    found = [str(problem).removeprefix(str(records.parent) + "/") for problem in changed.problems]
    assert found and all("武台镇金石采石场" in line for line in found)
    assert found == messages_after(records, units, tmp_path)


def messages_after(records: Path, units: Path, tmp_path: Path) -> list[str]:
    """The problems a check reading every file afresh finds, once the registry change is written."""
    units.write_text(units.read_text(encoding="utf-8").replace("武台镇金石采石场", "武台镇金石石料厂"), encoding="utf-8")
    return messages(records, tmp_path / "fresh")


def test_a_registry_change_in_the_preview_validates_again_only_the_records_naming_what_changed(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = loader.Archive(records, memo=tmp_path / "memo")
    validated: list[str] = []
    real = loader._Reader._validate

    def noting(self: loader._Reader, source: Any, model: Any, context: Any = None, **extra: str) -> Any:
        validated.extend(extra.values())  # a record is validated with its id
        return real(self, source, model, context, **extra)

    monkeypatch.setattr(loader._Reader, "_validate", noting)
    units = records / "units.yaml"
    renamed = archive.changed({units: units.read_text(encoding="utf-8").replace("武台镇金石采石场", "武台镇金石石料厂").encode()})
    assert sorted(validated) == ["2017-07-03-quarry-black", "2017-08-02-night-quarrying"]  # the two records naming the quarry
    assert renamed.catalog is not None and renamed.catalog.records["2017-06-05-safety-month"] is archive.catalog.records["2017-06-05-safety-month"]  # type: ignore[union-attr]


def test_a_record_naming_an_unregistered_town_is_valid_once_a_registry_save_registers_it(records: Path, tmp_path: Path) -> None:
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    news.write_text(news.read_text(encoding="utf-8").replace("town: 平邑街道", "town: 新设镇"), encoding="utf-8")
    archive = loader.Archive(records, memo=tmp_path / "memo")
    assert [(problem.path.name, problem.line) for problem in archive.problems] == [("2017-06-05-safety-month.yaml", 4)]
    units = records / "units.yaml"
    registered = archive.changed({units: units.read_text(encoding="utf-8").replace("towns:\n", "towns:\n  - {name: 新设镇, slug: xinshe}\n", 1).encode()})
    assert registered.problems == [] and registered.catalog is not None
    assert registered.catalog.records["2017-06-05-safety-month"].town == "新设镇"  # type: ignore[attr-defined]


def test_a_registry_save_in_the_preview_reads_no_record_file_it_read_before_unchanged(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    an_hour_ago = time.time() - 3600
    for path in records.rglob("*.yaml"):
        os.utime(path, (an_hour_ago, an_hour_ago))  # settled: their stats are trusted, as git trusts its index
    archive = loader.Archive(records, memo=tmp_path / "memo")
    read: list[str] = []
    real = loader._Reader._raw

    def noting(self: loader._Reader, path: Path, *args: Any) -> Any:
        read.append(path.name)
        return real(self, path, *args)

    monkeypatch.setattr(loader._Reader, "_raw", noting)
    units = records / "units.yaml"
    renamed = archive.changed({units: units.read_text(encoding="utf-8").replace("武台镇金石采石场", "武台镇金石石料厂").encode()})
    assert [name for name in read if name not in ("units.yaml", "office.yaml")] == []
    found = [str(problem).removeprefix(str(records.parent) + "/") for problem in renamed.problems]
    assert found and found == messages_after(records, units, tmp_path)  # the records naming the old name, as a fresh check finds them


def test_a_registry_change_read_in_memory_leaves_the_memo_file_as_it_was(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    an_hour_ago = time.time() - 3600
    for path in records.rglob("*.yaml"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    memo = tmp_path / "memo"
    archive = loader.Archive(records, memo=memo)
    kept = {path.name: path.read_bytes() for path in memo.iterdir()}
    units = records / "units.yaml"
    changed = archive.changed({units: units.read_text(encoding="utf-8").replace("towns:\n", "towns:\n  - {name: 新设镇, slug: xinshe}\n", 1).encode()})
    assert changed.problems == [] and changed.catalog is not None and "新设镇" in changed.catalog.units.index
    assert {path.name: path.read_bytes() for path in memo.iterdir()} == kept, "a reading made in memory replaced the memo of the files on the disk"
    read: list[str] = []
    real = loader._Reader._raw
    monkeypatch.setattr(loader._Reader, "_raw", lambda self, path, *args: read.append(path.name) or real(self, path, *args))
    assert messages(records, memo) == []  # the registries as they still are on the disk
    assert [name for name in read if name not in ("units.yaml", "office.yaml")] == [], "the next check takes every record from the memo"
