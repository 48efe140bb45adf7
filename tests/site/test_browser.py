"""The site in a real browser (Debian's chromium driven by Playwright), as the public uses it.

Screenshots of every page visited go to test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.records.models import Case
from generator.site.pages import record_url
from tests.conftest import SHOTS
from tests.site.conftest import Built

@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_home_loads_without_console_errors(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    shot(page, "home")
    assert page.locator("h2#this-week").is_visible()
    assert errors == []


def test_a_case_is_reached_by_clicking_through(page: Page, base_url: str, site: Built) -> None:
    page.goto(base_url)
    page.get_by_role("link", name="督办事项", exact=True).first.click()
    page.wait_for_url("**/case/")
    first = page.locator("table.s365-cases tbody tr td a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/case/*/")
    shot(page, "case")
    assert page.locator("h1").inner_text() == title
    assert page.get_by_text("督办单号").is_visible()


@pytest.mark.parametrize(("query", "expected"), [("塔吊", "塔吊"), ("集贸市场", "集贸市场")])
def test_chinese_search_finds_the_records(page: Page, base_url: str, query: str, expected: str) -> None:
    page.goto(base_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)  # as an input method commits Chinese text: no key events
    search.press("End")  # material reads the query on keyup
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    shot(page, f"search-{query}")
    assert results.count() > 0
    assert expected in results.first.inner_text()


def test_search_index_is_fetched_only_when_the_reader_turns_to_search(page: Page, base_url: str) -> None:
    """The index is the largest download of a page; a reader who never searches never loads it."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "search_index.json" in request.url else None)
    page.goto(base_url + "case/")
    page.wait_for_load_state("networkidle")
    assert fetched == []
    with page.expect_request("**/search/search_index.json"):
        page.locator("input.md-search__input").click()


def test_black_board_hides_expired_and_repaired_entries(page: Page, base_url: str, site: Built) -> None:
    repaired = ("2017-06-21-hongye-timber-dust-refusal", "2017-07-26-tongda-fuel-unloading", "2017-09-06-tiancheng-foundry-molten-iron")
    gone = [site.catalog.records[record_id] for record_id in repaired]
    shown = [site.catalog.records[record_id] for record_id in ("2017-12-13-tianyuan-fertiliser-ammonia-alarm", "2017-06-14-limin-fireworks-overstock")]
    page.goto(base_url + "listing/")
    shot(page, "boards")
    black = page.locator("section.s365-board--black")
    for entry in shown:
        assert black.get_by_role("link", name=entry.unit).count() >= 1
    for entry in gone:
        assert black.locator(f'a[href$="{record_url(entry)}"]').count() == 0
        response = page.request.get(base_url + record_url(entry))
        assert response.status == 404


@pytest.mark.parametrize("url", ["", "case/", "listing/", "case/2017-06-16-high-steep-slope-jinshi-quarry/", "ranking/", "stats/"])
def test_no_serious_accessibility_violations(page: Page, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_case_board_filters_by_town(page: Page, base_url: str, site: Built) -> None:
    page.goto(base_url + "case/")
    town = next(c.town for c in site.catalog.of(Case))
    page.get_by_label("按镇街筛选").select_option(town)
    rows = page.locator("table.s365-cases tbody tr")
    visible_towns = {rows.nth(i).get_attribute("data-town") for i in range(rows.count()) if rows.nth(i).is_visible()}
    assert visible_towns == {town}
