"""`safety365 serve`: the editors' preview, where a saved record shows on its page within seconds.

The site is built once into a temporary folder and served with mkdocs' live-
reload server. When only record files already known were edited, they alone
are re-read, references re-checked, and the pages that show them re-rendered
in place: their own pages, the records and units they name or that name
them, and the listed pages (home, sections, boards). Charts, statistics and
bulletin and episode pages wait for the next full build, which any other
change (a new or removed record, a registry, an editorial file, a template,
mkdocs.yml) starts.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import _populate_page, build  # mkdocs is pinned below 1.7, as in workers.py
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page as MkDocsPage

from generator.errors import Problem
from generator.records.loader import Archive
from generator.editions.bulletin import issues_with_records
from generator.records.public import PublicView, Views
from generator.records.refs import iter_refs
from generator.site import workers
from generator.site.pages import PAGELESS, Site, record_pages
from generator.site.plugin import TEMPLATES, Safety365Plugin, plugin_of
from generator.site.render import environment, front_matter

log = logging.getLogger("safety365.serve")
Snapshot = dict[Path, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every file under `folders`."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else [folder]:
            if path.is_file():
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


class Preview:
    """The site kept in memory between edits, re-rendered in part when only records changed."""

    def __init__(self, records: Path, config_file: Path, as_of: dt.date, site_dir: Path, report: Callable[[list[Problem]], None]) -> None:
        self.records, self.config_file, self.as_of, self.site_dir = records, config_file, as_of, site_dir
        self.report = report
        self.watched = [records, config_file, *self._folders()]
        self.files: Snapshot = {}
        self.archive: Archive | None = None
        self.config: MkDocsConfig | None = None

    def _folders(self) -> list[Path]:
        config = load_config(str(self.config_file))
        return [Path(config.docs_dir), plugin_of(config).theme_dir(config)]

    def build(self) -> bool:
        """Read every record and build the whole site; False (problems reported) when the records have problems."""
        self.files = snapshot(self.watched)
        self.archive = Archive(self.records)
        if self.archive.problems or self.archive.catalog is None:
            self.report(self.archive.problems)
            return False
        self.config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        plugin = self.plugin
        plugin.catalog, plugin.as_of = self.archive.catalog, self.as_of
        plugin.config.precompress = False  # the preview server sends files as they are: no copies to keep fresh
        build(self.config)
        return True

    @property
    def plugin(self) -> Safety365Plugin:
        assert self.config is not None
        return plugin_of(self.config)

    def rebuild(self) -> None:
        """Called on every change: re-render the edited records' pages, or build again."""
        before, self.files = self.files, snapshot(self.watched)
        changed = sorted(path for path in self.files.keys() | before.keys() if self.files.get(path) != before.get(path))
        if not changed:
            return
        if self.archive is not None and self.config is not None and self.archive.can_reread(changed):
            before_view = self.plugin_view()
            self.archive.reread(changed)
            if self.archive.problems or self.archive.catalog is None:
                self.report(self.archive.problems)
                return
            if self.refresh([path.name.removesuffix(".yaml") for path in changed], before_view):
                return
        self.build()

    def plugin_view(self) -> PublicView:
        """The public view the site on show was built from."""
        assert self.plugin.catalog is not None
        return Views(self.plugin.catalog, self.as_of).on(self.as_of)

    def refresh(self, record_ids: list[str], before: PublicView) -> bool:
        """Re-render the pages showing `record_ids` before or after the edit; False when a page must be added or removed (build again)."""
        plugin, archive, config = self.plugin, self.archive, self.config
        assert archive is not None and archive.catalog is not None and config is not None
        views = Views(archive.catalog, self.as_of)
        view = views.on(self.as_of)
        if record_pages(view) != plugin.record_pages:
            return False  # a record page appears or goes: the navigation and sitemap change too
        plugin.catalog = archive.catalog
        job = plugin.job
        job.content = plugin.content = environment(plugin.theme_dir(config) / TEMPLATES, view)
        site = Site(view, plugin.per_month, issues_with_records(views, self.as_of), plugin.episodes, plugin.shown_corrections)
        shown = set(record_ids)
        for record_id in record_ids:
            shown.update(record.id for record in site.mentions.get(record_id, []))
        named = {
            value
            for record_id in list(shown)
            for state in (before, view)  # what the records named before the edit too: a unit left behind shows them no more
            if (record := state.get(record_id)) is not None
            for _, _, value in iter_refs(record)
        }
        records = [view.records[record_id] for record_id in shown | named if record_id in view.records]
        chosen = [
            *site.lists(),
            *(site.record_page(record) for record in records if record.kind not in PAGELESS),
            *(page for page in site.unit_pages() if page.title in named),
        ]
        known = {file.src_uri: file.page for file in plugin.every_page}
        if job.index is not None:  # their entries are made again below
            again = {ours.url for ours in chosen}
            job.index.entries = [e for e in job.index.entries if e["location"].split("#")[0] not in again]
        for ours in chosen:
            page = known[ours.src]
            assert isinstance(page, MkDocsPage)
            page.file.content_string = front_matter(ours)
            _populate_page(page, config, plugin.every_page)  # title and meta from the new front matter
            entry = workers.render(job, page, ours)  # Material re-indexes the pages indexed whole
            if entry is not None and job.index is not None:
                job.index.entries.append(entry)
        search_plugin = config.plugins.get("material/search")
        if search_plugin is not None:
            search_plugin.on_post_build(config=config)
        log.info("re-rendered %d pages", len(chosen))
        return True


def serve(records: Path, config_file: Path, as_of: dt.date, address: str, report: Callable[[list[Problem]], None]) -> bool:
    """Build, serve on `address` (host:port) and re-render on every save until interrupted; False if the first build fails."""
    host, _, port = address.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="safety365-serve-") as site_dir:
        preview = Preview(records, config_file, as_of, Path(site_dir), report)
        if not preview.build():
            return False
        server = LiveReloadServer(builder=preview.rebuild, host=host, port=int(port), root=site_dir)
        for path in preview.watched:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return True
