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

import dataclasses
import datetime as dt
import itertools
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
    return _key(frame, page, looked_up(page, lookups))


def _key(frame: str, page: Page, looked: dict[str, tuple[Record | None, str | None]]) -> str:
    return digest(PAGE, frame, page, looked)


class Keys:
    """Pages' keys from one build of a session to the next (the editors' preview), by the page object (`pages.Made`).

    A page taken over from the last site has the key it had while the frame
    is the same and every record and unit page it looks up is the very same
    object and address: checked by identity, which costs a fraction of
    writing the page out and hashing it again. Holds the last build's only.
    """

    def __init__(self) -> None:
        self.earlier: dict[int, tuple[Page, str, tuple[tuple[str, tuple[Record | None, str | None]], ...], str]] = {}
        self.now: dict[int, tuple[Page, str, tuple[tuple[str, tuple[Record | None, str | None]], ...], str]] = {}

    def begin(self) -> None:
        """A new build: the keys of the last one are those it may take over."""
        self.earlier, self.now = self.now, {}

    def key(self, frame: str, page: Page, lookups: Lookups) -> str:
        """`page_key(frame, page, lookups)`, taken over when nothing it is made of changed."""
        found = self.earlier.get(id(page))  # the entry holds its page, so the id is that page's while the entry lives
        if found is not None and found[0] is page and found[1] == frame and all(
            _same(before, _look_up(value, lookups)) for value, before in found[2]
        ):
            self.now[id(page)] = found
            return found[3]
        looked = looked_up(page, lookups)
        key = _key(frame, page, looked)
        self.now[id(page)] = (page, frame, tuple(looked.items()), key)
        return key


def _same(before: tuple[Record | None, str | None], now: tuple[Record | None, str | None]) -> bool:
    """Whether a value looks up what it looked up before (`_look_up`): the very same record object, the same unit page."""
    return before[0] is now[0] and before[1] == now[1]


def drawing_key(*parts: object) -> str:
    return digest(DRAWING, toolchain(), *parts)


SEARCH = "search"


def search_key(words: str, *parts: object) -> str:
    """What the search entries made from `parts` are noted by: them and the `words` jieba was taught (`search.words`)."""
    return digest(SEARCH, words, *parts)


def looked_up(page: Page, lookups: Lookups) -> dict[str, tuple[Record | None, str | None]]:
    """What the content templates look up for the records a page shows: each record and unit page they refer to, as it is now.

    An issue's page also asks whether each of its records still has a page
    on the site's date (`published`): that changes with the date, which is in
    every key, or with the records the issue holds, which are in its digest.
    """
    values = {value for record in _records(page.context.values()) for value in referred(record)}  # a unit's page: hundreds name it
    return {value: _look_up(value, lookups) for value in values}


def _look_up(value: str, lookups: Lookups) -> tuple[Record | None, str | None]:
    """What the content templates find for a record id or unit name: the record's public copy, the unit's page."""
    return lookups.records.get(value), lookups.unit_url(value)


def wanted(pages: Iterable[Page]) -> set[str]:
    """Every record id and unit name the content templates may look up for `pages`: the records they show (in an issue's
    contents too) and what those refer to. The pages a build renders need no other lookups."""
    return {value for page in pages for record in _records(page.context.values(), deep=True) for value in (record.id, *referred(record))}


def _records(values: Iterable[object], deep: bool = False) -> Iterator[Record]:
    """The records among a context's values, in lists and dicts of lists too, and (`deep`) in dataclasses (an issue's contents)."""
    for value in values:
        if isinstance(value, Record):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _records(value, deep)
        elif isinstance(value, dict):
            yield from _records(value.values(), deep)
        elif deep and dataclasses.is_dataclass(value) and not isinstance(value, type):
            yield from _records((getattr(value, field.name) for field in dataclasses.fields(value)), deep)


def place_page(entry: str, target: str, card: str | None, compressed: bool) -> bool:
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


def place_pages(pages: list[tuple[str, str, str | None]], compressed: bool, site: str, spare: str | None) -> list[str]:
    """Put each stored page (entry, target, card) into the site at `site`: its folder moved whole from the site `spare` (an
    earlier build's, no longer served nor kept for rollback) where that holds the page as `place_page` would make it, else
    `place_page`; the targets placed with their gzip copy.

    A folder and three links per page are some forty thousand system calls
    per build at ten thousand records, two seconds of the kernel's time on
    the office's disk; moving the folder an earlier build made is one.
    """
    placed = []
    for entry, target, card in pages:
        if spare is not None and target.startswith(site + os.sep) and recycle_page(entry, spare + target[len(site):], target, card, compressed):
            if compressed:
                placed.append(target)
        elif place_page(entry, target, card, compressed):
            placed.append(target)
    return placed


def recycle_page(entry: str, old: str, target: str, card: str | None, compressed: bool) -> bool:
    """Move the folder of `old` (a page of an earlier build) to that of `target` if it holds just what `place_page` would
    put there for `entry`: its HTML the entry's very file, its card when the page has one, its gzip copy when `compressed`.

    The HTML is the entry's own inode only if an earlier build placed this
    entry there, card and copy with it; a folder holding anything else is
    left where it is, and the page is placed anew.
    """
    folder, old_folder = os.path.dirname(target), os.path.dirname(old)
    if card is not None and os.path.dirname(card) != folder:
        return False  # a card kept elsewhere would not move with the folder
    expected = {os.path.basename(target)}
    if card is not None:
        expected.add(os.path.basename(card))
    if compressed:
        expected.add(os.path.basename(target) + ".gz")
    try:
        if not os.path.samestat(os.stat(old), os.stat(os.path.join(entry, HTML))) or set(os.listdir(old_folder)) != expected:
            return False
    except OSError:  # not in the spare
        return False
    try:
        os.rename(old_folder, folder)
    except FileNotFoundError:  # the first page of its section here
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        os.rename(old_folder, folder)
    except OSError:  # placed here already, or the spare is on another file system
        return False
    return True


class Holdings:
    """What each site folder of a session holds of the unlisted pages: the key of the stored page placed at each address.

    The editors' preview builds every save into a folder of its own and
    keeps the site that save replaced as a spare. Knowing what the spare
    holds, a build moves its sections whole (`move_sections`) and touches
    only the pages whose key is not the one held, where checking and moving
    each of nine thousand page folders (`recycle_page`: two `stat`s, a listing
    and a rename each) kept a process of its own busy beside every save at ten
    years, on the same two cores. A build takes what a folder holds as it
    starts moving out of it: should it fail, nothing is known of that folder
    any more, and the next build checks page by page.
    """

    def __init__(self) -> None:
        self.sites: dict[str, dict[str, str]] = {}

    @staticmethod
    def _name(folder: str | os.PathLike[str]) -> str:
        return os.path.abspath(os.fspath(folder))

    def record(self, folder: str | os.PathLike[str], held: dict[str, str]) -> None:
        """A build placed the page of each key in `held` at its address in `folder` (and nothing else in those folders)."""
        self.sites[self._name(folder)] = held

    def take(self, folder: str | os.PathLike[str]) -> dict[str, str] | None:
        """What `folder` holds, forgotten from now on: the caller is about to move pages out of it."""
        return self.sites.pop(self._name(folder), None)

    def moved(self, old: str | os.PathLike[str], new: str | os.PathLike[str]) -> None:
        """`old` was renamed `new` (replacing whatever was there)."""
        held = self.sites.pop(self._name(old), None)
        self.sites.pop(self._name(new), None)
        if held is not None:
            self.sites[self._name(new)] = held

    def copied(self, source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        """`target` is being made a copy of `source` (`files.link_copy`)."""
        held = self.sites.get(self._name(source))
        if held is not None:
            self.sites[self._name(target)] = held


def move_sections(spare: str, site: str, held: dict[str, str]) -> dict[str, str] | None:
    """Move the sections of the addresses in `held` (what `spare` holds: `Holdings`) whole from `spare` into `site`, and
    set aside, back in `spare`, whatever they hold besides those page folders (their own listed page, card and charts,
    which the build writes anew, not over files the site on show may share); the addresses moved, with their keys.

    Every address is a section and one folder in it (`case/<id>/`), or
    nothing is moved (None): a page folder within another would move with it.
    """
    if any(url.count("/") != 2 for url in held):
        return None
    moved: dict[str, str] = {}
    os.makedirs(site, exist_ok=True)  # mkdocs makes it only when it first writes there
    for section in {url.partition("/")[0] for url in held}:
        try:
            os.rename(os.path.join(spare, section), os.path.join(site, section))
        except OSError:  # not in the spare, or in the site already
            continue
        with os.scandir(os.path.join(site, section)) as entries:
            for entry in entries:
                url = f"{section}/{entry.name}/"
                if url in held and entry.is_dir(follow_symlinks=False):
                    moved[url] = held[url]
                else:
                    set_aside(entry.path, spare)
    return moved


def set_aside(path: str, spare: str) -> None:
    """Move `path` (a file or folder) out of the site into the spare, which is discarded with whatever it holds after the build."""
    os.rename(path, os.path.join(spare, f".aside-{next(_ASIDE)}"))


_ASIDE = itertools.count()
"""Numbers the folders and files set aside in a spare (`set_aside`): one process's builds, one spare at a time."""


def write_entries(folder: Path, entries: list[dict[str, str]]) -> None:
    (folder / ENTRY).write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def read_entries(folder: Path) -> list[dict[str, str]]:
    with open(os.path.join(folder, ENTRY), "rb") as handle:
        entries: list[dict[str, str]] = json.load(handle)
    return entries
