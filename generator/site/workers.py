"""Render the site's unlisted pages (records, units, issues, episodes) in forked worker processes.

mkdocs renders pages one after another in one process; at ten thousand records
that is most of a build. Once every page is read, the plugin takes the
unlisted pages out of mkdocs' hands and forked workers render them with
mkdocs' own page builder, while mkdocs renders the listed ones. Forked, the
workers inherit the whole build (configuration, navigation, theme, pages):
only page numbers go out and search entries come back.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page  # mkdocs is pinned below 1.7: its page builder, as mkdocs calls it
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.cards import draw
from generator.processes import WORKERS
from generator.site import search
from generator.site.pages import Page
from generator.site.render import to_html
from generator.site.sharing import card_path

CHUNK = 200
"""Pages per task: big enough to cost little to hand out, small enough to share evenly."""


@dataclass
class Job:
    """Everything a worker needs to render pages, as the parent holds it when it forks."""

    config: MkDocsConfig
    nav: Navigation
    theme: jinja2.Environment
    content: jinja2.Environment
    files: list[File]
    """Every documentation page, deferred ones included: the context mkdocs gives a template."""
    pages: list[tuple[MkDocsPage, Page]]
    index: Any
    """Material's search index (its entries for pages indexed whole), or None without search."""


def write_card(config: MkDocsConfig, ours: Page) -> None:
    """Draw the page's sharing card beside the page."""
    assert ours.card is not None
    target = Path(config.site_dir) / card_path(ours.url)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(draw(ours.card))


_job: Job | None = None
"""The job of the current build, set before forking: workers read their copy."""


def render(job: Job, page: MkDocsPage, ours: Page) -> dict[str, str] | None:
    """Render one page (and its sharing card) into the site folder; its lean search entry, if it has one.

    Pages indexed whole get their entries from Material, into `job.index`.
    """
    page.content = to_html(job.content, ours)
    _build_page(page, job.config, job.files, job.nav, job.theme)
    if ours.card is not None:
        write_card(job.config, ours)
    if ours.search is not None and job.index is not None:
        return search.entry(page.url, ours.title, ours.search)
    return None


def _render(start: int, stop: int) -> list[dict[str, str]]:
    """Render pages[start:stop] (in a worker); return their search entries."""
    job = _job
    assert job is not None
    before = len(job.index.entries) if job.index is not None else 0
    lean = [entry for page, ours in job.pages[start:stop] if (entry := render(job, page, ours)) is not None]
    whole = job.index.entries[before:] if job.index is not None else []
    return whole + lean


def start(job: Job) -> tuple[ProcessPoolExecutor, list[Future[list[dict[str, str]]]]]:
    """Fork the workers (at the first task, before the pool starts a thread) and hand out the job's pages.

    The pool takes more tasks after these (the plugin's charts); shut it down when done.
    """
    global _job
    _job = job
    workers = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"))
    tasks = [workers.submit(_render, first, min(first + CHUNK, len(job.pages))) for first in range(0, len(job.pages), CHUNK)]
    return workers, tasks
