"""What a chat app or social site shows of a shared link: Open Graph and Twitter meta, and the cards."""

from __future__ import annotations

import re

from PIL import Image

from generator.records.models import Case, Listing, Ranking
from generator.site.pages import record_url
from tests.conftest import SHOTS
from tests.site.conftest import Built

SITE = "https://safety365.example.org/"


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"', html))


def test_every_page_carries_sharing_meta_with_its_canonical_url(site: Built) -> None:
    pages = [p for p in site.root.rglob("index.html")]
    assert len(pages) > 150
    for path in pages:
        url = SITE + path.parent.relative_to(site.root).as_posix() + "/"
        found = meta(path.read_text(encoding="utf-8"))
        assert found["og:url"] == url.replace(f"{SITE}./", SITE), path
        assert found["og:title"] and found["og:description"] and found["twitter:card"] == "summary_large_image", path
        image = found["og:image"]
        assert image.startswith(SITE) and image.endswith("card.png") and found["twitter:image"] == image, path
        assert (site.root / image.removeprefix(SITE)).is_file(), image


def test_records_boards_and_issues_have_cards_of_their_own(site: Built) -> None:
    case = next(c for c in site.catalog.of(Case) if c.id == "2017-06-16-high-steep-slope-jinshi-quarry")
    found = meta(site.page(record_url(case)))
    assert found["og:title"] == "金石采石场违规开采形成高陡边坡"
    assert found["og:image"] == SITE + "case/2017-06-16-high-steep-slope-jinshi-quarry/card.png"
    assert found["og:description"].startswith("挂牌督办，逾期未改 · 整改期限 2017年9月30日（逾期 92 天）。武台镇金石采石场（武台镇）：")
    for url in ("case/", "listing/", "ranking/", "bulletin/2017-23/"):
        assert meta(site.page(url))["og:image"] == f"{SITE}{url}card.png"
    for url in ("news/", "stats/", "about/"):  # sections and hand-written pages: the site's card
        assert meta(site.page(url))["og:image"] == f"{SITE}card.png"


def test_cards_are_1200_by_630_and_saved_for_a_person_to_look_at(site: Built) -> None:
    listing = next(e for e in site.catalog.of(Listing) if e.board == "黑榜" and e.active(site.as_of))
    ranking = max(site.catalog.of(Ranking), key=lambda r: r.date)
    chosen = {
        "site": "card.png", "case-board": "case/card.png", "bulletin": "bulletin/2017-23/card.png",
        "black-listing": record_url(listing) + "card.png", "ranking": record_url(ranking) + "card.png",
        "case": "case/2017-06-16-high-steep-slope-jinshi-quarry/card.png",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in chosen.items():
        with Image.open(site.root / path) as card:
            assert card.format == "PNG" and card.size == (1200, 630), path
            card.save(SHOTS / f"card-{name}.png")
