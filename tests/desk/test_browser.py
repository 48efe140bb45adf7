"""A clerk's whole path through the desk in a real browser (Debian's chromium driven by Playwright).

New 督办事项: pick the unit from the registry, link the inspection, set a
deadline, sign it off, publish — one commit whose record passes the check
and whose page the site builds. Then a deadline before the case's date:
the refusal shows in the form and git is untouched. No request leaves
127.0.0.1. Screenshots of the list, the form and the refusal go to
test-output/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from generator.records import loader
from generator.site.build import build_site
from tests.conftest import REPO, SHOTS
from tests.desk.conftest import Running, git

NEW_CASE = "case/2017/2017-12-28-quarry-crusher-guard.yaml"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def field(page: Page, name: str, nth: int = 0) -> Locator:
    """The input of a form field, by the field's name (Decap ids it `<name>-field-<n>`)."""
    return page.locator(f'[id^="{name}-field-"]').nth(nth)


def choose(page: Page, name: str, typed: str, option: str | None = None) -> None:
    """Pick from a select or relation picker by typing, as a clerk does."""
    field(page, name).click()
    page.keyboard.type(typed)
    page.locator('[class*="option"]', has_text=option or typed).first.click()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request in the test output."""


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def publish(page: Page) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()


def test_a_clerk_files_a_case_and_a_wrong_deadline_is_refused(page: Page, desk: Running, tmp_path: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    before = desk.commits()

    page.goto(desk.url)
    page.get_by_role("button", name="登录").click()
    page.get_by_test_id("case").click()
    expect(page.get_by_text("2017-06-15　塔吊检测报告过期")).to_be_visible()
    shot(page, "desk-list")

    page.locator('a[href="#/collections/case/new"]').click()
    field(page, "date").fill("2017-12-28")
    field(page, "desk_slug").fill("quarry-crusher-guard")
    field(page, "title").fill("金石采石场破碎机传动部位无防护罩")
    choose(page, "inspection", "塔吊", "城区建筑工地塔吊专项督查")
    choose(page, "unit", "金石采石场", "武台镇金石采石场")
    choose(page, "town", "武台镇")
    field(page, "description").fill("破碎机皮带传动部位未设防护罩，作业通道紧邻，存在卷入风险。")
    choose(page, "level", "重大")
    choose(page, "disposition", "挂牌督办")
    field(page, "order_no").fill("平安办督〔2017〕13号")
    field(page, "deadline").fill("2018-01-15")
    field(page, "public").click()
    choose(page, "reviewer", "张伟")
    choose(page, "approver", "刘志强")
    field(page, "date", 1).fill("2017-12-28")  # the sign-off's date, below the record's own
    field(page, "title").scroll_into_view_if_needed()
    shot(page, "desk-form")
    publish(page)
    expect(page.get_by_text("内容已保存")).to_be_visible()

    assert len(desk.commits()) == len(before) + 1
    assert git(desk.records, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "case:", "2017-12-28-quarry-crusher-guard", "金石采石场破碎机传动部位无防护罩", NEW_CASE,
    ]
    text = (desk.records / NEW_CASE).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/case.schema.json\ndate: 2017-12-28\npublic: true\n")
    assert "inspection: 2017-06-14-tower-cranes\nunit: 武台镇金石采石场\ntown: 武台镇\n" in text
    assert "review:\n  reviewer: 张伟\n  approver: 刘志强\n  date: 2017-12-28\n" in text
    assert loader.check(desk.records) == []
    site = tmp_path / "site"
    build_site(loader.load(desk.records), dt.date(2017, 12, 31), REPO / "mkdocs.yml", site)
    assert "金石采石场破碎机传动部位无防护罩" in (site / "case/2017-12-28-quarry-crusher-guard/index.html").read_text(encoding="utf-8")

    assert errors == []  # (a refused save below makes Decap itself leave an unhandled rejection)

    with serving(site) as preview:  # the built site stands in for `safety365 serve`: the entry's preview is its page
        desk.server.preview = desk.server.api.preview = preview
        page.reload()
        expect(page.frame_locator("iframe").last.frame_locator("iframe").get_by_text("破碎机皮带传动部位未设防护罩").first).to_be_visible(timeout=30_000)
        after_save, saved = desk.commits(), (desk.records / NEW_CASE).read_bytes()
        field(page, "deadline").fill("2017-12-01")
        publish(page)
        refusal = page.get_by_text("「整改期限」2017-12-01 早于立案日期 2017-12-28")
        expect(refusal).to_be_visible()
        page.wait_for_timeout(800)  # the toast slides in
        shot(page, "desk-refusal")
    assert desk.commits() == after_save
    assert (desk.records / NEW_CASE).read_bytes() == saved

    assert requests and {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
