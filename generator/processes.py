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
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Rendering processes: one per core of the 2-core machines the office runs on."""
PRELOAD = ["generator.bulletin.render", "generator.broadcast.pack"]
"""Modules the fork server imports once (WeasyPrint, Pillow, matplotlib), so workers start warm."""


@contextmanager
def pool() -> Iterator[ProcessPoolExecutor]:
    """A pool of WORKERS processes for one build; shut down (waiting for its tasks) when the block ends."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as executor:
        yield executor
