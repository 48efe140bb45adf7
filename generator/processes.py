"""The build's worker processes: one pool per build, shared by every output that renders in parallel.

Workers come from a fork server, never from forking the build itself: the
build runs threads (the pool's own, a progress display, the preview's file
watcher), and a process forked while threads run can inherit a held lock and
hang. The fork server is a clean single-threaded process started once; it
imports the drawing libraries once, and every worker forked from it starts
with them loaded and lives for the whole build.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Rendering processes: one per core of the 2-core machines the office runs on."""
PRELOAD = ["weasyprint", "generator.bulletin.render", "generator.broadcast.pack"]
"""Modules the fork server imports once (WeasyPrint, Pillow, matplotlib), so workers start warm.

WeasyPrint is named on its own: our modules import it only where they print
(it is slow to import and most commands never print). Each worker then makes
its one font configuration on its first paper (`generator.paper.pdf.fonts`)
and keeps it for every bulletin and host's script it prints in the build."""


T = TypeVar("T")


class Inline(Executor):
    """Runs each job in this process as it is submitted: for one edition, starting a fork server and workers costs more than rendering it."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # handed to whoever asks for the result, as a worker's would be
            future.set_exception(exc)
        return future


@contextmanager
def pool(jobs: int | None = None) -> Iterator[Executor]:
    """A pool of WORKERS processes for one build; shut down (waiting for its tasks) when the block ends.

    With `jobs=1` (issuing one edition) the job runs in this process instead.
    """
    if jobs == 1:
        yield Inline()
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as executor:
        yield executor
