"""mkdocs plugin `safety365`: the public site's pages, generated in memory from the records.

A thin adapter between mkdocs and `pages.py`, which makes every page as data
without knowing mkdocs. On every build it loads and validates the records (a
broken record stops the build with the same `path:line:col` problems
`safety365 check` prints), keeps what is public on the build date, and adds a
generated `File` per listed page (`on_files`), plus charts, sharing cards,
downloads and the feed. A page's content is its content template
(`theme/s365/`) rendered in an overlay of the theme's own Jinja environment
and handed to mkdocs in `on_page_context`, before Material indexes it. Record
pages stay out of the navigation: only sections are listed. Last, every text
file gets a gzip copy beside it.

mkdocs renders the listed pages; every unlisted one (records, units,
bulletin issues, episodes), its sharing card and the charts are rendered by
the build's worker processes meanwhile (`workers.py`) and kept in the render
cache by what they are made of (`store.py`), so a rebuild renders only the
pages an edit reached. The listed pages' contents, the open data and the
feed are kept there the same way. A caller that has loaded the records already
(`safety365 build`, the preview) hands them over through `provide`; a plain
`mkdocs build` reads them itself and starts its own workers.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_build_date

from generator import processes
from generator.cache import Cache, Notes, place
from generator.cards import Card
from generator.cards import draw as draw_card
from generator.charts import Chart, Frame
from generator.clock import today
from generator.editions import corrections
from generator.editions.bulletin import IssueContent, every_issue
from generator.editions.corrections import Issued
from generator.editions.ledger import Archive
from generator.errors import OutputError, RecordsError
from generator.identity import per_object
from generator.records import loader
from generator.records.catalog import Catalog
from generator.records.public import PublicView, Views
from generator.site import search, workers
from generator.site import store
from generator.site.assets import FEED, download_files, downloads, site_charts
from generator.site.episodes import EpisodePage, aired_pages
from generator.site.pages import Made, Page, Site
from generator.site.precompress import gzip_copy, precompress
from generator.site.render import Lookups, environment, front_matter, to_html
from generator.site.sharing import card_path
from generator.stats import monthly

TEMPLATES = "s365"
"""Folder of the content templates inside the project's theme folder."""
PREVIEW_SCRIPT = "assets/javascripts/s365-preview.js"
"""In the theme folder and the site alike."""
PLACING = 1000
"""Stored pages placed per batch: placing begins while the later pages' keys are still being made."""


def draw_svg(chart: Chart, frame: Frame) -> bytes:
    """Draw one chart; run in a worker process, so matplotlib loads there and not here."""
    from generator.drawing import render_svg

    return render_svg(chart, frame)


@dataclass
class _Deferred:
    """What is kept of an unlisted page for one site folder and address style (`deferred_file`)."""

    file: File
    page: MkDocsPage | None = None
    """The mkdocs page the sitemap gave the file (its address and date), and what that was made of (`made_for`)."""
    made_for: tuple[object, ...] = ()


@per_object
def _deferred(page: Page) -> dict[tuple[str, bool], _Deferred]:
    """What is kept of an unlisted page, by the site folder and the address style it was made for (`deferred_file`)."""
    return {}


def _kept(page: Page, config: MkDocsConfig) -> _Deferred:
    made, where = _deferred(page), (config.site_dir, config.use_directory_urls)
    found = made.get(where)
    if found is None:
        found = made[where] = _Deferred(File(
            page.src, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls, inclusion=InclusionLevel.NOT_IN_NAV,
        ))
    return found


def deferred_file(page: Page, config: MkDocsConfig) -> File:
    """The `File` of an unlisted page (its place in the site, its address), made once per page object and site folder.

    The editors' preview takes over the pages a save left alone as the very
    same objects (`pages.Made`) and builds into the same folder every time:
    making eight thousand `File`s and their places again was a tenth of a
    second of every save at ten years. mkdocs never reads these files; only
    the sitemap gives them pages, for as long as it renders (`sitemap_page`).
    """
    return _kept(page, config).file


def sitemap_page(page: Page, config: MkDocsConfig) -> File:
    """An unlisted page's `File` with an mkdocs page of its own (its address and date, as the sitemap shows them), made
    once per file and what that page is made of: a save that adds or removes a record makes the sitemap again, and
    eight thousand mkdocs pages made anew were a fifth of a second of it. Detach it once the sitemap is written."""
    kept = _kept(page, config)
    made_for = (config.site_url, config.repo_url, config.edit_uri, config.edit_uri_template, get_build_date())
    if kept.page is None or kept.made_for != made_for:
        kept.page, kept.made_for = MkDocsPage(None, kept.file, config), made_for
    kept.file.page = kept.page
    return kept.file


def plugin_of(config: MkDocsConfig) -> Safety365Plugin:
    """The safety365 plugin of a loaded mkdocs.yml."""
    plugin = config.plugins.get("safety365")
    if not isinstance(plugin, Safety365Plugin):
        raise OutputError(f"{config.config_file_path}: enable the safety365 plugin (plugins: - safety365)")
    return plugin


@dataclass(frozen=True)
class Inputs:
    """What a caller that has read the records already hands the plugin (`Safety365Plugin.provide`)."""

    catalog: Catalog
    as_of: dt.date
    episodes: list[EpisodePage] | None = None
    """The programme archive's pages (`safety365 build`: the aired episodes' and the TV packs' just written);
    None: the aired episodes' pages, from the archive."""
    issues: list[IssueContent] | None = None
    """The bulletin issues `safety365 build` has composed (and printed); composed here when None."""
    corrected: list[Issued] | None = None
    """Corrections printed in issued bulletins, for record pages and open data; read from the ledger when None."""
    pool: Executor | None = None
    """The build's worker processes; None: the plugin starts its own for the build."""
    precompress: bool | None = None
    """Overrides the `precompress` option (the preview serves files as they are)."""
    cache: Cache | None = None
    """Where pages and drawings are kept from build to build (`store.py`); None: this build only."""
    preview: bool = False
    """A build of the editors' preview: every page loads PREVIEW_SCRIPT, which shows the records' problems over it."""
    views: Views | None = None
    """The views of `catalog` the caller composed its editions from (their public copies and digests are made once);
    made here when None."""
    spare: Path | None = None
    """The site of an earlier build that is neither served nor kept for rollback (`publish.spare`): a stored page it
    holds as this build would place it is moved from there (`store.place_pages`); None: every page is placed anew."""
    made: Made | None = None
    """The record, unit and bulletin issue pages of the caller's last build, which this one takes over where their inputs
    are the same objects (`pages.Made`); None: every page is made."""
    keys: store.Keys | None = None
    """The pages' keys of the caller's last build, taken over for the pages taken over (`store.Keys`); None: every key
    is made."""
    holdings: store.Holdings | None = None
    """What the caller's site folders hold (`store.Holdings`): the spare's sections are moved whole when it is known what
    it holds, and this build's site is noted there (a build that writes no gzip copies); None: page by page."""


class Safety365Config(base.Config):
    records = c.Type(str, default="records")
    """Records folder, relative to mkdocs.yml."""
    theme = c.Type(str, default="theme")
    """The project's theme folder, relative to mkdocs.yml: content templates (s365/) and those of the print and TV outputs.
    Usually also the material theme's custom_dir, but the site builds without one (`theme: material`)."""
    as_of = c.Optional(c.Type((str, dt.date)))
    """Build as if on this date (YYYY-MM-DD); default: today, or SOURCE_DATE_EPOCH."""
    precompress = c.Type(bool, default=True)
    """Write a .gz copy of every text file for web servers that serve them (nginx gzip_static); the preview needs none."""


class Safety365Plugin(BasePlugin[Safety365Config]):
    provided: Inputs | None = None
    inputs: Inputs
    """This build's inputs: those provided, or read from the records folder and the options."""
    pages: dict[str, Page]
    """Every generated page of this build, by source path."""
    deferred: list[tuple[File, Page]]
    """The unlisted pages, which the workers render (or the cache holds): kept out of mkdocs' files, so mkdocs never
    reads, converts or indexes them (at ten thousand records that was most of a build after one edit)."""
    lean: list[tuple[str, str, str]]
    """(address, title, text) of the lean search entry of each listed page, which is not indexed whole (Material skips it)."""
    written: list[dict[str, str]]
    """Search entries of the hand-written pages, those Material's plugin makes: noted by their content, so a build
    whose pages are all as before segments nothing and never reads jieba's dictionary."""
    lookups: Lookups
    cards: list[tuple[str, Card]]
    """Sharing cards of the listed pages (the workers draw the others' with their pages)."""
    charts: list[tuple[str, Chart, Frame]]
    env: jinja2.Environment
    """The theme's environment mkdocs renders with (the sitemap is written with it again)."""
    content: jinja2.Environment
    """The content templates (theme/s365) in an overlay of this build's theme environment."""
    nav: Navigation
    ours: list[File]
    """The generated pages in the site's order, deferred ones included."""
    every_page: list[File]
    """All documentation pages, deferred ones included, for the sitemap."""
    cache: Cache
    keyed: list[str]
    """The key of each deferred page, by position."""
    todo: list[tuple[int, str]]
    """(position in `deferred`, key) of the pages the workers render: the others were stored."""
    found: list[list[dict[str, str]]]
    """The search entries of each deferred page, by position: the index lists them in that order, however they were made."""
    entries: Notes[Any]
    """Each stored page's search entries, by its key; the listed and hand-written pages' by `store.search_key`."""
    words: str
    """What jieba was taught (`search.words`), in the keys of the noted entries it segmented."""
    out: Path
    """Where the workers render, on the cache's file system, so storing a page is a rename."""
    placing: list[Future[list[str]]]
    """The stored pages being placed into the site (`store.place_pages`), batch by batch, by a process of their own."""
    rendered: list[tuple[range, Future[None]]]
    drawn: list[tuple[Path, str, Future[bytes]]]
    """(where in the site, key, drawing) of the charts and cards being drawn."""
    view: PublicView
    """The public view on the build date."""
    shown: list[Issued]
    """The corrections printed in issued bulletins."""
    frame: str
    """What every page's key shares (`store.frame_key`)."""
    compressed: set[str]
    """Paths of the downloads placed with their gzip copy: precompressing leaves them as they are."""
    placed: set[str]
    """Paths of the unlisted pages placed with their gzip copy: precompressing does not even list their folders, which
    hold nothing else (`store.place_page`)."""
    stack: ExitStack | None = None
    """The worker pool this build started (a plain mkdocs build) and the workers' setup folder, closed after the build."""

    def provide(self, inputs: Inputs) -> None:
        """Hand over the records already loaded, and what else the caller made, for every following build.

        Call after `mkdocs.config.load_config` and before `build`: Python
        objects cannot travel through mkdocs.yml's options.
        """
        self.provided = inputs

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.provided is not None:
            self.inputs = self.provided
        else:
            try:
                as_of = dt.date.fromisoformat(str(self.config.as_of)) if self.config.as_of else today()
            except ValueError:
                raise PluginError(f"safety365: as_of '{self.config.as_of}' is not a date like 2017-12-31") from None
            try:
                self.inputs = Inputs(loader.load(self.records_dir(config)), as_of)
            except RecordsError as exc:
                raise PluginError(f"the records have problems:\n{exc}") from None
        search.teach(self.inputs.catalog.units)
        if self.inputs.preview and PREVIEW_SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(PREVIEW_SCRIPT)
        if not (self.theme_dir(config) / TEMPLATES).is_dir():
            raise PluginError(f"safety365: no content templates in {self.theme_dir(config) / TEMPLATES} (plugin option 'theme')")
        return config

    def records_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.records

    def theme_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.theme

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        inputs = self.inputs
        catalog, as_of = inputs.catalog, inputs.as_of
        views = inputs.views if inputs.views is not None else Views(catalog, as_of)
        view = views.on(as_of)
        archive = Archive(catalog.issued, as_of)
        issues = inputs.issues if inputs.issues is not None else every_issue(views, archive, as_of)
        shown = inputs.corrected if inputs.corrected is not None else corrections.issued(archive)
        # a plain mkdocs build has no packs; the aired episodes' text is in the archive
        episodes = inputs.episodes if inputs.episodes is not None else aired_pages(catalog, archive, as_of)
        self.lookups = Lookups.of(view)
        self.pages, self.deferred, self.lean, self.written, self.cards = {}, [], [], [], []
        per_month = monthly(view)
        self.charts = list(site_charts(view, per_month))
        self.ours = []
        for page in Site(view, per_month, issues, episodes, shown, inputs.made).pages():
            self.pages[page.src] = page
            if not page.listed:  # never mkdocs' to read: the workers render it from `page`
                file = deferred_file(page, config)
                self.deferred.append((file, page))
                self.ours.append(file)
                continue
            file = File.generated(config, page.src, content=front_matter(page))
            files.append(file)
            self.ours.append(file)
            if page.card is not None:
                self.cards.append((card_path(page.url), page.card))
            if page.search is not None:
                self.lean.append((page.url, page.title, page.search))
        self.view, self.shown = view, shown
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)  # last: the content overlay shares what every plugin has added to the theme's environment
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every page is read: place the stored pages and drawings, hand the others to the workers."""
        self.stack = stack = ExitStack()  # closed in reverse: the pool (if ours) stops before its folders go
        self.rendered = []  # what `on_build_error` cancels: nothing yet, should this event fail before the workers start
        templates = self.theme_dir(config) / TEMPLATES
        cache = self.cache = self.inputs.cache or Cache(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="safety365-site-"))))
        compiled = env.bytecode_cache = cache.compiled()  # before the overlay, which shares it; mkdocs renders with this very environment
        self.env = env
        self.content = environment(env, templates, self.lookups)
        self.every_page = [file for file in files.documentation_pages() if file.src_uri not in self.pages] + self.ours
        script = files.get_file_from_path(PREVIEW_SCRIPT)  # the theme's files are in by now
        if script is not None and not self.inputs.preview:
            files.remove(script)  # the published site has no use for it
        elif script is None and self.inputs.preview:  # a theme without our folder as custom_dir
            files.append(File.generated(config, PREVIEW_SCRIPT, abs_src_path=str(self.theme_dir(config) / PREVIEW_SCRIPT)))
        self.out = cache.scratch()
        stack.callback(shutil.rmtree, self.out, ignore_errors=True)
        pool = self.inputs.pool if self.inputs.pool is not None else stack.enter_context(processes.pool())
        site = Path(config.site_dir)
        frame = self.frame = store.frame_key(Path(config.config_file_path), self.theme_dir(config), self.inputs.as_of, self.lookups.office, self.inputs.preview)
        self.found = [[] for _ in self.deferred]
        self.entries = cache.notes(store.PAGE)
        self.words = search.words(self.inputs.catalog.units)
        self.todo, self.compressed, self.placed = [], set(), set()
        site_dir, spare = os.path.normpath(config.site_dir), os.fspath(self.inputs.spare) if self.inputs.spare is not None else None
        moved = self.move_sections(site_dir, spare)  # before anything is written here
        self.place_downloads(site, config.site_url or "/")
        # placing ten thousand stored pages is mostly system calls: a thread of this process making them held up mkdocs here
        # by about a second, so a process of their own makes them, a batch as soon as its pages' keys are known; with the
        # spare's sections moved whole, the few pages left are placed here
        placer = stack.enter_context(processes.pool(1)) if moved is None else None
        place = functools.partial(store.place_pages, compressed=self.precompressing(), site=site_dir, spare=spare)
        stored: list[tuple[str, str, str | None]] = []
        self.placing, self.keyed = [], []
        keys = self.inputs.keys
        if keys is not None:
            keys.begin()
        for position, (_, page) in enumerate(self.deferred):
            key = store.page_key(frame, page, self.lookups) if keys is None else keys.key(frame, page, self.lookups)
            self.keyed.append(key)
            entry = cache.entry(store.PAGE, key)
            if entry is None:
                self.todo.append((position, key))
            else:
                self.found[position] = self.entries_of(entry, key)
                if moved is not None and moved.get(page.url) == key:
                    del moved[page.url]  # moved with its section, as it is to be
                else:
                    stored.append(self.stored_page(entry, position, site))
            if placer is not None and len(stored) == PLACING:
                self.placing.append(placer.submit(place, stored))
                stored = []
        if moved and spare is not None:  # moved with their sections, but other pages now, or none
            for url in moved:
                store.set_aside(os.path.join(site_dir, url.rstrip("/")), spare)
        if placer is not None:
            self.placing.append(placer.submit(place, stored))
        else:
            self.placed.update(place(stored))
        listed = {src: front_matter(page) for src, page in self.pages.items() if page.listed}
        todo = [self.deferred[position][1] for position, _ in self.todo]
        # only the records those pages may look up: all ten thousand were a third of a second to pickle here and a fifth to
        # read back there, for the handful of pages an edit reaches
        lookups = self.lookups.only(store.wanted(todo))
        setup = workers.Setup(
            str(config.config_file_path), str(config.site_dir), workers.scripts(config), str(templates), listed, lookups, self.inputs.catalog.units,
            todo, str(self.out), self.precompressing(), compiled,
        )
        self.rendered = workers.start(pool, setup)
        self.drawn = []
        for path, chart, size in self.charts:
            self.draw(pool, site / path, store.drawing_key(chart, size), draw_svg, chart, size)
        for path, card in self.cards:
            self.draw(pool, site / path, store.drawing_key(card), draw_card, card)
        return env

    def move_sections(self, site: str, spare: str | None) -> dict[str, str] | None:
        """The spare's sections moved whole into `site` when the caller knows what it holds (`store.Holdings`): the
        addresses moved, with the key of the page each holds; None: the stored pages are placed page by page."""
        holdings = self.inputs.holdings
        if holdings is None or spare is None or self.precompressing():  # its pages' gzip copies are not noted
            return None
        held = holdings.take(spare)
        return store.move_sections(spare, site, held) if held is not None else None

    def place(self, entry: Path, key: str, position: int, site: Path) -> list[dict[str, str]]:
        """Put a stored page (and its card) where it belongs in the site; its search entries."""
        self.placed.update(store.place_pages([self.stored_page(entry, position, site)], self.precompressing(), os.fspath(site), None))
        return self.entries_of(entry, key)

    def entries_of(self, entry: Path, key: str) -> list[dict[str, str]]:
        """The search entries of the stored page `key`, from the notes on pages (read out of its entry the first time)."""
        found: list[dict[str, str]] = self.entries.get(key, lambda: store.read_entries(entry))
        return found

    def stored_page(self, entry: Path, position: int, site: Path) -> tuple[str, str, str | None]:
        """(entry, target, card) of the stored page at `position` in `deferred`, as `store.place_pages` takes it: the card's
        place is None when the page shows the site's card."""
        file, page = self.deferred[position]
        card = os.path.join(site, card_path(page.url)) if page.card is not None else None
        return os.fspath(entry), file.abs_dest_path, card

    def place_downloads(self, site: Path, site_url: str) -> None:
        """Put the open data and the feed into the site: each download made (with its gzip copy) when what it shows changed, else placed.

        Ten thousand records are ten megabytes of JSON and CSV, half a second
        to write out at every build; an edit reaches one kind's tables and
        perhaps the feed.
        """
        compressed = self.precompressing()
        for name, shown in downloads(self.view, self.shown).items():

            def make(scratch: Path, name: str = name, shown: list[Any] = shown) -> None:
                for path, content in download_files(name, shown, self.view, site_url):
                    (scratch / path).parent.mkdir(parents=True, exist_ok=True)
                    (scratch / path).write_bytes(content)
                    if compressed:
                        gzip_copy(scratch / path)

            feed = (self.view.on, self.view.office, site_url) if name == FEED else ()  # the feed names the office, its address and a date
            entry = self.cache.keep(store.DOWNLOADS, store.drawing_key(store.DOWNLOADS, name, shown, compressed, *feed), make)
            place(entry, site)
            self.compressed.update(str(site / gz.relative_to(entry).with_suffix("")) for gz in entry.rglob("*.gz"))

    def content_of(self, ours: Page) -> str:
        """A listed page's content, from the store while what it is made of is unchanged (its lists run to thousands of rows)."""
        def make(scratch: Path) -> None:
            (scratch / store.HTML).write_text(to_html(self.content, ours), encoding="utf-8")

        entry = self.cache.keep(store.CONTENT, store.page_key(self.frame, ours, self.lookups), make)
        return (entry / store.HTML).read_text(encoding="utf-8")

    def draw(self, pool: Executor, target: Path, key: str, drawer: Callable[..., bytes], *args: object) -> None:
        """Place a stored drawing at `target`, or draw it in the workers."""
        entry = self.cache.entry(store.DRAWING, key)
        if entry is not None:
            place(entry / store.DRAWN, target)
        else:
            self.drawn.append((target, key, pool.submit(drawer, *args)))

    @event_priority(50)  # before Material's search indexes the page
    def on_page_context(self, context: Any, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> Any:
        ours = self.pages.get(page.file.src_uri)
        if ours is not None:
            page.content = self.content_of(ours)
        elif not (page.meta.get("search") or {}).get("exclude"):  # a hand-written page, indexed whole: noted by what it is
            key = store.search_key(self.words, page.url, page.title, page.meta, page.content)
            self.written.extend(self.entries.get(key, lambda: search.whole(page)))
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # Material would index it again
        return context

    @event_priority(100)  # first: the search plugin writes its index after this
    def _collect(self, *, config: MkDocsConfig) -> None:
        """Store and place the workers' pages and drawings, add the lean search entries, write a sitemap of every page."""
        assert self.stack is not None
        site, cache = Path(config.site_dir), self.cache
        with self.stack:
            for batch in self.placing:
                self.placed.update(batch.result())
            for chunk, task in self.rendered:
                task.result()
                for number in chunk:
                    position, key = self.todo[number]
                    self.found[position] = self.place(cache.commit(store.PAGE, key, self.out / str(number)), key, position, site)
            for target, key, future in self.drawn:
                scratch = cache.scratch()
                (scratch / store.DRAWN).write_bytes(future.result())
                place(cache.commit(store.DRAWING, key, scratch) / store.DRAWN, target)
            self.sitemap(config)  # while the cache is open (a plain mkdocs build's is a temporary folder)
            if self.inputs.holdings is not None and not self.precompressing():
                self.inputs.holdings.record(config.site_dir, {page.url: key for (_, page), key in zip(self.deferred, self.keyed, strict=True)})
            lean = [self.entries.get(store.search_key(self.words, *parts), functools.partial(search.entry, *parts)) for parts in self.lean]
            self.entries.save()
        self.stack = None
        search_plugin = config.plugins.get("material/search")
        index = getattr(search_plugin, "search_index", None)  # Material's index, None without search
        if index is not None:
            index.entries.extend(lean + self.written + [entry for entries in self.found for entry in entries])

    def sitemap(self, config: MkDocsConfig) -> None:
        """Write the theme's sitemap again with every page: mkdocs wrote it before the pages, without the workers' ones.

        Kept by the pages it lists, the frame and the build date (each page's
        `lastmod`): ten thousand mkdocs `Page`s for the addresses are made
        only when a page came or went.
        """
        name = "sitemap.xml"
        if name not in config.theme.static_templates:
            return

        def make(scratch: Path) -> None:
            for _, page in self.deferred:  # mkdocs never read them: their address and date, for this build
                sitemap_page(page, config)
            try:
                context = get_context(self.nav, self.every_page, config)
                context = config.plugins.on_template_context(context, template_name=name, config=config)
                output = self.env.get_template(name).render(context)
                output = config.plugins.on_post_template(output, template_name=name, config=config)
            finally:  # a deferred file outlives its build (`deferred_file`), not as a page of it
                for file, _ in self.deferred:
                    file.page = None
            (scratch / name).write_bytes(output.encode("utf-8"))

        key = store.drawing_key(store.SITEMAP, self.frame, get_build_date(), [file.src_uri for file in self.every_page])
        place(self.cache.keep(store.SITEMAP, key, make) / name, Path(config.site_dir) / name)

    def precompressing(self) -> bool:
        """Whether this build writes gzip copies (the option, unless the caller says otherwise)."""
        return self.inputs.precompress if self.inputs.precompress is not None else self.config.precompress

    @event_priority(-100)  # last: every file of the site is written, the search index too
    def _precompress(self, *, config: MkDocsConfig) -> None:
        if self.precompressing():
            whole = frozenset(os.path.dirname(page) for page in self.placed)
            shared = self.cache.shared() if self.inputs.cache is not None else None  # a plain mkdocs build's cache is gone by now
            precompress(Path(config.site_dir), shared, frozenset(self.compressed), whole)

    on_post_build = CombinedEvent(_collect, _precompress)

    def on_build_error(self, *, error: Exception) -> None:
        if self.stack is not None:
            for _, task in self.rendered:
                task.cancel()
            self.stack.close()
            self.stack = None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.records_dir(config)))
        return server
