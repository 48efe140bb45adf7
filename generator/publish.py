"""Publishing a build: `dist/` always names one complete build, switched all at once.

`dist` is a symbolic link to a folder under `.dist.versions/` (beside it). A
build writes a new version there and, only when every output succeeded,
points the link at it with one `rename` — a reader or web server sees the old
build or the new one, never a mix, and a failure at any step leaves the last
good build serving. The version before the current one is kept, so
`safety365 rollback` can point back to it; the one before that is set aside
as the spare (`.dist.spare`), which the next build moves unchanged pages out
of instead of making them again. Two builds into the same `dist` take turns:
the second waits on a file lock, saying for whom.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputError
from generator.files import discard


def versions_of(out: Path) -> Path:
    """The folder that holds every kept version of `out`."""
    return out.parent / f".{out.name}.versions"


@contextmanager
def locked(path: Path, say: Callable[[str], None], what: str) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing); if another process holds it, say so and wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            say(f"waiting: {what} is in use by {holder}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%H:%M:%S')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def publishing(out: Path, say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> Iterator[Path]:
    """A fresh version folder to build in; when the block succeeds, `out` switches to it at once.

    On any failure the new version is removed and `out` is left exactly as it was.
    """
    with locked(out.parent / f".{out.name}.lock", say, str(out)):
        _adopt(out)
        before = current(out)
        versions = versions_of(out)
        versions.mkdir(parents=True, exist_ok=True)
        version = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 1_000_000_000:09d}"
        version.mkdir()
        try:
            yield version
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        switch(out, version)
        _prune(out, keep={version, *([before] if before else [])})


def switch(out: Path, version: Path) -> None:
    """Point the link `out` at `version` with one rename (a relative link, so the folder can move)."""
    link = out.parent / f".{out.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(version, out.parent))
    os.replace(link, out)


def spare(out: Path) -> Path | None:
    """The build set aside when it was no longer kept for rollback (see `_prune`), or None.

    It is neither served nor a rollback target: the build that follows may
    take files out of it (`generator.site.store.place_pages`), and the one
    after that discards what is left.
    """
    folder = _spare(out)
    return folder if folder.is_dir() else None


def _spare(out: Path) -> Path:
    return out.parent / f".{out.name}.spare"


def current(out: Path) -> Path | None:
    """The version `out` points at, or None before the first build."""
    return (out.parent / os.readlink(out)) if out.is_symlink() else None


def rollback(out: Path, say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> Path:
    """Point `out` back at the version published before the current one; returns it."""
    with locked(out.parent / f".{out.name}.lock", say, str(out)):
        now = current(out)
        if now is None:
            raise OutputError(f"{out} is not a published build (run safety365 build first)")
        earlier = [v for v in _versions(out) if v.name < now.name]
        if not earlier:
            raise OutputError(f"{out}: no earlier build is kept to roll back to")
        switch(out, earlier[-1])
        return earlier[-1]


def _versions(out: Path) -> list[Path]:
    folder = versions_of(out)
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _adopt(out: Path) -> None:
    """A plain `out` folder from before versioned publishing becomes the first kept version."""
    if out.is_dir() and not out.is_symlink():
        versions = versions_of(out)
        versions.mkdir(parents=True, exist_ok=True)
        kept = versions / "00000000T000000-000000000"
        out.rename(kept)
        switch(out, kept)


def _prune(out: Path, keep: set[Path]) -> None:
    """Remove every version but `keep`: the one just published and the one it replaced (what rollback returns to).

    The newest of the others becomes the spare, in place of the last one
    (what this build left of it); the rest go out of `.dist.versions/` at
    once, off the disk in the background (`discard`).
    """
    retired = [version for version in _versions(out) if version not in keep]
    left = spare(out)
    discard([*([left] if left is not None else []), *retired[:-1]], out.parent / f".{out.name}.trash")
    if retired:
        retired[-1].rename(_spare(out))
