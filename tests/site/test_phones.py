"""Every kind of page on a phone (360 and 390 px wide), in Debian's chromium.

No page scrolls sideways (a wide table scrolls inside its own box or becomes
cards) or is laid out wider than the phone and shrunk to fit, no text is under 16 px, every tap target outside running text is at
least 44 px tall, and the boards read as cards. Screenshots of every page at
both widths go to test-output/screenshots/phone-<width>-<page>.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.bulletin.render import to_html
from generator.editions.bulletin import issues_with_records
from generator.paper.layout import Layout
from generator.records.models import Case, Inspection, Listing, News, Ranking, Tip
from generator.records.public import Views, published
from generator.site.pages import record_url
from tests.conftest import REPO
from tests.conftest import SHOTS
from tests.site.conftest import Built

WIDTHS = (360, 390)

SMALL_TEXT = """() => {
  const small = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    if (element.closest('.s365-sr-only, .md-sidebar, .md-search, [hidden], script, style, svg')) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 15.9) small.push(`${element.tagName.toLowerCase()}.${element.className}: ${size}px "${node.textContent.trim().slice(0, 20)}"`);
  }
  return [...new Set(small)];
}"""
"""Visible text set under 16 px (the closed navigation drawer and search overlay are not visible)."""

SMALL_TARGETS = """() => {
  const small = [];
  for (const target of document.querySelectorAll('a[href], button, select, input:not([type=checkbox]), label[for]')) {
    if (!target.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    if (target.closest('.md-sidebar, .md-search, [hidden], .s365-sr-only')) continue;
    const box = target.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const parent = target.parentElement;
    const inProse = [...parent.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
      && getComputedStyle(target).display === 'inline';
    if (inProse) continue;  // a link inside a sentence: exempt, as in WCAG 2.5.5
    if (box.height < 43.5) small.push(`${target.tagName.toLowerCase()} "${(target.textContent || target.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return [...new Set(small)];
}"""
"""Tap targets less than 44 px tall, except links inside running text."""


def every_kind(site: Built) -> dict[str, str]:
    """(name, URL) of one page of every kind the site has."""
    view = published(site.catalog, site.as_of)
    unit = next(iter(view.units.entries()))[2]
    first = {model.kind: max(view.of(model), key=lambda r: (r.date, r.id)) for model in (Case, Inspection, Listing, Ranking, News, Tip)}
    pages = {
        "home": "", "news": "news/", "inspections": "inspection/", "tips": "tip/", "case-board": "case/", "boards": "listing/",
        "rankings": "ranking/", "stats": "stats/", "data": "data/", "units": "unit/", "unit": f"unit/{unit.slug}/",
        "bulletins": "bulletin/", "bulletin-issue": "bulletin/2017-23/", "episodes": "episode/", "episode": "episode/2017-W50/",
        "about": "about/",
        "report": "report/", "editors": "editors/",
    }
    pages.update({kind: record_url(record) for kind, record in first.items()})
    return pages


@pytest.fixture(scope="module", params=WIDTHS)
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[int, Page]]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield width, page
    context.close()


def look(page: Page, width: int, name: str) -> dict[str, object]:
    """Screenshot the page and measure what a phone user meets."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{width}-{name}.png"), full_page=True)
    return {
        "scroll": page.evaluate("document.documentElement.scrollWidth"),
        "inner": page.evaluate("innerWidth"),
        "text": page.evaluate(SMALL_TEXT),
        "targets": page.evaluate(SMALL_TARGETS),
    }


def test_every_page_fits_a_phone(phone: tuple[int, Page], base_url: str, site: Built) -> None:
    """No sideways scrolling, small text or small targets; and at 390 px, nothing axe finds serious (a table that scrolls must take focus)."""
    width, page = phone
    problems = {}
    for name, url in every_kind(site).items():
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        seen = look(page, width, name)
        if width == WIDTHS[-1]:
            seen["axe"] = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        if seen["scroll"] > seen["inner"] or seen["inner"] != width or seen["text"] or seen["targets"] or seen.get("axe"):
            problems[name] = seen
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_boards_are_cards_on_a_phone(phone: tuple[int, Page], base_url: str) -> None:
    """A case's card is as wide as the screen allows, so a unit's name reads across, not one character per line."""
    width, page = phone
    for url, selector in (("case/", "table.s365-cases"), ("listing/", "section.s365-board--black table")):
        page.goto(base_url + url)
        row = page.locator(f"{selector} tbody tr").first
        assert page.locator(f"{selector} thead").first.bounding_box()["height"] <= 1  # type: ignore[index]
        assert row.bounding_box()["width"] >= width - 60  # type: ignore[index]
        unit = row.locator("td").nth(1)
        assert unit.bounding_box()["height"] < 60, "a unit's name wraps onto several lines"  # type: ignore[index]
        assert "：" in unit.evaluate("cell => getComputedStyle(cell, '::before').content")


def test_a_rundown_keeps_its_columns_readable_on_a_phone(phone: tuple[int, Page], base_url: str) -> None:
    """An episode's rundown scrolls inside its box, its columns wide enough that a segment's name reads on a line or two."""
    _, page = phone
    page.goto(base_url + "episode/2017-W36/")  # aired: its rundown from the sealed text
    rundown = page.get_by_role("region", name="串联单")
    narrowest = rundown.evaluate(
        "box => Math.min(...[...box.querySelectorAll('tbody td:not(:first-child)')]"
        ".map(cell => cell.getBoundingClientRect().width / parseFloat(getComputedStyle(cell).fontSize)))"
    )
    assert narrowest >= 6, f"a rundown column is {narrowest:.1f} characters wide"
    segment = rundown.locator("tbody tr").nth(1).locator("td").nth(1)
    assert segment.bounding_box()["height"] < 70, "a segment's name wraps a character a line"  # type: ignore[index]


def test_bulletin_html_twin_fits_a_phone(phone: tuple[int, Page], site: Built, tmp_path: Path) -> None:
    width, page = phone
    views = Views(site.catalog, site.as_of)
    view = views.on(site.as_of)
    content = next(c for c in issues_with_records(views, site.as_of) if c.issue.id == "2017-23")
    twin = tmp_path / "2017-23.html"
    twin.write_text(to_html(content, view.office, Layout.of(REPO / "theme", "bulletin"), "https://safety365.example.org/"), encoding="utf-8")
    page.goto(twin.as_uri())
    seen = look(page, width, "bulletin-twin")
    assert seen["inner"] == width, "the page is laid out wider than the phone"
    assert seen["scroll"] <= seen["inner"]
    assert seen["text"] == []
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 16
