"""A content-addressed store of rendered outputs, so a rebuild only renders what changed.

An output (a bulletin issue, a TV pack) is rendered once per key: the sha256 of
everything that goes into it — its content, the templates, this program's
source, the versions of the libraries that draw it and the fonts on the
machine. Equal key, equal bytes, so a build reuses the stored entry instead of
rendering again; any change to any input gives a new key, so nothing stale can
be reused. Entries are written in a scratch folder and renamed into place, so
an interrupted build never leaves half an entry. Builds place entries into
their output by hard link (a copy across file systems): no bytes are copied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

import generator
from generator.records.models import Record
from generator.records.public import public_data

LIBRARIES = (
    "weasyprint", "pydyf", "fonttools", "pillow", "matplotlib", "moviepy", "imageio-ffmpeg", "segno", "jinja2", "jieba",
    "pysubs2", "mkdocs", "mkdocs-material", "markdown", "nh3",
)
"""Libraries whose output lands in bulletins, packs and the site: a new version may render differently."""
FONTS = Path("/usr/share/fonts")
WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Rendering processes: one per core of the 2-core machines the office runs on."""
SCRATCH_AGE = 24 * 3600
"""Scratch folders older than this (seconds) are left by builds that were killed: removed."""


def _plain(value: object) -> object:
    """A JSON-ready form of the dataclasses, models, dates and paths that make up an output's input."""
    if isinstance(value, Record):  # what the public may see of it, never a private field
        return {"@": type(value).__name__, **public_data(value)}
    if isinstance(value, BaseModel):
        return {"@": type(value).__name__, **value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def digest(*parts: object) -> str:
    """sha256 of `parts` in a canonical JSON form: equal inputs, equal digest, on any run."""
    text = json.dumps(parts, default=_plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tree(folder: Path) -> str:
    """sha256 of every file under `folder`, by path and bytes."""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


@cache
def toolchain() -> str:
    """This program's source, the drawing libraries' versions and the installed fonts, as one digest."""
    fonts = sorted((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in FONTS.rglob("*") if p.is_file()) if FONTS.is_dir() else []
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return digest(tree(Path(generator.__file__).parent), versions, fonts)


T = TypeVar("T")


@dataclass
class Built(Generic[T]):
    """What a build of many editions placed, and which of them it had to render."""

    outputs: list[T]
    rendered: list[str]
    """Ids of the editions rendered in this build; the others were placed from the cache."""

    def summary(self, noun: str) -> str:
        return f"{len(self.outputs)} {noun} ({len(self.rendered)} rendered, {len(self.outputs) - len(self.rendered)} unchanged)"


class Cache:
    """Entries under ROOT/<kind>/<key>/, each a folder of files placed into outputs by link."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.scratch_root = root / ".scratch"
        self.used: dict[str, set[str]] = {}
        """Keys looked up in this build, by kind: what `prune` keeps."""

    def entry(self, kind: str, key: str) -> Path | None:
        """The stored entry for `key`, or None when it has to be rendered."""
        self.used.setdefault(kind, set()).add(key)
        folder = self.root / kind / key
        return folder if folder.is_dir() else None

    def scratch(self) -> Path:
        """An empty folder to render an entry in, on the cache's file system so the commit is a rename."""
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.scratch_root))

    def commit(self, kind: str, key: str, scratch: Path) -> Path:
        """Make `scratch` the entry for `key`, all at once; returns the entry."""
        folder = self.root / kind / key
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            scratch.rename(folder)
        except OSError:  # stored meanwhile by a concurrent build: same key, same bytes
            shutil.rmtree(scratch, ignore_errors=True)
        return folder

    def fill(self, kind: str, jobs: list[tuple[str, tuple[object, ...]]], render: Callable[..., None]) -> tuple[list[Path], list[int]]:
        """The entry of every (key, args) job, calling `render(*args, scratch)` in worker processes for keys not stored.

        Returns the entries in job order and the indexes of the jobs rendered.
        """
        entries = [self.entry(kind, key) for key, _ in jobs]
        todo = [index for index, entry in enumerate(entries) if entry is None]
        if todo:
            with ProcessPoolExecutor(max_workers=WORKERS) as pool:
                started = []
                for index in todo:
                    scratch = self.scratch()
                    started.append((index, scratch, pool.submit(render, *jobs[index][1], scratch)))
                for index, scratch, job in started:
                    try:
                        job.result()
                    except BaseException:
                        shutil.rmtree(scratch, ignore_errors=True)
                        raise
                    entries[index] = self.commit(kind, jobs[index][0], scratch)
        return [entry for entry in entries if entry is not None], todo

    def prune(self) -> int:
        """Remove the entries this build did not use, and stale scratch; returns entries removed.

        Run after a build of every issue and episode: whatever it did not use
        belongs to records, templates or code that are no longer there.
        """
        removed = 0
        kinds = [folder for folder in self.root.iterdir() if folder.is_dir() and folder != self.scratch_root] if self.root.is_dir() else []
        for folder in kinds:
            keep = self.used.get(folder.name, set())
            for entry in folder.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
        for scratch in self.scratch_root.iterdir() if self.scratch_root.is_dir() else ():
            if time.time() - scratch.stat().st_mtime > SCRATCH_AGE:
                shutil.rmtree(scratch, ignore_errors=True)
        return removed


def place(source: Path, target: Path) -> None:
    """Put the file or folder `source` at `target` by hard links (copies across file systems)."""
    if source.is_dir():
        shutil.copytree(source, target, copy_function=_link, dirs_exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    _link(source, target)


def _link(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
