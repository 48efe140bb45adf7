"""Editions composed before are taken from the store while their public view is unchanged, and composed again once an edit reaches them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.broadcast.rundown import plan
from generator.editions import bulletin
from generator.editions.bulletin import IssueContent, every_issue
from generator.editions.calendar import Episode
from generator.editions.composed import Composed
from generator.editions.ledger import Archive
from generator.records import loader
from generator.records.public import Reads, Views
from tests.conftest import REPO

AS_OF = dt.date(2017, 12, 31)
NEWS = "news/2017/2017-12-13-year-end-covert-inspection-findings.yaml"
CASE = "case/2017/2017-09-07-corroded-gas-pipes-old-estates.yaml"


def compose_all(records: Path, store: Path) -> dict[str, IssueContent]:
    catalog = loader.load(records)
    composed = Composed.open(store, "toolchain")
    contents = every_issue(Views(catalog, AS_OF), Archive(catalog.issued, AS_OF), AS_OF, composed)
    composed.save()
    return {content.issue.id: content for content in contents}


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list[str]]:
    """A copy of the sample records, a store for it, and the ids of the issues composed (appended as they are)."""
    records, store = tmp_path / "records", tmp_path / "cache"
    shutil.copytree(REPO / "records", records)
    composing: list[str] = []
    real = bulletin.compose
    monkeypatch.setattr(bulletin, "compose", lambda view, issue: composing.append(issue.id) or real(view, issue))
    return records, store, composing


def test_an_edit_recomposes_only_the_issues_that_read_it(watched: tuple[Path, Path, list[str]]) -> None:
    records, store, composing = watched
    first = compose_all(records, store)
    assert len(composing) == 14  # 2017-11 (June) to 2017-24, composed once
    composing.clear()
    assert compose_all(records, store).keys() == first.keys()
    assert composing == []
    news = records / NEWS
    news.write_text(news.read_text(encoding="utf-8").replace("岁末年初暗访查出问题集中交办", "年末暗访问题集中交办"), encoding="utf-8")
    after = compose_all(records, store)
    assert composing == ["2017-23"]  # 1-15 December: the only issue that reads news of that day
    assert [item.title for item in after["2017-23"].news if item.id in NEWS] == ["年末暗访问题集中交办"]
    assert after["2017-24"].news == first["2017-24"].news
    composing.clear()
    case = records / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("deadline: 2018-04-30", "deadline: 2017-10-31"), encoding="utf-8")
    compose_all(records, store)
    assert composing == [f"2017-{number}" for number in range(17, 25)]  # every issue lists the cases open or overdue on its day


def test_an_editorial_file_recomposes_only_the_edition_it_is_for(watched: tuple[Path, Path, list[str]]) -> None:
    records, store, composing = watched
    compose_all(records, store)
    composing.clear()
    episode = records / "episodes" / "2017-W50.yaml"
    episode.write_text(episode.read_text(encoding="utf-8") + "\n# 改过开场白\n", encoding="utf-8")  # the same document: nothing
    (records / "episodes" / "2017-W49.yaml").write_text("opening: 观众朋友们，本周节目提前播出。\n", encoding="utf-8")
    compose_all(records, store)
    assert composing == []  # an episode's file is no issue's business
    note = records / "bulletins" / "2017-23.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("岁末年初是各类事故易发多发期。", "年底事故易发。"), encoding="utf-8")
    after = compose_all(records, store)
    assert composing == ["2017-23"]
    assert after["2017-23"].editorial is not None and after["2017-23"].editorial.note is not None
    assert after["2017-23"].editorial.note.startswith("年底事故易发。")
    composing.clear()
    (records / "bulletins" / "2017-20.yaml").write_text("note: 本期加发编者按。\n", encoding="utf-8")  # a new file for an issue without one
    after = compose_all(records, store)
    assert composing == ["2017-20"]
    assert after["2017-20"].editorial is not None and after["2017-20"].editorial.note == "本期加发编者按。"


def test_a_registry_change_recomposes_no_issue(watched: tuple[Path, Path, list[str]]) -> None:
    """An issue prints records, not the registries (its PDF's key has the office's details of its own)."""
    records, store, composing = watched
    first = compose_all(records, store)
    composing.clear()
    units = records / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("towns:\n", "towns:\n  - {name: 新设镇, slug: xinshe}\n", 1), encoding="utf-8")
    office = records / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("hotline: 0539-4211365", "hotline: 0539-4211366"), encoding="utf-8")
    assert compose_all(records, store).keys() == first.keys()
    assert composing == []


def test_a_rundown_is_composed_again_when_the_office_it_reads_changes(tmp_path: Path) -> None:
    """A rundown follows the office's broadcast settings (how many overdue cases return one by one): it reads them."""
    records, store = tmp_path / "records", tmp_path / "cache"
    shutil.copytree(REPO / "records", records)
    episode, planned = Episode.parse("2017-W50"), []

    def rundown() -> None:
        views = Views(loader.load(records), AS_OF)
        day = episode.on(AS_OF)
        composed = Composed.open(store, "toolchain")
        composed.get(views, day, "rundown", lambda: planned.append(episode.id) or plan(views.on(day), episode, "https://example.org/"))
        composed.save()

    rundown()
    rundown()
    assert planned == ["2017-W50"]
    office = records / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("overdue_items: 8", "overdue_items: 1"), encoding="utf-8")
    rundown()
    assert planned == ["2017-W50", "2017-W50"]


def test_a_withdrawal_after_an_issue_reaches_its_view(tmp_path: Path) -> None:
    catalog = loader.load(REPO / "records")
    july = dt.date(2017, 7, 31)  # the tongda listing (26 July) was repaired on 20 October, the hongye one (21 June) on 22 November

    def seen(published: dt.date) -> str:
        return Views(catalog, published).fingerprint(july, Reads(kinds={"listing"}))

    assert seen(dt.date(2017, 10, 1)) != seen(dt.date(2017, 10, 25))
    assert seen(dt.date(2017, 10, 25)) == seen(dt.date(2017, 11, 1))
    assert seen(dt.date(2017, 11, 1)) != seen(dt.date(2017, 11, 30))


def test_fingerprints_taken_over_save_after_save_are_those_made_from_nothing(tmp_path: Path) -> None:
    """The preview's views weigh each save from the last (`Views(earlier=...)`): an edit, a record added, two deleted (with
    a save no view was asked of between them) leave every kept edition's fingerprint as fresh views give it."""
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    archive = loader.Archive(records)
    assert archive.catalog is not None
    composed = Composed.open(None, "")
    views = Views(archive.catalog, AS_OF)
    every_issue(views, Archive(archive.catalog.issued, AS_OF), AS_OF, composed)
    composed.save()
    kept = list(composed.kept.values())
    news, added = records / NEWS, records / "news/2017/2017-12-20-winter-heating-checks.yaml"
    saves = [
        {news: news.read_bytes().replace(b"title: ", "title: 改过的".encode(), 1)},
        {added: news.read_bytes().replace(b"2017-12-13", b"2017-12-20")},
        {records / CASE: None},
        {news: None},  # an issue read it by its id
    ]
    for number, save in enumerate(saves):
        archive = archive.changed(save)
        assert archive.catalog is not None
        views = Views(archive.catalog, AS_OF, earlier=views)
        if number == 2:
            continue  # nothing asked of these views: the next ones take over what these did
        fresh = Views(archive.catalog, AS_OF)
        taken = [views.fingerprint(day, reads) for day, reads, *_ in kept]
        assert taken == [fresh.fingerprint(day, reads) for day, reads, *_ in kept], f"save {number}"
        assert taken != [fingerprint for _, _, fingerprint, *_ in kept]  # each save reached some edition


def test_what_reads_every_record_is_composed_again_after_an_edit_though_its_view_was_asked_before(tmp_path: Path) -> None:
    """The site's key reads every public record; another output may have asked the same view for them first."""
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    store = Composed(None)

    def headlines() -> set[str]:
        views = Views(loader.load(records), AS_OF)
        view = views.on(AS_OF)
        assert view.records  # asked for outside any reading
        return store.get(views, AS_OF, "every record", lambda: {record.headline for record in view.records.values()})

    assert "年末暗访问题集中交办" not in headlines()
    store.save()  # what the next build starts from
    news = records / NEWS
    news.write_text(news.read_text(encoding="utf-8").replace("岁末年初暗访查出问题集中交办", "年末暗访问题集中交办"), encoding="utf-8")
    assert "年末暗访问题集中交办" in headlines()
