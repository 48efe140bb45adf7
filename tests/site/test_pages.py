"""What the public finds on the site built from the sample records."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import jieba
from ruamel.yaml import YAML

from generator.records.models import Case, CaseStatus, Listing, Ranking
from generator.records.public import visible
from generator.site.pages import PAGELESS, record_url
from tests.conftest import REPO
from tests.site.conftest import Built


def test_every_public_record_has_its_own_page(site: Built) -> None:
    shown = [r for r in site.catalog.records.values() if visible(r, site.as_of) and r.kind not in PAGELESS]
    assert len(shown) > 150
    for record in shown:
        html = site.page(record_url(record))
        assert record.headline.replace("“", "&ldquo;") in html or record.headline in html, record.id


def test_every_record_is_found_by_each_word_of_its_title_and_gist(site: Built) -> None:
    """The search index holds every record page, as the browser's search splits it into words."""
    plugins = YAML(typ="safe", pure=True)
    plugins.constructor.add_constructor("!ENV", lambda loader, node: None)
    config = plugins.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    separator = re.compile(next(p["search"]["separator"] for p in config["plugins"] if isinstance(p, dict) and "search" in p))
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words_at = {doc["location"]: set(separator.split(doc["title"] + " " + doc["text"])) for doc in docs}
    entries = Counter(doc["location"] for doc in docs)
    shown = [r for r in site.catalog.records.values() if visible(r, site.as_of) and r.kind not in PAGELESS]
    for record in shown:
        indexed = words_at[record_url(record)]
        assert entries[record_url(record)] == 1, "one lean entry per record page, not one per section"
        for text in (record.headline, record.gist):
            for word in jieba.cut(text):
                if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                    assert word in indexed, (record.id, word)


def test_the_sitemap_lists_every_page(site: Built) -> None:
    locations = {loc.text for loc in ET.parse(site.root / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {path.parent.relative_to(site.root).as_posix() for path in site.root.rglob("index.html")} - {"."}
    assert len(pages) > 200
    for page in pages:
        assert any(loc.endswith(f"/{page}/") for loc in locations), page


def test_pages_are_chinese_and_free_of_outside_fonts(site: Built) -> None:
    for url in ("", "case/", "news/2017-06-05-safety-month-launch-ceremony/"):
        html = site.page(url)
        assert '<html lang="zh-CN"' in html
        assert "fonts.googleapis.com" not in html


def test_drafts_and_hidden_listings_appear_nowhere(site: Built) -> None:
    hidden = [r for r in site.catalog.records.values() if not visible(r, site.as_of)]
    kinds = {r.kind for r in hidden}
    assert {"news", "listing"} <= kinds  # the sample holds a draft and expired/repaired entries
    everything = site.all_text()
    for record in hidden:
        assert record.id not in everything, record.id
        assert not (site.root / record_url(record)).exists()


def test_case_board_groups_by_status_with_days(site: Built) -> None:
    html = site.page("case/")
    cases = [c for c in site.catalog.of(Case) if visible(c, site.as_of)]
    for status, anchor in ((CaseStatus.OVERDUE, "overdue"), (CaseStatus.OPEN, "open"), (CaseStatus.CLOSED, "closed")):
        count = sum(1 for c in cases if c.status(site.as_of) is status)
        assert count > 0
        assert re.search(rf'<h2 id="{anchor}">[^<]*（{count}）</h2>', html), status
    overdue = next(c for c in cases if c.status(site.as_of) is CaseStatus.OVERDUE)
    days = (site.as_of - overdue.deadline).days
    assert f"逾期 {days} 天" in site.page(record_url(overdue))


def test_boards_show_only_active_entries_with_their_end_date(site: Built) -> None:
    html = site.page("listing/")
    for entry in site.catalog.of(Listing):
        if entry.active(site.as_of):
            assert entry.unit in html and f"{entry.publicity_end.year}年{entry.publicity_end.month}月{entry.publicity_end.day}日" in html
    for entry in site.catalog.of(Listing):
        if not entry.active(site.as_of):
            assert f"listing/{entry.id}/" not in html


def test_ranking_table_shows_rank_and_movement(site: Built) -> None:
    ranking = next(r for r in reversed(site.catalog.of(Ranking)) if site.catalog.previous(r))
    html = site.page(record_url(ranking))
    movement = site.catalog.movement(ranking)
    ranks = ranking.ranks()
    rows = re.findall(r"<tr><td>(\d+)</td><td>(?:<a[^>]*>)?([^<]+)(?:</a>)?</td><td>[^<]+</td>\s*<td>(.*?)</td></tr>", html)
    assert len(rows) == len(ranking.scores)
    for rank, unit, moved in rows:
        assert int(rank) == ranks[unit]
        change = movement[unit]
        if change is None:
            assert "新进" in moved
        elif change > 0:
            assert f"↑{change}" in moved
        elif change < 0:
            assert f"↓{-change}" in moved
        else:
            assert "持平" in moved


def test_series_charts_are_svg_with_their_message_and_figures_for_screen_readers(site: Built) -> None:
    html = site.page("ranking/")
    charts = re.findall(r'<img src="../(ranking/chart-\w+\.svg)" alt="([^"]+)" width="768" height="442"', html)
    assert len(charts) == len({r.series for r in site.catalog.of(Ranking)})
    for path, alt in charts:
        svg = ET.fromstring((site.root / path).read_bytes())
        title = svg.find("{http://www.w3.org/2000/svg}title").text  # type: ignore[union-attr]
        assert alt == f"{title}。数据见下表。"
        phone = path.replace(".svg", "-phone.svg")
        assert f'srcset="../{phone}" width="461" height="595"' in html and (site.root / phone).is_file()
    assert "平邑街道连续3期第一，白彦镇末位（84分）" in html
    figures = re.search(r'<div class="s365-sr-only">\s*<table class="s365-figures">(.*?)</table>', html, re.S)
    assert figures and "<caption>平邑街道连续3期第一，白彦镇末位（84分）：数据表</caption>" in figures[1]
    assert "<th scope=\"row\">白彦镇</th><td>78</td><td>80</td><td>84</td>" in figures[1]


def test_record_pages_stay_out_of_the_navigation(site: Built) -> None:
    home = site.page("")
    case = site.catalog.of(Case)[0]
    record = site.page(record_url(case))
    nav_links = lambda html: len(re.findall(r'class="md-nav__link', html))  # noqa: E731
    assert nav_links(record) == nav_links(home)
    around = re.sub(r"<article.*</article>", "", record, flags=re.S).replace(case.id, "")
    assert not re.search(r"\d{4}-\d{2}-\d{2}-[a-z]", around), "another record is linked from the page frame"


def test_open_data_has_public_fields_only(site: Built) -> None:
    tipoffs = json.loads((site.root / "data/tipoff.json").read_text(encoding="utf-8"))
    assert tipoffs and all("reporter" not in row and "reporter_contact" not in row for row in tipoffs)
    cases = json.loads((site.root / "data/case.json").read_text(encoding="utf-8"))
    assert all("notes" not in row for row in cases)
    with (site.root / "data/case.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [row["id"] for row in cases]
    assert "notes" not in rows[0]


def test_feed_is_atom_and_links_to_existing_pages(site: Built) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((site.root / "feed.xml").read_bytes())
    entries = feed.findall("a:entry", ns)
    assert 0 < len(entries) <= 50
    for entry in entries:
        href = entry.find("a:link", ns).get("href")  # type: ignore[union-attr]
        path = href.removeprefix("https://safety365.example.org/")
        assert (site.root / path / "index.html").exists(), href


def test_unit_page_lists_the_units_cases(site: Built) -> None:
    case = next(c for c in site.catalog.of(Case) if c.unit == "武台镇金石采石场")
    html = site.page("unit/jinshi-quarry/")
    assert record_url(case) in html


def test_episode_pages_offer_the_pack(site: Built) -> None:
    html = site.page("episode/2017-W50/")
    assert 'href="../../episode/2017-W50.zip"' in html and "thumbs/001-opening.jpg" in html
    assert "欢迎收看《安全365》" in html and "平邑电视台综合频道" in html
    assert "2017-W50" in site.page("episode/")
