"""Gzip copies of the site's text files, made once at build time, for web servers that serve them as they are.

nginx with `gzip_static on` (and most static hosts) sends `page.html.gz` to a
browser that accepts gzip instead of compressing `page.html` on every request.
The copies are deterministic: no file name and a zero time in the gzip header,
so equal pages give equal bytes and the render cache and rsync see no change.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.cache import Shared
from generator.processes import WORKERS

SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"})
"""Text files worth compressing; images, PDFs, videos and zips are compressed already."""
LEVEL = 6
"""zlib's default: level 9 saves under 1 % more on these pages and takes half as long again."""
SMALLEST = 256
"""Below this many bytes gzip's own header outweighs what it saves."""


def gzipped(data: bytes) -> bytes:
    """The gzip copy's bytes: the same for the same `data` on any run (no name, no time)."""
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def gzip_copy(path: Path) -> None:
    """Write `path`.gz beside `path` (through a temporary file, so a reader never sees half of it)."""
    data = path.read_bytes()
    target = path.with_name(path.name + ".gz")
    if len(data) < SMALLEST:
        target.unlink(missing_ok=True)
        return
    scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    scratch.write_bytes(gzipped(data))
    scratch.replace(target)


def gzip_stored(path: Path, shared: Shared) -> None:
    """`gzip_copy`, the copy linked from `shared` by the digest of `path`'s bytes: a file published build after build
    (a bulletin's HTML, a board the edit did not reach, the theme's scripts) is compressed once."""
    data = path.read_bytes()
    target = path.with_name(path.name + ".gz")
    if len(data) < SMALLEST:
        target.unlink(missing_ok=True)
        return
    shared.link(shared.key("gzip", hashlib.sha256(data).hexdigest()), ".gz", lambda: gzipped(data), target)


def precompress(folder: Path, shared: Shared | None, done: frozenset[str] = frozenset(), whole: frozenset[str] = frozenset()) -> None:
    """Gzip copies of every text file under `folder` but those `done` (paths placed with their copy), from `shared` when
    there is one (`gzip_stored`), on every core (zlib and sha256 let other threads run); the folders `whole` are not
    even listed.

    Walked with `os.walk` and plain strings: at ten thousand pages, a `Path`
    per file cost more than finding the few files that need a copy, and
    listing the ten thousand folders of pages placed whole with their copies
    (`whole`) cost more than the rest of the walk.
    """
    chosen = []
    for root, folders, names in os.walk(folder):
        if whole:
            folders[:] = [name for name in folders if os.path.join(root, name) not in whole]
        chosen += [Path(path) for name in names if os.path.splitext(name)[1] in SUFFIXES and (path := os.path.join(root, name)) not in done]
    compress = gzip_copy if shared is None else functools.partial(gzip_stored, shared=shared)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(compress, chosen))
