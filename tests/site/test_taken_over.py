"""The editors' preview makes again only the pages and keys a save reaches (`pages.Made`, `store.Keys`), and keeps the
mkdocs files of the unlisted pages it takes over (`plugin.deferred_file`, `plugin.sitemap_page`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from mkdocs.config import load_config

from generator.editions.bulletin import issues_with_records
from generator.editions.composed import Composed
from generator.records import loader
from generator.records.models import News
from generator.records.public import Views
from generator.site import plugin, store
from generator.site.pages import Made, Page, Site
from generator.site.render import Lookups
from generator.stats import monthly
from tests.conftest import REPO

DAY = dt.date(2017, 12, 31)


def pages_of(views: Views, made: Made | None, composed: Composed | None = None) -> dict[str, Page]:
    """The pages of records, units and bulletin issues (those a site may take over), the issues from `composed` (an issue
    is composed again only when what it read changed, as in the preview)."""
    view = views.on(DAY)
    issues = issues_with_records(views, DAY, composed)
    if composed is not None:
        composed.save()
    site = Site(view, monthly(view), issues, made=made)
    return {page.url: page for page in site.pages() if page.template in TAKEN}


TAKEN = {"news.html", "inspection.html", "tip.html", "listing.html", "case.html", "unit.html", "bulletin.html"}


def test_a_save_makes_again_the_pages_of_the_edited_record_and_of_those_that_list_it(records: Path) -> None:
    archive = loader.Archive(records)
    assert archive.catalog is not None
    made, composed = Made(), Composed.open(None, "")
    views = Views(archive.catalog, DAY)
    before = pages_of(views, made, composed)
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    edited = archive.changed({news: news.read_bytes().replace(b"title: ", "title: 改过的".encode(), 1)})
    assert edited.catalog is not None
    again = Views(edited.catalog, DAY, earlier=views)
    after = pages_of(again, made, composed)
    tip, listing = "tip/2017-06-20-summer-electricity/", "listing/2017-07-03-quarry-black/"
    assert after[tip] is before[tip] and after[listing] is before[listing]  # nothing they show changed
    assert after["news/2017-06-05-safety-month/"].title.startswith("改过的")
    inspection = after["inspection/2017-06-14-tower-cranes/"]  # the news item refers to it: its page lists the news item
    assert inspection is not before["inspection/2017-06-14-tower-cranes/"]
    assert [r.title[:3] for r in inspection.context["mentioned_by"] if isinstance(r, News)] == ["改过的"]
    town, other = "unit/pingyi-jiedao/", "unit/wutai/"  # the news item names the first town, not the second
    assert after[town] is not before[town] and after[other] is before[other]
    june, july = "bulletin/2017-11/", "bulletin/2017-13/"  # the issue that printed the news item (early June), and a later one
    assert after[june] is not before[june] and after[july] is before[july]
    assert after == pages_of(again, None)  # the same pages as a site made from nothing


def test_a_changed_office_makes_every_page_again(records: Path) -> None:
    archive = loader.Archive(records)
    assert archive.catalog is not None
    made = Made()
    views = Views(archive.catalog, DAY)
    before = pages_of(views, made)
    office = records / "office.yaml"
    renamed = archive.changed({office: office.read_bytes().replace(b"name: ", "name: 新".encode(), 1)})
    assert renamed.catalog is not None
    after = pages_of(Views(renamed.catalog, DAY, earlier=views), made)
    assert after.keys() == before.keys() and not any(after[url] is before[url] for url in after)
    cards = [page.card for page in after.values() if page.template != "unit.html"]  # a unit page shows the site's card
    assert cards and all(card is not None and card.owner.startswith("新") for card in cards)  # a card names the office


def test_a_page_taken_over_gets_a_new_key_when_a_record_it_looks_up_changed(records: Path) -> None:
    catalog = loader.load(records)
    view = Views(catalog, DAY).on(DAY)
    pages = pages_of(Views(catalog, DAY), None)
    inspection_page = pages["inspection/2017-06-14-tower-cranes/"]  # its findings open a case: the case's page is looked up
    lookups, keys = Lookups.of(view), store.Keys()
    first = keys.key("frame", inspection_page, lookups)
    keys.begin()
    assert keys.key("frame", inspection_page, lookups) == first
    case = lookups.records["2017-06-15-crane-inspection-overdue"]
    moved = dataclasses.replace(lookups, records={**lookups.records, case.id: case.model_copy(update={"title": "改过的标题"})})
    keys.begin()
    changed = keys.key("frame", inspection_page, moved)
    assert changed != first and changed == store.page_key("frame", inspection_page, moved)
    keys.begin()
    assert keys.key("another frame", inspection_page, moved) == store.page_key("another frame", inspection_page, moved) != changed


def test_an_unlisted_page_kept_from_build_to_build_is_listed_in_the_sitemap_at_the_sites_address_of_the_day(tmp_path: Path) -> None:
    page = Page("case/2017-06-16-high-steep-slope-jinshi-quarry/", "高陡边坡", "case.html")
    first = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url="https://safety365.example.org/")
    moved = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url="https://anquan.example.cn/")
    file = plugin.sitemap_page(page, first)
    assert file is plugin.deferred_file(page, moved)  # the same place in the same site folder
    assert file.page is not None and file.page.canonical_url == "https://safety365.example.org/case/2017-06-16-high-steep-slope-jinshi-quarry/"
    assert plugin.sitemap_page(page, first).page is file.page
    again = plugin.sitemap_page(page, moved).page
    assert again is not None and again.canonical_url == "https://anquan.example.cn/case/2017-06-16-high-steep-slope-jinshi-quarry/"
