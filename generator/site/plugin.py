"""mkdocs plugin `safety365`: the public site's pages, generated in memory from the records.

On every build it loads and validates the records (a broken record stops the
build with the same `path:line:col` problems `safety365 check` prints), keeps
what is public on the build date, and adds one generated page per record and
per board, plus charts, sharing cards, downloads and the feed. Record pages
stay out of the navigation: only sections are listed. `mkdocs serve` rebuilds
on record edits. Last, every text file gets a gzip copy beside it.

mkdocs renders the listed pages; the unlisted ones (records, units, issues,
episodes: nearly all of them), their sharing cards and the charts are
rendered by forked workers meanwhile (`workers.py`). Record and unit pages are
indexed for search by their title and gist rather than their whole text.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import jinja2

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.commands.build import _build_theme_template  # pinned below 1.7, as in workers.py
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.cards import Card
from generator.cards import draw as draw_card
from generator.charts import Chart, Frame
from generator.clock import today
from generator.errors import OutputError, RecordsError
from generator.records import loader
from generator.records.catalog import Catalog
from generator.editions import corrections
from generator.editions.bulletin import IssueContent, every_issue
from generator.editions.corrections import Issued
from generator.editions.ledger import Archive
from generator.records.public import Views
from generator.site import search, workers
from generator.site.assets import site_charts, site_files
from generator.site.episodes import EpisodePage, aired_pages
from generator.site.pages import Page, Site, record_pages
from generator.site.precompress import precompress
from generator.site.render import environment, front_matter, to_html
from generator.site.sharing import card_path
from generator.stats import Monthly, monthly

TEMPLATES = "s365"
"""Folder of the content templates inside the project's theme folder."""


def draw_svg(chart: Chart, frame: Frame) -> bytes:
    """Draw one chart; run in a worker process, so matplotlib loads there and not here."""
    from generator.drawing import render_svg

    return render_svg(chart, frame)


def plugin_of(config: MkDocsConfig) -> Safety365Plugin:
    """The safety365 plugin of a loaded mkdocs.yml."""
    plugin = config.plugins.get("safety365")
    if not isinstance(plugin, Safety365Plugin):
        raise OutputError(f"{config.config_file_path}: enable the safety365 plugin (plugins: - safety365)")
    return plugin


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
    catalog: Catalog | None = None
    """Set by `safety365 build`, which has loaded the records already."""
    as_of: dt.date | None = None
    episodes: list[EpisodePage] | None = None
    """Summaries of the TV packs `safety365 build` has written, for the programme archive."""
    issues: list[IssueContent] | None = None
    """The bulletin issues `safety365 build` has composed (and printed); composed here when None."""
    corrected: list[Issued] | None = None
    """Corrections printed in issued bulletins, for record pages and open data; read from the ledger here when None."""
    shown_corrections: list[Issued]
    """The corrections this build showed (for the preview's partial re-renders)."""
    content: jinja2.Environment
    """The content templates (theme/s365), bound to this build's view and date."""
    html: dict[str, str]
    """Rendered content of each listed page, by source path."""
    record_pages: set[str]
    """URLs of the record pages built: the preview builds again when this set changes."""
    lean: list[dict[str, str]]
    """Search entries of the listed pages not indexed whole (mkdocs renders those; Material skips them)."""
    deferred: list[tuple[File, Page]]
    """The unlisted pages, which the workers render."""
    charts: list[tuple[str, Chart, Frame]]
    nav: Navigation
    pool: ProcessPoolExecutor | None = None
    rendered: list[Future[list[dict[str, str]]]]
    """Deferred pages being rendered: each task's search entries."""
    drawn: list[tuple[str, Future[bytes]]]
    """Charts and the listed pages' sharing cards being drawn, by site path."""
    cards: list[tuple[str, Card]]
    """Sharing cards of the listed pages (the workers draw the others' with their pages)."""
    every_page: Files
    """All documentation pages, deferred ones included, for the sitemap."""
    per_month: Monthly
    job: workers.Job
    """What the workers rendered with; kept after the build for the preview's partial re-renders."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.as_of is None:
            try:
                self.as_of = dt.date.fromisoformat(str(self.config.as_of)) if self.config.as_of else today()
            except ValueError:
                raise PluginError(f"safety365: as_of '{self.config.as_of}' is not a date like 2017-12-31") from None
        if self.catalog is None:
            try:
                self.catalog = loader.load(self.records_dir(config))
            except RecordsError as exc:
                raise PluginError(f"the records have problems:\n{exc}") from None
        search.teach(self.catalog.units)
        if not (self.theme_dir(config) / TEMPLATES).is_dir():
            raise PluginError(f"safety365: no content templates in {self.theme_dir(config) / TEMPLATES} (plugin option 'theme')")
        return config

    def records_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.records

    def theme_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.theme

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None and self.as_of is not None
        views = Views(self.catalog, self.as_of)
        view = views.on(self.as_of)
        archive = Archive(self.catalog.issued, self.as_of)
        issues = self.issues if self.issues is not None else every_issue(views, archive, self.as_of)
        self.shown_corrections = self.corrected if self.corrected is not None else corrections.issued(archive)
        # a plain mkdocs build has no packs; the aired episodes' text is in the archive
        episodes = self.episodes if self.episodes is not None else aired_pages(self.catalog, archive, self.as_of)
        self.content = environment(self.theme_dir(config) / TEMPLATES, view)
        self.html, self.deferred, self.lean, self.cards = {}, [], [], []
        self.record_pages = record_pages(view)
        self.per_month = per_month = monthly(view)
        self.charts = list(site_charts(view, per_month))
        for page in Site(view, per_month, issues, episodes, self.shown_corrections).pages():
            inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src, content=front_matter(page), inclusion=inclusion)
            files.append(file)
            if page.listed:
                self.html[page.src] = to_html(self.content, page)
                if page.card is not None:
                    self.cards.append((card_path(page.url), page.card))
                if page.search is not None:
                    self.lean.append(search.entry(page.url, page.title, page.search))
            else:
                self.deferred.append((file, page))
        for path, content in site_files(view, config.site_url or "/", self.shown_corrections):
            files.append(File.generated(config, path, content=content))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)  # last: the workers fork with the environment every plugin has seen
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every page is read: fork the workers, hand them the unlisted pages and the charts."""
        self.every_page = Files(list(files.documentation_pages()))
        for file, _ in self.deferred:
            files.remove(file)  # mkdocs renders the listed pages only
        search_plugin = config.plugins.get("material/search")
        job = self.job = workers.Job(
            config, self.nav, env, self.content, list(self.every_page), [(file.page, page) for file, page in self.deferred],
            getattr(search_plugin, "search_index", None),
        )
        self.pool, self.rendered = workers.start(job)
        self.drawn = [(path, self.pool.submit(draw_svg, chart, frame)) for path, chart, frame in self.charts]
        self.drawn += [(path, self.pool.submit(draw_card, card)) for path, card in self.cards]
        return env

    @event_priority(100)  # first: the search plugin writes its index after this
    def _collect(self, *, config: MkDocsConfig) -> None:
        """Collect the workers' pages' search entries, write the charts and a sitemap of every page."""
        assert self.pool is not None
        try:
            index = self.job.index
            if index is not None:
                index.entries.extend(self.lean)
            for task in self.rendered:
                entries = task.result()
                if index is not None:
                    index.entries.extend(entries)
            for path, future in self.drawn:
                target = Path(config.site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(future.result())
        finally:
            self.pool.shutdown()
            self.pool = None
        if "sitemap.xml" in config.theme.static_templates:
            _build_theme_template("sitemap.xml", self.job.theme, self.every_page, config, self.nav)

    @event_priority(-100)  # last: every file of the site is written, the search index too
    def _precompress(self, *, config: MkDocsConfig) -> None:
        if self.config.precompress:
            precompress(Path(config.site_dir))

    on_post_build = CombinedEvent(_collect, _precompress)

    def on_build_error(self, *, error: Exception) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return self.html.get(page.file.src_uri, html)  # deferred pages get theirs in the workers

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.records_dir(config)))
        return server
