"""The build's worker processes: one pool per build, shared by every output that renders in parallel.

Workers come from a fork server, never from forking the build itself: the
build runs threads (the pool's own, a progress display, the preview's file
watcher), and a process forked while threads run can inherit a held lock and
hang. The fork server is a clean single-threaded process started once; it
imports what laying out a pack needs once (`PRELOAD`), and every worker
forked from it starts with that loaded and lives for the whole build. Issuing one edition renders
it in one such worker, whose libraries were imported while the records were
being read (`start`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import forkserver

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Rendering processes: one per core of the 2-core machines the office runs on."""
PRINTING = ("weasyprint", "generator.bulletin.render")
"""What printing papers needs (WeasyPrint, matplotlib for the bulletin's charts): issuing a bulletin or an
order loads only these, a good half second sooner than with the packs' libraries too."""
PACKING = ("weasyprint", "generator.broadcast.pack", "generator.drawing")
"""What making a TV pack needs: Pillow, the timeline and caption writers, WeasyPrint for the host's
printed script, matplotlib for chart slides."""
DICTIONARY = ("generator.dictionary",)
"""jieba's dictionary, read once in the fork server for a build: the workers that lay out the pack an edit
reached and render its pages no longer read it first, half a second each on the path the edit waits on.
Not for issuing, whose server is still reading it when the command needs its worker."""
PRELOAD = ("generator.broadcast.pack", *DICTIONARY)
"""Modules the fork server imports once for a build, so workers start warm: what laying out and drawing the
TV pack an edit reached needs, and no more.

A build waits for the packs an edit reached before it makes the site, and no
worker starts before the server has imported everything named here. So
matplotlib (a chart slide drawn anew, after a ranking changed) and WeasyPrint
(a bulletin, the printed script of a pack for airing) are imported by the
worker that first needs them: about a second the server no longer spends
before the first pack can be drawn, which an edit at ten years waited for.
WeasyPrint is named on its own where it is preloaded: our modules import it
only where they print (it is slow to import and most commands never print).
Each worker makes its one font configuration on its first paper
(`generator.paper.pdf.fonts`) and keeps it for every bulletin and host's
script it prints in the build."""


COLLECTOR = (10_000, 20, 100)
"""The cycle collector's thresholds for our processes (Python's own: 700, 10, 10).

A build holds a large graph that lives for the whole run (ten thousand
records, their public copies, the composed editions) and makes millions of
short-lived objects that are not cycles; with Python's thresholds the
collector ran about 3,900 times in one rebuild after an edit at ten years
and took 5.7 of its 28 s, rescanning the same long-lived objects. With these it runs
about 250 times for about 1 s, for some 40 MB more at its peak."""


def collect_less() -> None:
    """Set COLLECTOR in this process: the commands call it first, and each worker as it starts."""
    gc.set_threshold(*COLLECTOR)


@contextmanager
def lasting() -> Iterator[None]:
    """Make, with the cycle collector off, what lives until the command ends; then freeze it out of the collector's sight.

    Even with COLLECTOR, the collector scanned every object of the graph a
    build reads in (the records by kind, their public copies, the composed
    issues and rundowns unpickled) as it aged them: 0.4 s of a build after one
    edit at ten years, for garbage it never found there. Frozen (`gc.freeze`),
    they are not scanned again. So is whatever else is alive when the block
    ends: what was garbage before it is collected first (only what is not
    frozen yet is scanned for it), so that a process that builds again (the
    tests) keeps none of it for good. Only for work that leaves no garbage
    in cycles (unpickling, composing editions), which is never collected
    once frozen: not for reading record files, whose YAML parse leaves such
    garbage (a cold read of ten thousand records inside a block froze 40,610
    dead objects, and its process kept 150 MB more for the rest of the build).
    """
    if not gc.isenabled():  # within another such block
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _context(preload: Sequence[str] = PRELOAD) -> multiprocessing.context.ForkServerContext:
    """The fork server's context; `preload` counts only for the call that starts the server."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context


def start(preload: Sequence[str] = PRELOAD) -> None:
    """Start the fork server now, so it imports the drawing libraries while this process reads the records.

    Called first thing by the commands that render: reading ten thousand
    records and importing WeasyPrint and matplotlib take seconds each, and on
    two cores they take them side by side. The server then waits for `pool`
    to ask for workers (it stops with this process if none is asked for).
    A command that renders one kind of output names only the modules that
    kind needs: the server is ready sooner, and while it imports, issuing
    an edition waits for it.
    """
    _context(preload)
    forkserver.ensure_running()


@contextmanager
def pool(jobs: int = WORKERS) -> Iterator[Executor]:
    """A pool of `jobs` worker processes (WORKERS for a build, 1 to issue one edition); shut down (waiting for its tasks) when the block ends."""
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=collect_less) as executor:
        yield executor
