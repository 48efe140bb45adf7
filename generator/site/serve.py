"""`safety365 serve`: the editors' preview, where a saved record shows on its page within seconds.

The site is built into a temporary folder and served with mkdocs' live-reload
server. On every save the records folder is read again only where it changed
(`loader.Archive.changed`: changed, added and removed record and editorial
files alone; a registry change reads the folder again from the files as
parsed before, validating again only the records naming what changed) and the site is built again into a folder of its own, which
replaces the one on show only when it is whole. Bad input is reported in the
terminal and over the page in the browser (`s365-preview.js` reads PROBLEMS),
and the last good site stays on show: a records problem stops before the
build, a refusal of the build (a broken template, mkdocs.yml) leaves its
folder behind. One pool of worker processes and one store of rendered pages
serve every build of the session, so a build renders only the pages the
change reaches; each build takes over the public copies of the records the
change left alone (`Views(earlier=...)`), the pages whose inputs are those
very copies and their keys (`pages.Made`, `store.Keys`), and moves the
unchanged pages out of the site the save before replaced (`spare`; for the
first save, a linked copy of the first site): its sections whole, as the
session knows which page each of its folders holds (`store.Holdings`).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
import signal
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent, FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from generator import processes
from generator.strings import PREVIEW
from generator.cache import Cache
from generator.editions import ledger
from generator.editions.bulletin import every_issue
from generator.editions.composed import Composed
from generator.errors import OutputError, Problem
from generator.files import discard, link_copy, write_atomic
from generator.records.loader import Archive
from generator.records.memo import Stat, stat_of
from generator.records.public import Views
from generator.site import store
from generator.site.pages import Made
from generator.site.plugin import Inputs, plugin_of

log = logging.getLogger("safety365.serve")
PROBLEMS = "s365-problems.json"
"""In the site's root while the last save has problems: what the browser shows over the page."""
COLLECT_AFTER = 0.3
"""Seconds after a save's build that the garbage it left is collected."""
Snapshot = dict[str, Stat]
"""Each file's size, modification and change times and inode (`memo.stat_of`), by path."""


def snapshot(folders: list[Path]) -> Snapshot:
    """The stat of every file under `folders`: what tells a save, and what the records' reading takes instead of its own.

    By `os.scandir`, whose entries know their type without a `stat`: taken at
    every save of ten thousand record files, `Path.rglob` and a `stat` for the
    type and another for the times took a fifth of a second.
    """
    found: Snapshot = {}
    pending = []
    for folder in folders:
        if folder.is_dir():
            pending.append(os.fspath(folder))
        elif folder.is_file():
            found[os.fspath(folder)] = stat_of(folder.stat())
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file():
                    found[entry.path] = stat_of(entry.stat())
    return found


class Preview:
    """The records as last read, and the site built from them, built again on every change."""

    def __init__(
        self, records: Path, config_file: Path, as_of: dt.date, site_dir: Path, report: Callable[[list[Problem]], None], pool: Executor,
        cache: Cache,
    ) -> None:
        self.records, self.config_file, self.as_of, self.site_dir = records, config_file, as_of, site_dir
        self.report, self.pool, self.cache = report, pool, cache
        self.watched = [records, config_file, *self._folders()]
        self.files: Snapshot = {}
        self.archive: Archive | None = None
        self.composed = Composed.open(None, "")
        """The bulletin issues composed for the site, from one change to the next (an edit recomposes those it reaches)."""
        self.views: Views | None = None
        """The public views of the last build, whose copies of the records a change left alone the next build takes over."""
        self.made, self.keys = Made(), store.Keys()
        """The pages and page keys of the last build, which the next takes over where a change left their inputs alone."""
        self.holdings = store.Holdings()
        """What the site on show and the spare hold of the stored pages: a build moves the spare's sections whole."""
        self.copying: threading.Thread | None = None
        """The first site's spare, being linked in the background (`build`)."""

    def _folders(self) -> list[Path]:
        config = load_config(str(self.config_file))
        return [Path(config.docs_dir), plugin_of(config).theme_dir(config)]

    def build(self) -> bool:
        """Read every record and build the whole site; False (problems reported) when the records have problems.

        What the first build leaves alive (the records, their memo, the
        composed issues: most of the heap, and it lives for the session) is
        then frozen out of the cycle collector's sight, so that the full pass
        after every save (`rebuild`) weighs only what that save made. The
        first save has no replaced site to take pages from: a copy of this
        one, its files linked, is made for it in the background (a second or
        so at ten years, against one more second for that save).
        """
        self.files = snapshot(self.watched)
        self.archive = Archive(self.records, memo=self.memo, save=False)
        built = self.render()
        if built:
            self.copying = threading.Thread(target=link_copy, args=(self.site_dir, self.spare), daemon=True)
            self.copying.start()
            self.holdings.copied(self.site_dir, self.spare)
        gc.collect()
        gc.freeze()
        return built

    def render(self) -> bool:
        """Build the site from the records as last read; False (problems shown, the site left as it was) when it cannot be built."""
        assert self.archive is not None
        if self.archive.problems or self.archive.catalog is None:
            return self.refuse(self.archive.problems, [str(problem) for problem in self.archive.problems])
        catalog = self.archive.catalog
        views = self.views = Views(catalog, self.as_of, earlier=self.views)
        issues = every_issue(views, ledger.Archive(catalog.issued, self.as_of), self.as_of, self.composed)
        self.composed.save()
        config = load_config(str(self.config_file), site_dir=str(self.next))
        self.settle()  # the first save's spare: waited for (a save that soon after startup is rare)
        spare = self.spare if self.spare.is_dir() else None
        inputs = Inputs(
            catalog, self.as_of, issues=issues, pool=self.pool, precompress=False, cache=self.cache, preview=True, views=views, spare=spare,
            made=self.made, keys=self.keys, holdings=self.holdings,
        )
        plugin_of(config).provide(inputs)
        try:
            build(config)
        except (MkDocsException, OutputError) as exc:
            return self.refuse([], [str(exc)])
        if spare is not None:  # what the build did not move: off the disk in the background
            discard([spare], self.site_dir.with_name(self.site_dir.name + ".trash"))
            self.holdings.take(spare)
        if self.site_dir.exists():
            self.site_dir.rename(self.spare)
            self.holdings.moved(self.site_dir, self.spare)
        self.next.rename(self.site_dir)
        self.holdings.moved(self.next, self.site_dir)
        return True

    def settle(self) -> None:
        """Wait for the first site's spare, if it is still being linked."""
        if self.copying is not None:
            self.copying.join()
            self.copying = None

    @property
    def memo(self) -> Path:
        """The folder of the session's memo of record files read, which is never written: the preview's cache is a
        folder of its own, removed when it stops, and a registry change's reading takes what the one before knew from
        memory (`Archive.changed`). Writing it took about a tenth of a second of the first build and of every registry save
        at ten years, for nothing."""
        return self.cache.root / "records"

    @property
    def spare(self) -> Path:
        """The site the last build replaced, served no more: the next build moves the pages it holds unchanged out of it
        (its sections whole, `store.move_sections`; page by page, `store.place_pages`, when what it holds is not known)
        instead of placing ten thousand anew (one to two seconds a save at ten years, competing with the background
        removal of the site before)."""
        return self.site_dir.with_name(self.site_dir.name + ".spare")

    @property
    def next(self) -> Path:
        """Where a build goes before it replaces the site on show."""
        return self.site_dir.with_name(self.site_dir.name + ".next")

    def refuse(self, problems: list[Problem], lines: list[str]) -> bool:
        """Report what stops the build, in the terminal and over the last good page."""
        if problems:
            self.report(problems)
        else:
            log.error("%s", "\n".join(lines))
        if self.site_dir.is_dir():
            write_atomic(self.site_dir / PROBLEMS, json.dumps({"title": PREVIEW["problems"], "problems": lines}, ensure_ascii=False).encode("utf-8"))
        return False

    def rebuild(self) -> None:
        """Called on every change: read what changed and build again."""
        before, self.files = self.files, snapshot(self.watched)
        changed = sorted(Path(path) for path in self.files.keys() | before.keys() if self.files.get(path) != before.get(path))
        if not changed:
            return
        records = {path: path.read_bytes() if path.is_file() else None for path in changed if path.is_relative_to(self.records)}
        if self.archive is None:
            self.archive = Archive(self.records, memo=self.memo, save=False)
        elif records:  # else a template, mkdocs.yml or a hand-written page: the records stay as read
            self.archive = self.archive.changed(records, stats=self.files)
        if self.render():
            log.info("built again after %d changed file(s)", len(changed))
        # a build's graph (views, jinja environments, mkdocs' pages) is full of cycles, which Python's rare full passes
        # over a heap this size left behind: the preview grew 40 MB a save; collected after every save (0.05-0.2 s),
        # it stays flat while records are edited. Collected a moment later, once the browser was told to reload
        # (when this returns) and has fetched the page: the save is not kept waiting for it
        collector = threading.Timer(COLLECT_AFTER, gc.collect)
        collector.daemon = True
        collector.start()


class Server(LiveReloadServer):
    """mkdocs' live-reload server, woken by the system's file events (inotify on Linux) instead of polling.

    mkdocs polls every watched folder twice a second. At ten thousand record
    files a poll is an eighth of a second of this process's time: a save
    waited a quarter second on average before its build began, and the polls
    went on during the build, slowing it by a fifth. The system's events cost
    nothing until a file changes; `Preview.rebuild` finds what changed itself.
    """

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root)
        self.observer = Changes()  # before anything is watched: `watch` schedules on it


CHANGES: tuple[type[FileSystemEvent], ...] = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent)
"""The file events that may mean a file changed (written, made, removed, renamed): not its being opened or read."""


class Changes(Observer):  # type: ignore[valid-type,misc]  # the platform's observer class
    """The system's file events for what is watched, those that may mean a change only (`CHANGES`).

    By default watchdog also reports every file opened and closed unwritten,
    and mkdocs' server takes any event for a change. The preview reads what
    it watches: every build reads the theme's templates and mkdocs.yml, and a
    registry change reads ten thousand record files again. Each read woke
    the server for a build that found nothing changed, and the events of a
    registry change held up its build for one or two seconds at ten years.
    """

    def schedule(
        self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False,
    ) -> ObservedWatch:
        chosen = event_filter if event_filter is not None else list(CHANGES)
        return super().schedule(event_handler, path, recursive=recursive, event_filter=chosen, follow_symlink=follow_symlink)


def _interrupt(signum: int, frame: object) -> None:
    """A terminated preview stops like an interrupted one, so its worker processes stop with it."""
    raise KeyboardInterrupt


def serve(records: Path, config_file: Path, as_of: dt.date, address: str, report: Callable[[list[Problem]], None]) -> bool:
    """Build, serve on `address` (host:port) and build again on every save until interrupted; False if the first build fails."""
    host, _, port = address.rpartition(":")
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="safety365-serve-") as folder, processes.pool() as pool:
        site_dir, cache = Path(folder) / "site", Cache(Path(folder) / "cache")
        preview = Preview(records, config_file, as_of, site_dir, report, pool, cache)
        if not preview.build():
            return False
        server = Server(builder=preview.rebuild, host=host, port=int(port), root=str(site_dir))
        for path in preview.watched:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            preview.settle()  # before its folder is removed
    return True
