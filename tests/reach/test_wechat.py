"""The WeChat article, read the way the 公众号 editor and a phone read it."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Route

from generator.reach.limits import Draft, lint
from tests.conftest import REPO, run
from tests.reach.conftest import SHOTS, args

SITE = "https://safety365.example.org/"


class Article(HTMLParser):
    """Every tag of article.html with its attributes, and the text, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(folder: Path) -> tuple[Article, dict]:
    article = Article()
    article.feed((folder / "article.html").read_text(encoding="utf-8"))
    return article, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reach")
    for edition in ("2017-W50", "2017-23"):
        result = run("wechat", edition, *args(folder))
        assert result.exit_code == 0, result.output
    return folder / "wechat"


@pytest.mark.parametrize("edition", ["2017-W50", "2017-23"])
def test_article_has_inline_styles_only_and_absolute_links_to_the_site(out: Path, edition: str) -> None:
    article, _ = read(out / edition)
    tags = [tag for tag, _ in article.tags]
    assert not {"style", "script", "link", "iframe"} & set(tags)
    for tag, attrs in article.tags:
        for name in ("href", "src"):
            if name in attrs:
                assert str(attrs[name]).startswith(SITE), (tag, attrs)
        if "class" in attrs:
            assert attrs.get("style"), (tag, attrs)  # every class was inlined into a style
    section = next(attrs for tag, attrs in article.tags if tag == "section")
    assert "font-size: 16px" in str(section["style"])
    assert all("background: #c8161d" in str(attrs["style"]) for tag, attrs in article.tags if tag == "h2")


@pytest.mark.parametrize(("edition", "pictures"), [
    ("2017-W50", ["01-board-red.png", "02-ranking-1.png", "03-qr.png"]),
    ("2017-23", ["01-board-red.png", "02-board-black.png", "03-ranking-1.png", "04-ranking-2.png", "05-qr.png"]),
])
def test_pictures_are_separate_files_referenced_in_order(out: Path, edition: str, pictures: list[str]) -> None:
    article, manifest = read(out / edition)
    sources = [str(attrs["src"]) for tag, attrs in article.tags if tag == "img"]
    assert sources == [f"{SITE}wechat/{edition}/{name}" for name in pictures]
    assert [image["file"] for image in manifest["images"]] == pictures
    assert [image["url"] for image in manifest["images"]] == sources
    for name in pictures:
        with Image.open(out / edition / name) as image:
            assert image.format == "PNG" and image.width >= 290
    with Image.open(out / edition / "cover.png") as cover, Image.open(out / edition / "thumb.png") as thumb:
        assert cover.size == (900, 383) and thumb.size == (200, 200)
    assert manifest["cover"]["file"] == "cover.png" and manifest["thumb"]["file"] == "thumb.png"


def test_week_article_tells_boards_overdue_cases_movers_and_a_tip(out: Path) -> None:
    article, manifest = read(out / "2017-W50")
    assert manifest["title"] == "《安全365》2017年12月13日：红黑榜、督办与安全提示"
    assert manifest["author"] == "平邑县安委办"
    assert manifest["content_source_url"] == "https://safety365.example.org/episode/2017-W50/"
    assert manifest["digest"] == (
        "本周红榜1家、黑榜0家；8项督办事项逾期未整改；隐患排查整改落实通报校园安全专业委员会位列第一；安全提示：电气焊作业防火。"
    )
    text = "".join(article.text)
    for expected in (
        "红榜｜流峪镇森林防火检查站",                     # the week's board
        "截至2017年12月13日，共8项督办事项超过整改期限仍未销号",  # overdue cases, longest first
        "卞桥镇宏业木材加工厂", "已逾期104天",
        "位列第一：校园安全专业委员会",                    # the ranking's movers
        "森林防火专业委员会（↑6）", "旅游安全专业委员会（↓4）",
        "电气焊作业防火", "焊工必须持证，严禁无证动火作业",     # one safety tip, the first of the week
        "有奖举报电话：0539-4211365",
    ):
        assert expected in text, expected
    assert "煤气中毒" not in text  # the second tip of the week is left to the clips


def test_issue_digest_tells_the_lead_note_and_headline_items(out: Path) -> None:
    article, manifest = read(out / "2017-23")
    assert manifest["title"] == "安全生产通报第23期｜扎实做好岁末年初安全防范工作"
    assert manifest["digest"].startswith("岁末年初是各类事故易发多发期。")  # the editor's note
    assert manifest["content_source_url"] == "https://safety365.example.org/bulletin/2017-23/"
    text = "".join(article.text)
    for expected in (
        "编者按：", "扎实做好岁末年初安全防范工作", "坚持“四不两直”",
        "春节烟花爆竹经营安全工作提前部署",
        "本期开展督查3次，发现问题10个；新交办督办事项5项，整改销号2项。",
        "黑榜｜临涧镇天元化肥有限公司", "本期问责", "12月下旬组织岁末年初安全生产大检查“回头看”",
    ):
        assert expected in text, expected


def test_limits_name_the_field_the_value_and_the_limit() -> None:
    ok = Draft("标题", "平邑县安委办", "摘要", "<p>正文</p>", SITE + "episode/2017-W50/", SITE, {"01-qr.png": b"x" * 10})
    assert lint(ok) == []
    broken = Draft(
        title="题" * 33, author="作" * 17, digest="摘" * 129, content="<p>" + "字" * 19_997 + "</p>",
        source_url=SITE + "a" * 1000, site_url=SITE,
        images={f"{n:02d}.png": b"x" for n in range(1, 22)} | {"big.png": b"x" * 1_000_000, "anim.gif": b"x"},
        fix={"title": "shorten the lead article's title"},
    )
    problems = lint(broken)
    assert "title has 33 characters; WeChat takes at most 32: shorten the lead article's title" in problems
    assert "author has 17 characters; WeChat takes at most 16" in problems
    assert "digest has 129 characters; WeChat takes at most 128" in problems
    assert "content has 20,004 characters; WeChat takes fewer than 20,000" in problems
    assert "source URL has 1,030 bytes; WeChat takes at most 1,024" in problems
    assert "image big.png has 1,000,000 bytes; WeChat takes fewer than 1,000,000" in problems
    assert "image anim.gif is not a png or jpg file; WeChat takes only those" in problems
    heavy = Draft("t", "a", "d", "<p>" + "x" * 1_000_000 + "</p>", SITE, SITE, {})
    assert "content has 1,000,007 bytes; WeChat takes fewer than 1,000,000" in lint(heavy)


def test_limits_refuse_tags_and_addresses_the_platform_drops() -> None:
    images = "".join(f'<img src="{SITE}wechat/x/{n}.png">' for n in range(21))
    content = f'<style>p{{}}</style><script>x()</script><a href="../case/">案</a><img src="qr.png">{images}'
    problems = lint(Draft("t", "a", "d", content, SITE, SITE, {}))
    assert "images has 22 pictures; WeChat takes at most 20" in problems
    assert "content has a <style> tag; WeChat articles carry inline styles only and no scripts" in problems
    assert "content has a <script> tag; WeChat articles carry inline styles only and no scripts" in problems
    assert f'content has a href="../case/"; links and pictures must be absolute addresses on {SITE}' in problems
    assert f'content has img src="qr.png"; links and pictures must be absolute addresses on {SITE}' in problems


def test_a_title_over_the_limit_is_refused_naming_the_file_and_nothing_is_lost(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    editorial = records / "bulletins" / "2017-23.yaml"
    text = editorial.read_text(encoding="utf-8")
    editorial.write_text(text.replace("title: 扎实做好岁末年初安全防范工作", "title: 扎实做好岁末年初安全防范工作确保全县安全生产形势持续稳定向好"), encoding="utf-8")
    earlier = tmp_path / "dist" / "wechat" / "2017-23"
    earlier.mkdir(parents=True)
    (earlier / "article.html").write_text("earlier", encoding="utf-8")
    result = run("wechat", "2017-23", *args(tmp_path / "dist", records))
    assert result.exit_code == 1
    assert (f"error: 2017-23: the WeChat article breaks the platform's limits: title has 41 characters; WeChat takes at most 32: "
            f"shorten the lead article's title (lead: title) in {records}/bulletins/2017-23.yaml") in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "dist" / "wechat").iterdir()] == ["2017-23"]
    assert (earlier / "article.html").read_text(encoding="utf-8") == "earlier"


def test_an_edition_with_nothing_to_show_is_refused(tmp_path: Path) -> None:
    result = run("wechat", "2017-W10", *args(tmp_path))
    assert result.exit_code == 1
    assert ("error: 2017-W10 has nothing for a WeChat article: no red or black list entry, ranking or safety tip "
            "in its running order and no overdue case on 2017-03-08") in result.stderr
    assert not (tmp_path / "wechat" / "2017-W10").exists()
    wrong = run("wechat", "2017-W99", *args(tmp_path))
    assert wrong.exit_code == 1 and "is neither an episode like 2017-W50 nor a bulletin issue like 2017-23" in wrong.stderr


def test_article_reads_on_a_phone_with_every_picture(out: Path, browser: Browser) -> None:
    """Open article.html in chromium at 390 px, pictures served from the files beside it, and screenshot it."""
    folder = out / "2017-W50"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})

    def serve(route: Route) -> None:
        route.fulfill(path=str(folder / route.request.url.rsplit("/", 1)[-1]))

    page.route(f"{SITE}wechat/2017-W50/*", serve)
    page.goto((folder / "article.html").as_uri())
    page.wait_for_load_state("networkidle")
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(path=str(SHOTS / "wechat-2017-W50-390.png"), full_page=True)
    page.close()
    assert widths == [1080, 1080, 410]
    assert scroll <= inner
