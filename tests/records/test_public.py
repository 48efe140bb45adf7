"""The public view of the records on a date, on the small fixture tree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.records import loader
from generator.records.models import Case, Inspection, Listing, News, TipOff
from generator.records.public import Views
from generator.stats import figures, monthly

D = dt.date


def test_a_case_as_it_stood_on_each_date(records: Path) -> None:
    views = Views(loader.load(records))
    before = views.on(D(2017, 6, 21)).get("2017-06-15-crane-inspection-overdue")
    during = views.on(D(2017, 6, 25)).get("2017-06-15-crane-inspection-overdue")
    after = views.on(D(2017, 6, 28)).get("2017-06-15-crane-inspection-overdue")
    assert isinstance(before, Case) and isinstance(during, Case) and isinstance(after, Case)
    assert (before.followups, before.closed, before.evidence) == ([], None, None)
    assert [step.date for step in during.followups] == [D(2017, 6, 22)] and during.closed is None
    assert after.closed == D(2017, 6, 28) and after.evidence == "检测合格报告及复查记录。"


def test_a_reward_is_public_once_paid(records: Path) -> None:
    views = Views(loader.load(records))
    unpaid = views.on(D(2017, 8, 10)).get("2017-08-02-night-quarrying")
    paid = views.on(D(2017, 8, 20)).get("2017-08-02-night-quarrying")
    assert isinstance(unpaid, TipOff) and (unpaid.paid, unpaid.reward) == (None, 0)
    assert isinstance(paid, TipOff) and (paid.paid, paid.reward) == (D(2017, 8, 20), 500)


def test_private_fields_are_emptied(records: Path) -> None:
    tipoff = records / "tipoff/2017/2017-08-02-night-quarrying.yaml"
    assert "reporter: 王先生（化名）" in tipoff.read_text(encoding="utf-8")
    shown = Views(loader.load(records)).on(D(2017, 12, 31)).get("2017-08-02-night-quarrying")
    assert isinstance(shown, TipOff) and shown.reporter is None and shown.reporter_contact is None


def test_references_to_records_not_public_are_removed(records: Path) -> None:
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    inspection.write_text(inspection.read_text(encoding="utf-8") + "hold_until_closed: true\n", encoding="utf-8")
    views = Views(loader.load(records))
    held = views.on(D(2017, 6, 27))  # the case closes on 28 June
    assert held.get("2017-06-14-tower-cranes") is None
    case, news = held.get("2017-06-15-crane-inspection-overdue"), held.get("2017-06-05-safety-month")
    assert isinstance(case, Case) and case.inspection is None
    assert isinstance(news, News) and news.related == []
    released = views.on(D(2017, 6, 28))
    inspection_shown = released.get("2017-06-14-tower-cranes")
    assert isinstance(inspection_shown, Inspection) and inspection_shown.findings[0].case == "2017-06-15-crane-inspection-overdue"
    news_shown = released.get("2017-06-05-safety-month")
    assert isinstance(news_shown, News) and news_shown.related == ["2017-06-14-tower-cranes"]


def test_queries_keep_to_the_date(records: Path) -> None:
    view = Views(loader.load(records)).on(D(2017, 6, 20))
    assert [r.id for r in view.of(News)] == ["2017-06-05-safety-month"]
    assert set(view.records) == {
        "2017-06-05-safety-month", "2017-06-14-tower-cranes", "2017-06-15-crane-inspection-overdue", "2017-06-20-summer-electricity",
    }
    assert view.between(Case, D(2017, 6, 1), D(2017, 12, 31))[0].id == "2017-06-15-crane-inspection-overdue"


def test_a_withdrawn_record_leaves_every_view_published_from_its_date(records: Path) -> None:
    listing = records / "listing/2017/2017-07-03-quarry-black.yaml"
    listing.write_text(
        listing.read_text(encoding="utf-8") + "withdrawn: {date: 2017-09-01, reason: 判决撤销, basis: 县人民法院判决}\n", encoding="utf-8"
    )
    catalog = loader.load(records)
    assert Views(catalog, D(2017, 8, 31)).on(D(2017, 7, 15)).get("2017-07-03-quarry-black") is not None
    assert Views(catalog, D(2017, 9, 1)).on(D(2017, 7, 15)).get("2017-07-03-quarry-black") is None  # 2017 as shown after it
    assert Views(catalog).on(D(2017, 9, 1)).get("2017-07-03-quarry-black") is None
    shown = Views(catalog).on(D(2017, 8, 31)).get("2017-07-03-quarry-black")
    assert isinstance(shown, Listing) and shown.withdrawn is None, "the withdrawal itself is never public"


def test_a_repaired_black_list_entry_is_withdrawn_and_its_repair_never_shown_early(records: Path) -> None:
    listing = records / "listing/2017/2017-07-03-quarry-black.yaml"
    listing.write_text(listing.read_text(encoding="utf-8") + "repaired: 2017-10-20\n", encoding="utf-8")
    catalog = loader.load(records)
    shown = Views(catalog, D(2017, 10, 19)).on(D(2017, 7, 15)).get("2017-07-03-quarry-black")
    assert isinstance(shown, Listing) and shown.repaired is None
    assert Views(catalog, D(2017, 10, 20)).on(D(2017, 7, 15)).get("2017-07-03-quarry-black") is None
    withdrawal = catalog.records["2017-07-03-quarry-black"].withdrawal()
    assert withdrawal is not None and (withdrawal.date, withdrawal.basis) == (D(2017, 10, 20), "经信用修复，已移出黑榜")


def test_views_after_an_edit_copy_only_what_changed(records: Path) -> None:
    """The preview's views after a save take over the copies of the records the save left alone, and hide references anew."""
    archive = loader.Archive(records)
    assert archive.catalog is not None
    day = D(2017, 12, 31)
    views = Views(archive.catalog, day)
    case, news = views.on(day).get("2017-06-15-crane-inspection-overdue"), views.on(day).get("2017-06-05-safety-month")
    assert isinstance(news, News) and news.related == ["2017-06-14-tower-cranes"]
    inspection = records / "inspection/2017/2017-06-14-tower-cranes.yaml"
    edited = archive.changed({inspection: inspection.read_bytes().replace(b"title: ", b"public: false\ntitle: ", 1)})
    assert edited.catalog is not None
    after = Views(edited.catalog, day, earlier=views).on(day)
    assert after.get("2017-06-14-tower-cranes") is None
    still = after.get("2017-06-05-safety-month")
    assert isinstance(still, News) and still.related == []  # the news item is unchanged, but what it refers to is hidden now
    assert after.get("2017-06-15-crane-inspection-overdue") is not case  # its inspection is hidden too


def test_views_of_a_folder_read_again_take_over_the_copies_of_equal_records(records: Path) -> None:
    """After a town is registered the preview reads every record again: the records that came out equal keep their copies."""
    day = D(2017, 12, 31)
    first = Views(loader.load(records), day)
    news = first.on(day).get("2017-06-05-safety-month")
    units = records / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("towns:\n", "towns:\n  - {name: 新设镇, slug: xinshe}\n", 1), encoding="utf-8")
    retitle = records / "news/2017/2017-06-05-safety-month.yaml"
    case = first.on(day).get("2017-06-15-crane-inspection-overdue")
    retitle.write_text(retitle.read_text(encoding="utf-8").replace("title: ", "title: 改过的", 1), encoding="utf-8")
    again = Views(loader.load(records), day, earlier=first).on(day)
    assert case is not None and again.get("2017-06-15-crane-inspection-overdue") is case
    edited = again.get("2017-06-05-safety-month")
    assert news is not None and edited is not None and edited.title == "改过的" + news.title


def test_closures_and_rewards_count_in_the_month_they_happen_and_only_once_seen(records: Path) -> None:
    views = Views(loader.load(records))
    late = views.on(D(2017, 12, 31))
    june, july, august = (figures(late, D(2017, m, 1), D(2017, m, d)) for m, d in ((6, 30), (7, 31), (8, 31)))
    assert (june.cases_closed, july.cases_closed, august.cases_closed) == (1, 0, 0)  # closed on 28 June
    assert (june.rewards_paid, july.rewards_paid, august.rewards_paid) == (0, 0, 500)  # paid on 20 August
    assert [(start.month, month.cases_closed, month.rewards_paid) for start, month in monthly(late)[2017] if start.month in (6, 8)] == [(6, 1, 0), (8, 0, 500)]
    early = views.on(D(2017, 6, 27))
    assert figures(early, D(2017, 6, 1), D(2017, 6, 30)).cases_closed == 0  # the closure is not yet seen
