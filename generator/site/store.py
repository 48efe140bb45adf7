"""The site's record and unit pages and its drawings kept from build to build, by what they are made of.

An edit to one record changes a handful of pages; rendering ten thousand
again for it is most of a publish. Each unlisted page is stored in the render
cache (`generator.cache`) under a key of everything its bytes come from: the
page's own data (title, context, card, search text), what its templates look
up beyond it (the records and unit pages its records refer to) and the frame
every page shares (templates, mkdocs.yml, the build date, the office, the
toolchain). A build renders the pages whose key is new and links the others
from the store, so their bytes are those of the last build; a removed record's
page is simply not placed again. Charts and sharing cards are kept the same
way, by their data.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.cache import digest, place_file, toolchain, tree
from generator.records.models import Record
from generator.records.refs import referred
from generator.records.registry import Office
from generator.site.pages import Page
from generator.site.render import Lookups

PAGE = "page"
"""The cache's kind for a rendered page: its HTML, its sharing card and its search entries."""
DRAWING = "drawing"
"""The cache's kind for a chart or a listed page's sharing card."""
CONTENT = "content"
"""The cache's kind for a listed page's content (mkdocs renders the page around it)."""
DOWNLOADS = "downloads"
"""The cache's kind for the open data and the feed, with their gzip copies."""
SITEMAP = "sitemap"
"""The cache's kind for the sitemap of every page."""
HTML, CARD, ENTRY, DRAWN = "page.html", "card.png", "entries.json", "drawing"
HTML_GZ = HTML + ".gz"
"""A stored page's gzip copy, when the build that rendered it precompresses: made once, placed with the page."""


def frame_key(config_file: Path, theme: Path, as_of: dt.date, office: Office, preview: bool) -> str:
    """What every page depends on besides its own data: the theme's templates, mkdocs.yml (site, navigation), the date,
    the office, and whether the page is the preview's (which loads one more script)."""
    return digest("site-frame", toolchain(), tree(theme), config_file.read_bytes().hex(), as_of, office, preview)


def page_key(frame: str, page: Page, lookups: Lookups) -> str:
    return digest(PAGE, frame, page, looked_up(page, lookups))


def drawing_key(*parts: object) -> str:
    return digest(DRAWING, toolchain(), *parts)


SEARCH = "search"


def search_key(words: str, *parts: object) -> str:
    """What the search entries made from `parts` are noted by: them and the `words` jieba was taught (`search.words`)."""
    return digest(SEARCH, words, *parts)


def looked_up(page: Page, lookups: Lookups) -> dict[str, object]:
    """What the content templates look up for the records a page shows: each record and unit page they refer to, as it is now."""
    found: dict[str, object] = {}
    for record in _records(page.context.values()):
        for value in referred(record):
            found[value] = (lookups.records.get(value), lookups.unit_url(value))
    return found


def _records(values: Iterable[object]) -> Iterator[Record]:
    """The records among a context's values, in lists and dicts of lists too."""
    for value in values:
        if isinstance(value, Record):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _records(value)
        elif isinstance(value, dict):
            yield from _records(value.values())


def place_page(entry: Path, target: str, card: str | None, compressed: bool) -> bool:
    """Link a stored page's HTML at `target`, its card (if it has one) at `card` and, when `compressed`, its gzip copy if it
    was made; True when the copy was placed.

    In plain strings (`place_file`), and with no test for the copy before
    linking it: three calls per page, ten thousand pages per build, where a
    `Path` and a `stat` each cost more than the link. Every page is a folder
    of its own, new in the build's site: it is made first, in one call,
    instead of after a link has failed for want of it.
    """
    try:
        os.mkdir(os.path.dirname(target))
    except FileExistsError:
        pass
    except FileNotFoundError:  # the first page of its section
        os.makedirs(os.path.dirname(target), exist_ok=True)
    place_file(os.path.join(entry, HTML), target)
    if card is not None:
        place_file(os.path.join(entry, CARD), card)
    if not compressed:
        return False
    try:
        place_file(os.path.join(entry, HTML_GZ), target + ".gz")
    except FileNotFoundError:
        return False  # rendered by a build that wrote no copies
    return True


def write_entries(folder: Path, entries: list[dict[str, str]]) -> None:
    (folder / ENTRY).write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def read_entries(folder: Path) -> list[dict[str, str]]:
    with open(os.path.join(folder, ENTRY), "rb") as handle:
        entries: list[dict[str, str]] = json.load(handle)
    return entries
