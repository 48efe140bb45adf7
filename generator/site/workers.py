"""Render the site's unlisted pages (records, units, bulletin issues, episodes) in the build's worker processes.

mkdocs renders pages one after another in one process; at ten thousand records
that is most of a build. The plugin takes the unlisted pages out of mkdocs'
list once every page is read, and the build's workers (`generator.processes`:
forked from a clean fork server, never from the build itself) render them as
mkdocs renders a page, through its public API: the content from the page's
content template, then the theme's frame with mkdocs' own template context.

A worker knows nothing of the build it serves but what the setup file holds,
written once per build: where mkdocs.yml is, the listed pages (from which it
makes the same navigation), the public lookups of the content templates and
the pages to render. It reads the file once per build and keeps what it made
from it (configuration, navigation, environments); tasks carry only page
ranges. Page number i goes into the folder `out`/i (its HTML, sharing card and
search entries), which the plugin stores and places into the site. No
plugin's page events run on these pages (the parent's `mkdocs build` runs
those for the listed pages it renders itself): a record or unit page is found
by its own lean entry, and a page indexed whole (a bulletin issue, an
episode) by the entries Material's own indexer makes of it here, one per
section, as Material's search would have made them in the parent.
"""

from __future__ import annotations

import pickle
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.cards import draw
from generator.records.registry import Units
from generator.site import search
from generator.site.pages import Page
from generator.site.render import Lookups, environment, front_matter, to_html
from generator.site.precompress import gzip_copy
from generator.site.store import CARD, HTML, write_entries

CHUNK = 200
"""Pages per task: big enough to cost little to hand out, small enough to share evenly."""
SETUP = "setup.pickle"


@dataclass(frozen=True)
class Setup:
    """What a worker needs to render a build's unlisted pages: public data and paths only."""

    config_file: str
    site_dir: str
    scripts: list[str | dict[str, object]]
    """The pages' scripts as the plugins left them (the preview adds one), in mkdocs.yml's form."""
    templates: str
    """The content templates' folder."""
    listed: dict[str, str]
    """Source path -> front matter of every generated page in the navigation."""
    lookups: Lookups
    units: Units
    """For the search words jieba must know (`search.teach`)."""
    pages: list[Page]
    out: str
    """The folder that gets a folder per page rendered, named by its number."""
    precompress: bool
    """Whether each page gets its gzip copy beside it (the site's are all made once, in the workers)."""
    compiled: jinja2.BytecodeCache
    """The build's compiled templates (`Cache.compiled`)."""


@dataclass
class _Build:
    """A worker's rendering state for one build, made from its setup."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    theme: jinja2.Environment
    content: jinja2.Environment
    pages: list[Page]
    out: Path
    precompress: bool


def scripts(config: MkDocsConfig) -> list[str | dict[str, object]]:
    """`extra_javascript` as mkdocs.yml writes it, for a worker to load the configuration with."""
    return [
        script if isinstance(script, str) else {"path": script.path, "type": script.type, "defer": script.defer, "async": script.async_}
        for script in config.extra_javascript
    ]


def _generated(config: MkDocsConfig, src: str, text: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """A page made in memory, as `File.generated` makes it (which works only while mkdocs runs a plugin event)."""
    file = File(src, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls, inclusion=inclusion)
    file.content_string = text
    return file


_current: tuple[str, _Build] | None = None
"""The build this worker last rendered for, by setup file: made again when a task names another."""


def _build(path: str) -> _Build:
    global _current
    if _current is not None and _current[0] == path:
        return _current[1]
    setup: Setup = pickle.loads(Path(path).read_bytes())
    config = load_config(setup.config_file, site_dir=setup.site_dir, extra_javascript=setup.scripts)
    files = get_files(config)
    for src, text in setup.listed.items():
        files.append(_generated(config, src, text))
    nav = get_navigation(files, config)
    theme = config.theme.get_env()
    theme.bytecode_cache = setup.compiled
    search.teach(setup.units)
    content = environment(theme, Path(setup.templates), setup.lookups)
    built = _Build(config, files, nav, theme, content, setup.pages, Path(setup.out), setup.precompress)
    _current = (path, built)
    return built


def render(built: _Build, ours: Page, folder: Path) -> None:
    """Render one page as mkdocs renders a page, with its sharing card and search entries, into `folder`."""
    config = built.config
    file = _generated(config, ours.src, front_matter(ours), InclusionLevel.NOT_IN_NAV)
    page = MkDocsPage(None, file, config)
    page.read_source(config)
    page.render(config, built.files)
    page.content = to_html(built.content, ours)
    page.active = True
    context = get_context(built.nav, built.files, config, page)
    html = built.theme.get_template(page.meta.get("template", "main.html")).render(context)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / HTML).write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
    if built.precompress:
        gzip_copy(folder / HTML)
    if ours.card is not None:
        (folder / CARD).write_bytes(draw(ours.card))
    write_entries(folder, [search.entry(page.url, ours.title, ours.search)] if ours.search is not None else search.whole(page))


def _render(path: str, start: int, stop: int) -> None:
    """Render pages[start:stop] of the setup at `path` (in a worker)."""
    built = _build(path)
    for number in range(start, stop):
        render(built, built.pages[number], built.out / str(number))


def start(pool: Executor, setup: Setup) -> list[tuple[range, Future[None]]]:
    """Write the setup into its `out` folder and hand the pages out to `pool`: each task's page numbers."""
    path = Path(setup.out) / SETUP
    path.write_bytes(pickle.dumps(setup, protocol=pickle.HIGHEST_PROTOCOL))
    count = len(setup.pages)
    chunks = [range(first, min(first + CHUNK, count)) for first in range(0, count, CHUNK)]
    return [(chunk, pool.submit(_render, str(path), chunk.start, chunk.stop)) for chunk in chunks]
