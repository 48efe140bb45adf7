"""Every link of the built site leads somewhere: a crawl of every page finds no broken internal link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.site.conftest import Built

LINK = re.compile(r'(?:href|src)="([^"#?]*)[^"]*"')
PLACED_BY_THE_BUILD = re.compile(
    r"^(bulletin/\d{4}-\d{2}\.(pdf|html)|episode/(\d{4}-W\d{2}(\.zip|/thumbs/.*|/manifest\.json)|latest/(pack\.zip|manifest\.json)))$"
)
"""Downloads `safety365 build` places beside the site after mkdocs has built it (the site fixture is mkdocs alone)."""


def broken_links(root: Path, skip: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    """(page, link) for every internal link of every HTML page under `root` that leads to no file."""
    broken = []
    for page in sorted(root.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for link in set(LINK.findall(text)):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # outside the site, or an anchor on the page itself
            path = unquote(parts.path)
            target = (root / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()  # 404.html links from the root
            if target.is_dir():
                target = target / "index.html"
            if target.exists():
                continue
            relative = target.relative_to(root.resolve()).as_posix() if target.is_relative_to(root.resolve()) else str(target)
            if skip is None or not skip.match(relative):
                broken.append((page.relative_to(root).as_posix(), link))
    return broken


def test_the_sample_site_has_no_broken_link(site: Built) -> None:
    pages = list(site.root.rglob("*.html"))
    assert len(pages) > 250
    assert broken_links(site.root, PLACED_BY_THE_BUILD) == []
