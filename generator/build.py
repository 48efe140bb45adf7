"""One build: records in, every output out (bulletins, then the site that links to them).

Each output reads the same published view of the catalog; the order only
matters for the site's bulletin archive, which offers the PDFs for download.
Editions issued by the build date are never rendered again: the build offers
an issued bulletin's sealed files (its redacted public copy after a
withdrawal) and makes an aired episode's page from its sealed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING, TypeVar

from generator import processes, strings
from generator.cache import Built, Cache, Notes, digest, place, place_again, toolchain, tree
from generator.editions import corrections, withdrawals
from generator.editions.bulletin import IssueContent, every_issue, issue_content, issues_with_records
from generator.editions.calendar import Episode, Issue
from generator.editions.composed import Composed, Edition
from generator.editions.ledger import Archive
from generator.editions.orders import Paper
from generator.editions.programme import episodes_with_records
from generator.errors import OutputError
from generator.files import write_atomic
from generator.records.catalog import Catalog
from generator.records.editorial import EPISODE_ID, ISSUE_ID
from generator.records.issued import Entry
from generator.records.memo import CACHE
from generator.records.public import Views
from generator.records.registry import Office
from generator.site.episodes import EpisodePage, aired_pages
from generator.site.precompress import gzip_stored

if TYPE_CHECKING:
    from generator.broadcast.build import Packing, Placed
    from generator.broadcast.pack import Pack
    from generator.bulletin.build import Printing

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
        """The project of `config_file`, read by mkdocs itself; rendered outputs are kept in `cache` (default: .cache beside it)."""
        from mkdocs.config import load_config  # mkdocs is slow to import: only once a command needs the project
        from mkdocs.exceptions import ConfigurationError

        from generator.site.plugin import plugin_of

        if not config_file.is_file():
            raise OutputError(f"{config_file}: not found (run from the project folder or pass --config)")
        try:
            config = load_config(str(config_file))
        except ConfigurationError as exc:
            raise OutputError(f"{config_file}: {exc}") from None
        root = cache if cache is not None else config_file.parent / CACHE
        theme = plugin_of(config).theme_dir(config)
        return cls(config_file, config.site_url or "/", theme, Path(config.docs_dir), Cache(root))


SITE = "site"
"""The site's folder in a build."""
SITE_KEY = ".site-key"
"""Beside it, the key it was built for: the next build takes the site whole while its key is the same."""
PREVIEW_DAYS = 7
"""A full build makes the packs airing in the last week and later for airing (preview video,
printed host's script, zip): producers check what is about to air and the station fetches it; the
archive's packs keep slides, captions, timelines and rundown."""

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


def edition(text: str, as_of: dt.date) -> Episode | Issue:
    """An episode (2017-W50) or a bulletin issue (2017-23) named by the user, begun by `as_of`."""
    if EPISODE_ID.match(text):
        return _edition(Episode.parse, text, as_of)
    if ISSUE_ID.match(text):
        return _edition(Issue.parse, text, as_of)
    raise OutputError(f"'{text}' is neither an episode like 2017-W50 nor a bulletin issue like 2017-23")


def bulletins(views: Views, as_of: dt.date, issue: str | None = None) -> list[IssueContent]:
    """The issues to print, each as it stood on the date it speaks for: one by id, or every issue with records up to `as_of`."""
    if issue is None:
        return issues_with_records(views, as_of)
    return [issue_content(views, _edition(Issue.parse, issue, as_of), as_of)]


def start_bulletins(contents: list[IssueContent], views: Views, project: Project, out: Path, pool: Executor) -> Printing:
    """The issues handed to `pool` to print into `out` (those not in the cache): `Printing.placed` waits for them."""
    from generator.bulletin.build import start_issues  # WeasyPrint loads only when printing
    from generator.paper.layout import Layout

    layout = Layout.of(project.theme, "bulletin")
    return start_issues(contents, views.catalog.office, layout, project.site_url, out, project.cache, pool)


def build_bulletins(contents: list[IssueContent], views: Views, project: Project, out: Path, pool: Executor) -> Built[Path]:
    return start_bulletins(contents, views, project, out, pool).placed()


ORDERS = "orders"
"""The office papers' folder under OUT, and their theme folder: never part of the public site."""


def build_orders(papers: list[Paper], office: Office, project: Project, out: Path, pool: Executor) -> Built[Path]:
    """Case papers (orders, 销号 notices) into `out`, rendered in `pool` unless cached; returns the PDFs."""
    from generator.orders.build import build_papers  # WeasyPrint loads only when printing
    from generator.paper.layout import Layout

    return build_papers(papers, office, Layout.of(project.theme, ORDERS), project.site_url, out, project.cache, pool)


def offer_orders(archive: Archive, entries: list[Entry], out: Path) -> list[Path]:
    """Put each issued paper's sealed PDF and HTML into `out`, byte for byte as sent; returns the PDFs.

    Copied, not linked: nothing done to an output can reach the archive.
    """
    pdfs = []
    for entry in entries:
        for name in entry.files:
            write_atomic(out / Path(name).name, archive.read(entry, name))
        pdfs.extend(out / Path(name).name for name in entry.files if name.endswith(".pdf"))
    return pdfs


def episodes(views: Views, as_of: dt.date, episode: str | None = None, composed: Composed | None = None) -> list[Episode]:
    """The episodes to pack: one by id, or every episode whose week has records up to `as_of` (see `episodes_with_records`)."""
    if episode is None:
        return episodes_with_records(views, as_of, composed)
    return [_edition(Episode.parse, episode, as_of)]


def airing(chosen: list[Episode], as_of: dt.date) -> set[str]:
    """The episodes a full build makes for airing: those airing from PREVIEW_DAYS before `as_of` on, and the newest in any case.

    The newest pack is the one the station fetches by its fixed addresses
    (episode/latest/pack.zip), however long ago it aired.
    """
    recent = {episode.id for episode in chosen if episode.air_date >= as_of - dt.timedelta(days=PREVIEW_DAYS)}
    return recent | {max(chosen, key=lambda episode: episode.air_date).id} if chosen else recent


def build_episodes(
    views: Views, chosen: list[Episode], as_of: dt.date, project: Project, out: Path, on_air: set[str], previews: set[str],
    pool: Executor,
) -> Built[Placed]:
    """The packs of `chosen`, each planned from the public view on the date it speaks for; those in `on_air` made for
    airing, those in `previews` with a preview video."""
    return start_episodes(views, chosen, as_of, project, out, on_air, previews, pool).placed()


def start_episodes(
    views: Views, chosen: list[Episode], as_of: dt.date, project: Project, out: Path, on_air: set[str], previews: set[str],
    pool: Executor, composed: Composed | None = None, spare: Path | None = None,
) -> Packing:
    """`build_episodes`, handed to `pool`: each rundown taken from `composed` while its view is unchanged, and the packs
    that `spare` (the packs' folder of an earlier build set aside) holds unchanged moved from there; `Packing.placed`
    waits for them."""
    from generator.broadcast.build import start_packs  # the rundowns and their slides: only when packing
    from generator.broadcast.rundown import Rundown, plan

    def planned(episode: Episode) -> Edition[Rundown]:
        day = episode.on(as_of)
        return Composed.lazy(composed, views, day, f"rundown {episode.id} {project.site_url}", lambda: plan(views.on(day), episode, project.site_url))

    rundowns = [(episode, planned(episode)) for episode in chosen]
    return start_packs(rundowns, out, project.theme / "broadcast", project.cache, on_air, previews, pool, spare)


def offer_bulletins(catalog: Catalog, archive: Archive, as_of: dt.date, out: Path, only: str | None = None) -> list[Path]:
    """Put the public copy of every issued bulletin (or of issue `only`) into OUT, byte for byte as sealed; returns the PDFs.

    Copied, not linked: nothing done to an output can reach the archive.
    """
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for original in archive.originals("bulletin"):
        if only is not None and original.edition != only:
            continue
        copy = withdrawals.public_copy(archive, original, catalog, as_of)
        for suffix in (".pdf", ".html"):
            name = next(name for name in copy.files if name.endswith(f"/{copy.edition}{suffix}"))
            (out / f"{copy.edition}{suffix}").write_bytes(archive.read(copy, name))
        pdfs.append(out / f"{original.edition}.pdf")
    return pdfs

def pack_warnings(packs: list[Pack]) -> list[str]:
    """What the producer should hear about the packs: items whose spoken text overruns the length set for them."""
    from generator.broadcast.rundown import overruns

    return [f"warning: {line}" for pack in packs for line in overruns(pack.rundown)]


def episode_page(pack: Pack) -> EpisodePage:
    """What the site shows of a pack (its rundown without the producer's notes)."""
    from generator.captions import timecode

    return EpisodePage(
        pack.rundown.episode.id,
        pack.rundown.episode.air_date,
        timecode(pack.rundown.frames),
        [{key: value for key, value in row.items() if key != strings.STATION["note"]} for row in pack.rows],
        [f"thumbs/{Path(frame.path).stem}.jpg" for frame in pack.slides],
        [(timecode(cue.start), " ".join(cue.lines)) for cue in pack.rundown.cues],
        zipped=pack.archive is not None,
    )


SHOWN = "shown"
"""The notes' kind for what the site shows of a pack and what the producer hears of it (`shown`)."""


def shown_by(placed: Placed) -> tuple[EpisodePage, list[str]]:
    """What the site shows of a pack and what the producer hears of it, read back from its entry."""
    pack = placed.pack()
    return episode_page(pack), pack_warnings([pack])


def shown(packs: list[Placed], cache: Cache, pool: Executor) -> Callable[[], list[tuple[EpisodePage, list[str]]]]:
    """Each pack's episode page and warnings, noted by the pack's key: a rebuild reads one file, not 522 Packs.

    A pack not noted yet (one just drawn) is read back in `pool`, whose
    workers have the pack's modules loaded: importing them here took 0.4 s of
    a build after one edit. Call the result for the pages (it waits for
    those reads and saves the notes).
    """
    notes: Notes[tuple[EpisodePage, list[str]]] = cache.notes(SHOWN)
    reading = {placed.key: pool.submit(shown_by, placed) for placed in packs if placed.key not in notes}

    def pages() -> list[tuple[EpisodePage, list[str]]]:
        found = [notes.get(placed.key, lambda placed=placed: reading[placed.key].result()) for placed in packs]
        notes.save()
        return found

    return pages


LATEST = "latest"
"""episode/latest/ on the site: the newest pack's page, zip and manifest, at addresses that never change."""
LATEST_ZIP = "pack.zip"


def publish_pack(pack: Placed, site: Path, spare: Path | None = None) -> None:
    """Put a pack's manifest, slide thumbnails and (made for airing) zip where its site page links to them; its thumbnails
    moved from `spare` (the site of an earlier build set aside) when that holds them unchanged."""
    folder = site / "episode" / pack.episode.id
    thumbs = Path("episode") / pack.episode.id / "thumbs"
    place_again(pack.thumbs, site / thumbs, spare / thumbs if spare is not None else None)
    place(pack.folder / "manifest.json", folder / "manifest.json")
    if pack.archive is not None:
        place(pack.archive, site / "episode" / pack.archive.name)


def publish_latest(packs: list[Placed], site: Path) -> None:
    """The newest pack's zip and manifest under episode/latest/, for the station to fetch by a fixed URL."""
    if not packs:
        return
    newest = max(packs, key=lambda pack: pack.episode.air_date)
    assert newest.archive is not None, "a full build makes the newest pack for airing (see `airing`)"
    place(newest.archive, site / "episode" / LATEST / LATEST_ZIP)
    place(newest.folder / "manifest.json", site / "episode" / LATEST / "manifest.json")


def build_site_cached(
    views: Views, as_of: dt.date, project: Project, out: Path, shows: list[EpisodePage], issues: list[IssueContent],
    corrected: list[corrections.Issued], pool: Executor, composed: Composed, published: Path | None, spare: Path | None = None,
) -> bool:
    """The site in `out`/site, rendered only when something it shows has changed; True when rendered.

    Keyed like bulletins and packs, by everything the pages are made of: the
    published records, the programme archive, the hand-written pages,
    mkdocs.yml, the theme, the toolchain and the build date (mkdocs dates the
    sitemap). When the build `published` (the one `out` replaces) has the
    same key, its site is placed whole; otherwise mkdocs writes the site
    straight into `out`, its pages mostly placed from the page store: a
    ten-thousand-folder tree is made once per build, not once in the cache
    and again here, and the stored pages that `spare` (an earlier build set
    aside, `publish.spare`) holds unchanged are moved from its site instead.
    Bulletins and packs are placed into it afterwards. The records' part is
    taken from `composed` while the files it was made from are unchanged.
    """
    from mkdocs.utils import get_build_date  # mkdocs is slow to import: only when building the site

    from generator.site.build import build_site

    view = views.on(as_of)

    def public() -> str:
        return digest(view.office, view.units, list(view.records.values()), view.editorial)  # records: their public data

    with processes.lasting():  # the public copies of every record, which the site's pages show
        records = composed.get(views, as_of, "site", public)
    key = digest(
        SITE, toolchain(), tree(project.theme), tree(project.docs), project.config_file.read_bytes().hex(), get_build_date(),
        as_of, records, shows, issues, corrected,
    )
    site = out / SITE
    if published is not None and _site_key(published) == key and (published / SITE).is_dir():
        place(published / SITE, site)
        fresh = False
    else:
        build_site(views.catalog, as_of, project.config_file, site, shows, issues, corrected, pool, project.cache, views,
                   spare / SITE if spare is not None else None)
        fresh = True
    write_atomic(out / SITE_KEY, key.encode())
    return fresh


def _site_key(build: Path) -> str | None:
    """The key of the site in the build `build` (None for a build from before keys were kept there)."""
    try:
        return (build / SITE_KEY).read_text()
    except OSError:
        return None


def build_all(
    catalog: Catalog, as_of: dt.date, project: Project, out: Path, step: Step, published: Path | None = None, spare: Path | None = None,
) -> Iterator[str]:
    """Build every output into `out`, yielding a line per output for the user; `published` is the build `out` replaces,
    `spare` an earlier one set aside for the site's unchanged pages to be moved from (`publish.spare`).

    The caller holds the cache in use (`Cache.in_use`) for the whole build.
    """
    with processes.lasting():  # the records by kind, read for the views
        views = Views(catalog, as_of)
    archive = Archive(catalog.issued, as_of)
    composed = Composed.open(project.cache.root, toolchain())
    with processes.pool() as pool:
        with step("TV rundowns"), processes.lasting():  # the rundowns, composed or unpickled, live until the packs are placed
            aired = archive.originals("episode")
            chosen = [episode for episode in episodes(views, as_of, composed=composed) if episode.id not in {entry.edition for entry in aired}]
            current = airing(chosen, as_of)
            packing = start_episodes(
                views, chosen, as_of, project, out / "broadcast", current, current, pool, composed, spare / "broadcast" if spare is not None else None,
            )
        # the bulletins' contents are composed while the pool starts (its fork server is still importing the drawing
        # libraries) and draws the packs: the site waits for both
        try:
            with step("bulletin contents"), processes.lasting():  # the issues, which live until they are printed
                contents = every_issue(views, archive, as_of, composed)
                issued = {entry.edition for entry in archive.originals("bulletin")}
            with step("TV packs"):
                drawn = packing.placed()
        except BaseException:
            packing.cancel()
            raise
        reading = shown(drawn.outputs, project.cache, pool)  # before the bulletins, which would keep both workers busy
        # printed in the pool while the site is made, which needs their contents, not their PDFs; handed to it after the
        # packs, whose pages the site waits for: the pool's first task also waits for its workers to start
        printing = start_bulletins([c for c in contents if c.issue.id not in issued], views, project, out / "bulletins", pool)
        try:
            yield f"TV packs: {drawn.summary('episodes')}; {len(aired)} aired and issued (pages from their sealed text) in {out / 'broadcast'}"
            packs = drawn.outputs
            pages = reading()
            for _, warnings in pages:
                yield from warnings
            shows = aired_pages(catalog, archive, as_of) + [page for page, _ in pages]
            with step("site"):
                fresh = build_site_cached(
                    views, as_of, project, out, shows, contents, corrections.issued(archive), pool, composed, published, spare,
                )
                composed.save()
                for pack in packs:
                    publish_pack(pack, out / "site", spare / SITE if spare is not None else None)
                publish_latest(packs, out / "site")
        except BaseException:
            printing.cancel()
            raise
        with step("bulletins"):
            printed = printing.placed()
            sealed = offer_bulletins(catalog, archive, as_of, out / "bulletins")
            downloads = out / "site" / "bulletin"
            downloads.mkdir(parents=True, exist_ok=True)
            shared = project.cache.shared()
            for pdf in printed.outputs + sealed:  # the site's bulletin archive offers both the print file and its HTML twin
                place(pdf, downloads / pdf.name)
                place(pdf.with_suffix(".html"), downloads / pdf.with_suffix(".html").name)
                gzip_stored(downloads / pdf.with_suffix(".html").name, shared)  # like every text file the site build wrote
        yield f"bulletins: {printed.summary('issues')} and {len(sealed)} issued in {out / 'bulletins'}"
    yield f"site: {'rendered' if fresh else 'unchanged'} in {out / 'site'}"
    if project.cache.prune() is None:  # every issue and episode was just built: whatever else is stored is stale
        yield "cache: in use by another build; stale entries are left for a later build to remove"
