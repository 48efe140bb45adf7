"""What the public finds on the site built from the sample records."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import jieba
from ruamel.yaml import YAML

from generator.records import loader
from generator.records.models import Case, Ranking
from generator.site.pages import PAGELESS, record_url
from generator.site.build import build_site
from generator.site.episodes import EpisodePage
from tests.conftest import REPO
from tests.site.conftest import Built


HIDDEN = {
    "2017-12-15-new-year-market-baiyan",  # covert inspection held back while its case is open
    "2017-06-07-anyun-school-bus-model",  # red-list entries past their publicity end
    "2017-06-21-hengtai-construction-standard-site",
    "2017-07-05-fuyuan-cannery-training",
    "2017-08-02-zhengcheng-primary-drills",
    "2017-06-21-hongye-timber-dust-refusal",  # black-list entries removed after credit repair
    "2017-07-26-tongda-fuel-unloading",
    "2017-09-06-tiancheng-foundry-molten-iron",
    "2017-12-27-annual-review-draft",  # a draft (public: false)
}
"""What the public may not see of the sample records on 2017-12-31, worked out by hand from the files."""


def shown_pages(site: Built) -> list:  # type: ignore[type-arg]
    return [r for r in site.catalog.records.values() if r.id not in HIDDEN and r.kind not in PAGELESS]


def test_every_public_record_has_its_own_page(site: Built) -> None:
    pages = Counter(path.parent.parent.name for path in site.root.glob("*/2017-*-*-*/index.html"))
    assert pages == {"case": 61, "inspection": 38, "tip": 28, "news": 27, "listing": 14, "ranking": 10}
    for record in shown_pages(site):
        html = site.page(record_url(record))
        assert record.headline.replace("“", "&ldquo;") in html or record.headline in html, record.id


def search_separator() -> re.Pattern[str]:
    """Where the browser's search splits the index into words: the search plugin's `separator` in mkdocs.yml."""
    plugins = YAML(typ="safe", pure=True)
    plugins.constructor.add_constructor("!ENV", lambda loader, node: None)
    config = plugins.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return re.compile(next(p["search"]["separator"] for p in config["plugins"] if isinstance(p, dict) and "search" in p))


def test_every_record_is_found_by_each_word_of_its_title_and_gist(site: Built) -> None:
    """The search index holds every record page, as the browser's search splits it into words."""
    separator = search_separator()
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words_at = {doc["location"]: set(separator.split(doc["title"] + " " + doc["text"])) for doc in docs}
    entries = Counter(doc["location"] for doc in docs)
    for record in shown_pages(site):
        indexed = words_at[record_url(record)]
        assert entries[record_url(record)] == 1, "one lean entry per record page, not one per section"
        for text in (record.headline, record.gist):
            for word in jieba.cut(text):
                if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                    assert word in indexed, (record.id, word)


def test_bulletin_issues_and_episodes_are_found_by_their_whole_text(site: Built) -> None:
    """Pages written for reading are indexed whole, cut into words the way Material cuts them, though the workers render them."""
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text_at = {doc["location"]: doc["text"] for doc in docs}
    assert "全县年度安全生产目标考核启动" in text_at["bulletin/2017-24/"].replace("\u200b", "")
    assert "临涧镇危险化学品及仓储物流综合督查" in text_at["episode/2017-W48/"].replace("\u200b", "")
    assert "\u200b" in text_at["episode/2017-W48/"], "Chinese cut into words for the browser's search"


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


EXPIRED = {"2017-06-07-anyun-school-bus-model", "2017-06-21-hengtai-construction-standard-site", "2017-07-05-fuyuan-cannery-training",
           "2017-08-02-zhengcheng-primary-drills"}
"""Red-list entries whose publicity simply ended: the episodes that aired them still say so (they are not withdrawn)."""


def test_drafts_held_back_and_hidden_listings_appear_nowhere(site: Built) -> None:
    everything = site.all_text()
    aired = {str(path.relative_to(site.root)) for path in site.root.glob("episode/2017-W*/index.html")} - {"episode/2017-W50/index.html"}
    assert len(aired) == 26, "the June-November episodes are issued: their pages come from the archive"
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    current = "\n".join(
        [path.read_text(encoding="utf-8") for path in sorted(site.root.rglob("*"))
         if path.suffix in (".html", ".json", ".xml", ".csv") and "assets" not in path.parts and "search" not in path.parts
         and str(path.relative_to(site.root)) not in aired]
        + [doc["text"] for doc in index if f"{doc['location'].split('#')[0]}index.html" not in aired]
    )
    for record_id in HIDDEN:
        record = site.catalog.records[record_id]
        assert record_id not in (current if record_id in EXPIRED else everything), record_id
        assert not (site.root / record_url(record)).exists()
    assert "年货大集及养殖场冬季安全暗访" not in everything  # the held-back inspection's title


def test_case_board_groups_by_status_with_days(site: Built) -> None:
    html = site.page("case/")
    for anchor, count in (("overdue", 11), ("open", 12), ("closed", 38)):
        assert re.search(rf'<h2 id="{anchor}">[^<]*（{count}）</h2>', html), anchor
    # deadline 2017-09-30, still open on 2017-12-31: 92 days overdue
    assert "逾期 92 天" in site.page("case/2017-06-16-high-steep-slope-jinshi-quarry/")


def test_boards_show_only_active_entries_with_their_end_date(site: Built) -> None:
    html = site.page("listing/")
    black = re.search(r'<section class="s365-board s365-board--black".*?</section>', html, re.S)[0]  # type: ignore[index]
    listed = re.findall(r'href="\.\./listing/(2017-[^/]+)/"', black)
    assert listed == [
        "2017-12-13-tianyuan-fertiliser-ammonia-alarm", "2017-11-15-wanjiafu-mall-exits-locked", "2017-10-25-jinfeng-flour-dust-explosion",
        "2017-10-18-hongda-stone-refused-rectification", "2017-09-20-shunda-coach-monitoring-offline", "2017-08-30-xincheng-property-tower-crane",
        "2017-08-09-xianghe-lpg-illegal-refilling", "2017-07-19-jinshi-quarry-night-blasting", "2017-06-14-limin-fireworks-overstock",
    ]
    assert "2019年6月13日" in black  # the fireworks wholesaler's 公示至, the last day it is shown


def test_ranking_table_shows_rank_and_movement(site: Built) -> None:
    html = site.page("ranking/2017-12-15-baiqianwan-campaign-oct-nov/")
    rows = re.findall(r"<tr><td>(\d+)</td><td>(?:<a[^>]*>)?([^<]+)(?:</a>)?</td><td>[^<]+</td>\s*<td>(.*?)</td></tr>", html)
    found = {unit: (int(rank), moved) for rank, unit, moved in rows}
    assert len(found) == 14
    assert found["平邑街道"][0] == 1 and "持平" in found["平邑街道"][1]
    assert found["丰阳镇"][0] == 6 and "3" in found["丰阳镇"][1] and "上升" in found["丰阳镇"][1]
    assert found["保太镇"][0] == 8 and "2" in found["保太镇"][1] and "下降" in found["保太镇"][1]


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


def test_a_unit_page_says_so_when_no_public_record_names_the_unit(site: Built) -> None:
    assert "<p>暂无记录</p>" in site.page("unit/transport-bureau/")  # a member unit that nothing names yet
    assert "暂无记录" not in site.page("unit/jinshi-quarry/")


def test_episode_pages_offer_the_pack(site: Built) -> None:
    html = site.page("episode/2017-W50/")
    assert 'href="../../episode/2017-W50.zip"' in html and "thumbs/001-opening.jpg" in html
    assert "欢迎收看《安全365》" in html and "平邑电视台综合频道" in html
    assert "2017-W50" in site.page("episode/")


def test_an_aired_episode_page_comes_from_the_archive_without_what_was_withdrawn(site: Built) -> None:
    html = site.page("episode/2017-W26/")
    assert "本期节目已于2017年6月28日播出并签发存档。" in html
    assert "县安委办部署汛期安全生产工作" in html  # sealed rundown and slide text
    assert "此条已依法撤回（依据：经信用修复，已移出黑榜）" in html  # the black board of that week
    assert "卞桥镇宏业木材加工厂" not in html and "2017-W26.zip" not in html

def test_the_newest_episode_is_also_at_episode_latest(tmp_path: Path) -> None:
    catalog = loader.load(REPO / "records")
    pages = [
        EpisodePage(week, day, "00:04:44:10", [{"序号": "1", "板块": "片头"}], ["thumbs/001-opening.jpg"], [("00:00:00:00", "欢迎收看《安全365》")])
        for week, day in (("2017-W50", dt.date(2017, 12, 13)), ("2017-W49", dt.date(2017, 12, 6)))
    ]
    build_site(catalog, dt.date(2017, 12, 31), REPO / "mkdocs.yml", tmp_path, pages)
    html = (tmp_path / "episode/latest/index.html").read_text(encoding="utf-8")
    assert "最新一期：《安全365》2017年12月13日" in html
    assert 'href="../../episode/latest/pack.zip"' in html and 'href="../../episode/latest/manifest.json"' in html
    assert 'href="../../episode/2017-W50/"' in html and 'src="../../episode/2017-W50/thumbs/001-opening.jpg"' in html
    dated = (tmp_path / "episode/2017-W49/index.html").read_text(encoding="utf-8")
    assert 'href="../../episode/2017-W49/manifest.json"' in dated and "latest/pack.zip" not in dated
    assert 'href="../episode/latest/"' in (tmp_path / "episode/index.html").read_text(encoding="utf-8")


def test_hand_written_pages_are_indexed_by_section_with_the_countys_words_whole(site: Built) -> None:
    """about.md is indexed as Material indexes a page, a section each, and cut with the words the site teaches jieba."""
    separator = search_separator()
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    about = [doc for doc in docs if doc["location"].split("#")[0] == "about/"]
    assert len(about) >= 3, "one entry per section"
    assert [doc["location"] for doc in docs].count("about/") == 1, "indexed once"
    words = set().union(*(separator.split(doc["title"] + " " + doc["text"]) for doc in about))
    assert "挂牌督办" in words, "taught to jieba: one word, not 挂牌 + 督办"
