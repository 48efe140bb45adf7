"""One build: records in, every output out (bulletins, then the site that links to them).

Each output reads the same published view of the catalog; the order only
matters for the site's bulletin archive, which offers the PDFs for download.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING, TypeVar

from ruamel.yaml import YAML

from generator.cache import Built, Cache, digest, place, toolchain, tree
from generator.editions.bulletin import IssueContent, compose, issues_with_records
from generator.editions.calendar import Episode, Issue
from generator.editions.programme import episodes_with_records
from generator.errors import OutputError
from generator.records.catalog import Catalog
from generator.records.public import published
from generator.site.episodes import EpisodePage
from generator.site.precompress import gzip_copy

if TYPE_CHECKING:
    from generator.broadcast.pack import Pack

Step = Callable[[str], AbstractContextManager[None]]
"""Reports progress: `with step("site"): ...`."""


@dataclass(frozen=True)
class Project:
    """What the outputs need from mkdocs.yml (the site's address, the theme folder) and the render cache."""

    config_file: Path
    site_url: str
    theme: Path
    docs: Path
    """The hand-written pages (mkdocs' docs_dir)."""
    cache: Cache

    @classmethod
    def read(cls, config_file: Path, cache: Path | None = None) -> Project:
        """The project of `config_file`; rendered outputs are kept in `cache` (default: .cache beside it)."""
        if not config_file.is_file():
            raise OutputError(f"{config_file}: not found (run from the project folder or pass --config)")
        config = YAML(typ="rt").load(config_file.read_text(encoding="utf-8"))
        custom_dir = str((config.get("theme") or {}).get("custom_dir") or "theme")
        root = cache if cache is not None else config_file.parent / CACHE
        docs = config_file.parent / str(config.get("docs_dir") or "docs")
        return cls(config_file, str(config.get("site_url") or "/"), config_file.parent / custom_dir, docs, Cache(root))


CACHE = ".cache"
"""The render cache's folder, beside mkdocs.yml."""
SITE = "site"
"""The cache's kind for whole sites."""
PREVIEW_DAYS = 7
"""A full build gives a preview video to the packs airing in the last week and later: producers
check what is about to air; the archive's packs keep slides, captions and rundown."""

E = TypeVar("E", Issue, Episode)


def _edition(parse: Callable[[str], E], text: str, as_of: dt.date) -> E:
    """An issue or episode named by the user, which must have begun by `as_of`."""
    try:
        chosen = parse(text)
    except ValueError as exc:
        raise OutputError(str(exc)) from None
    if chosen.period.start > as_of:
        raise OutputError(f"{text} covers {chosen.period.start} on, after {as_of}")
    return chosen


def bulletins(view: Catalog, as_of: dt.date, issue: str | None = None) -> list[IssueContent]:
    """The issues to print: one by id, or every issue with records up to `as_of`."""
    if issue is None:
        return issues_with_records(view, as_of)
    return [compose(view, _edition(Issue.parse, issue, as_of), as_of)]


def build_bulletins(contents: list[IssueContent], view: Catalog, project: Project, out: Path) -> Built[Path]:
    from generator.bulletin.build import build_issues  # WeasyPrint loads only when printing

    return build_issues(contents, view.office, project.theme / "bulletin", project.site_url, out, project.cache)


def episodes(view: Catalog, as_of: dt.date, episode: str | None = None) -> list[Episode]:
    """The episodes to pack: one by id, or every episode whose week has records up to `as_of`."""
    if episode is None:
        return episodes_with_records(view, as_of)
    return [_edition(Episode.parse, episode, as_of)]


def previews(chosen: list[Episode], as_of: dt.date) -> set[str]:
    """The episodes that get a preview video in a full build: those airing from PREVIEW_DAYS before `as_of` on."""
    return {episode.id for episode in chosen if episode.air_date >= as_of - dt.timedelta(days=PREVIEW_DAYS)}


def build_episodes(view: Catalog, chosen: list[Episode], project: Project, out: Path, preview: set[str]) -> Built[Pack]:
    """The packs of `chosen`, those in `preview` with a preview video."""
    from generator.broadcast.build import build_packs  # Pillow, moviepy: only when packing
    from generator.broadcast.rundown import plan

    rundowns = [plan(view, episode, project.site_url) for episode in chosen]
    return build_packs(rundowns, out, project.theme / "broadcast", project.cache, preview)


def episode_page(pack: Pack) -> EpisodePage:
    """What the site shows of a pack."""
    from generator.broadcast.pack import timecode

    return EpisodePage(
        pack.rundown.episode.id,
        pack.rundown.episode.air_date,
        timecode(pack.rundown.frames),
        pack.rows,
        [f"thumbs/{Path(frame.path).stem}.jpg" for frame in pack.slides],
        [(timecode(cue.start), " ".join(cue.lines)) for cue in pack.rundown.cues],
    )


def publish_pack(pack: Pack, site: Path) -> None:
    """Put a pack's zip and slide thumbnails where its site page links to them."""
    place(pack.thumbs, site / "episode" / pack.rundown.episode.id / "thumbs")
    place(pack.archive, site / "episode" / pack.archive.name)


def build_site_cached(catalog: Catalog, as_of: dt.date, project: Project, site: Path, shows: list[EpisodePage]) -> bool:
    """The site in `site`, rendered only when something it shows has changed; True when rendered.

    Keyed like bulletins and packs, by everything the pages are made of: the
    published records, the programme archive, the hand-written pages,
    mkdocs.yml, the theme, the toolchain and the build date (mkdocs dates the
    sitemap). Bulletins and packs are placed into it afterwards.
    """
    from mkdocs.utils import get_build_date  # mkdocs is slow to import: only when building the site

    from generator.site.build import build_site

    view = published(catalog, as_of)
    key = digest(
        SITE, toolchain(), tree(project.theme), tree(project.docs), project.config_file.read_bytes().hex(), get_build_date(),
        as_of, view.office, view.units, view.records, view.editorial, shows,
    )
    entry = project.cache.entry(SITE, key)
    fresh = entry is None
    if entry is None:
        scratch = project.cache.scratch()
        try:
            build_site(catalog, as_of, project.config_file, scratch, shows)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        entry = project.cache.commit(SITE, key, scratch)
    place(entry, site)
    return fresh


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to build in; it replaces `out` only if the build gets through.

    On any failure the staging folder is removed and `out` is left exactly as it was.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def build_all(catalog: Catalog, as_of: dt.date, project: Project, out: Path, step: Step) -> Iterator[str]:
    """Build every output into `out`, yielding a line per output for the user."""
    view = published(catalog, as_of)
    with step("bulletins"):
        printed = build_bulletins(bulletins(view, as_of), view, project, out / "bulletins")
    yield f"bulletins: {printed.summary('issues')} in {out / 'bulletins'}"
    with step("TV packs"):
        chosen = episodes(view, as_of)
        drawn = build_episodes(view, chosen, project, out / "broadcast", previews(chosen, as_of))
    yield f"TV packs: {drawn.summary('episodes')} in {out / 'broadcast'}"
    pdfs, packs = printed.outputs, drawn.outputs
    with step("site"):
        fresh = build_site_cached(catalog, as_of, project, out / "site", [episode_page(pack) for pack in packs])
        for pack in packs:
            publish_pack(pack, out / "site")
        archive = out / "site" / "bulletin"
        archive.mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:  # the archive offers both the print file and its HTML twin
            place(pdf, archive / pdf.name)
            place(pdf.with_suffix(".html"), archive / pdf.with_suffix(".html").name)
            gzip_copy(archive / pdf.with_suffix(".html").name)  # like every text file the site build wrote
    yield f"site: {'rendered' if fresh else 'unchanged'} in {out / 'site'}"
    project.cache.prune()  # every issue and episode was just built: whatever else is stored is stale
