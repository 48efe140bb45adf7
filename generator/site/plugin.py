"""mkdocs plugin `safety365`: the public site's pages, generated in memory from the records.

On every build it loads and validates the records (a broken record stops the
build with the same `path:line:col` problems `safety365 check` prints), keeps
what is public on the build date, and adds one generated page per record and
per board, plus charts, downloads and the feed. Record pages stay out of the
navigation: only sections are listed. `mkdocs serve` rebuilds on record edits.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from generator.charts import Chart
from generator.clock import today
from generator.errors import RecordsError
from generator.records import loader
from generator.records.catalog import Catalog
from generator.records.public import published
from generator.site import search
from generator.site.assets import site_charts, site_files
from generator.site.episodes import EpisodePage
from generator.site.pages import Site
from generator.stats import monthly
from generator.site.render import environment, front_matter, to_html

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Chart-drawing processes; mkdocs renders the pages meanwhile."""
TEMPLATES = "s365"
"""Folder of the content templates inside the theme's custom_dir."""


def draw_svg(chart: Chart) -> bytes:
    """Draw one chart; run in a worker process, so matplotlib loads there and not here."""
    from generator.drawing import render_svg

    return render_svg(chart)


class Safety365Config(base.Config):
    records = c.Type(str, default="records")
    """Records folder, relative to mkdocs.yml."""
    as_of = c.Optional(c.Type((str, dt.date)))
    """Build as if on this date (YYYY-MM-DD); default: today, or SOURCE_DATE_EPOCH."""


class Safety365Plugin(BasePlugin[Safety365Config]):
    catalog: Catalog | None = None
    """Set by `safety365 build`, which has loaded the records already."""
    as_of: dt.date | None = None
    pool: ProcessPoolExecutor | None = None
    drawn: list[tuple[str, Future[bytes]]]
    """Charts being drawn in worker processes while mkdocs renders the pages."""
    episodes: list[EpisodePage] | None = None
    """Summaries of the TV packs `safety365 build` has written, for the programme archive."""
    html: dict[str, str]
    """Rendered content of each generated page, by source path."""

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
        if not config.theme.custom_dir:
            raise PluginError("safety365: the theme needs custom_dir (the folder holding s365/ templates)")
        return config

    def records_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.records

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None and self.as_of is not None
        view = published(self.catalog, self.as_of)
        env = environment(Path(config.theme.custom_dir) / TEMPLATES, view, self.as_of)
        self.html = {}
        self.pool = ProcessPoolExecutor(max_workers=WORKERS)
        per_month = monthly(view, self.as_of)
        self.drawn = [(path, self.pool.submit(draw_svg, chart)) for path, chart in site_charts(view, per_month)]
        for page in Site(view, self.as_of, per_month, self.episodes).pages():
            inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src, content=front_matter(page), inclusion=inclusion))
            self.html[page.src] = to_html(env, page)
        for path, content in site_files(view, self.as_of, config.site_url or "/"):
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Charts are drawn in worker processes all through the build; write them once it is done."""
        try:
            for path, future in self.drawn:
                target = Path(config.site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(future.result())
        finally:
            self.pool.shutdown()

    def on_build_error(self, *, error: Exception) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return self.html.get(page.file.src_uri, html)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.records_dir(config)))
        return server
