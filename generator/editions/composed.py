"""Editions composed before, remembered by what their public view was made of: an edit recomposes only the editions it reaches.

A build of ten years composes 240 issues and 522 rundowns, each from the
public view on its own date, only to find by their cache keys that the one
edit changed one or two of them; making those views (about 1.3 million
public copies of records) was most of such a build. An edition is a function
of what it asked its view for, its own name and the site's address. So each
composed edition is kept pickled with what it read (`Views.reading`) and
the fingerprint of that (`Views.fingerprint`, found without making a view),
and taken again while the fingerprint is the same: a news item's edit
recomposes the issue and the episode of its date (and those that name it),
a case's every edition that lists the cases. One file per toolchain (this
program's code and libraries: a change to how editions are composed changes
it) keeps what the last build used. The editors' preview keeps its store in
memory from one change to the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator.cache import Whole, edition_digest
from generator.files import write_atomic
from generator.records.public import Reads, Views

T = TypeVar("T")
W = TypeVar("W", bound=Whole)
Kept = tuple[dt.date, Reads, str, bytes, str | None]
"""A composed edition as kept: the date of its view, what it read, the fingerprint of that, the edition pickled, and
its digest (`cache.edition_digest`; None for what is not a `cache.Whole`, e.g. the site's published part)."""
VERSION = 5
"""Bumped when what is kept changes shape."""
FOLDER = "composed"
"""The store's folder in the render cache."""


@dataclass(frozen=True)
class Edition(Generic[W]):
    """A composed edition by its digest; the edition itself is made or unpickled only when `get` asks for it.

    A build of ten years keys 522 packs by their rundowns' digests and
    draws one or two of them: the others' rundowns need never be read back.
    """

    digest: str
    _get: Callable[[], W]

    @classmethod
    def of(cls, made: W) -> Edition[W]:
        """An edition made just now."""
        return cls(edition_digest(made), lambda: made)

    def get(self) -> W:
        return self._get()


@dataclass
class Composed:
    """Composed editions by key, pickled; kept in `path` (None: in memory only)."""

    path: Path | None
    kept: dict[str, Kept] = field(default_factory=dict)
    used: dict[str, Kept] = field(default_factory=dict)
    loaded: dict[str, tuple[bytes, Any]] = field(default_factory=dict)
    """Editions made or unpickled in this process, by name, with the pickle they stand for: the editors' preview asks
    for the same 240 issues at every save, and unpickling them all took a second of each rebuild at ten years."""

    @classmethod
    def open(cls, cache: Path | None, toolchain: str) -> Composed:
        """The store of the render cache `cache` for this toolchain (a new, empty one when there is none)."""
        if cache is None:
            return cls(None)
        path = cache / FOLDER / f"editions-{toolchain[:32]}.pickle"
        try:
            kept = pickle.loads(path.read_bytes())  # written by `save` below, for this very code (see SECURITY.md)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return cls(path)
        return cls(path, kept[1]) if isinstance(kept, tuple) and kept[0] == VERSION else cls(path)

    def get(self, views: Views, day: dt.date, name: str, compose: Callable[[], T]) -> T:
        """What `compose` makes of the view on `day` for the edition `name` (with what else it reads, e.g. the site's address).

        An edition (`cache.Whole`) is kept with its digest, which comes back
        with it: an edition taken again is not digested again for its keys.
        """
        kept = self._taken(views, day, name)
        return self._load(name, kept) if kept is not None else self._compose(views, day, name, compose)

    def lazily(self, views: Views, day: dt.date, name: str, compose: Callable[[], W]) -> Edition[W]:
        """`get` for an edition whose digest may be all its caller needs: a kept one is unpickled only when asked for."""
        kept = self._taken(views, day, name)
        if kept is None:
            return Edition.of(self._compose(views, day, name, compose))
        assert kept[4] is not None, f"{name} was kept as an edition"
        return Edition(kept[4], functools.partial(self._load, name, kept))

    def _taken(self, views: Views, day: dt.date, name: str) -> Kept | None:
        """What was kept of `name`, while what it read of the view on `day` is unchanged (noted as used)."""
        kept = self.kept.get(name)
        if kept is not None and kept[0] == day and views.fingerprint(day, kept[1]) == kept[2]:
            self.used[name] = kept
            return kept
        return None

    def _compose(self, views: Views, day: dt.date, name: str, compose: Callable[[], T]) -> T:
        with views.reading() as reads:
            made = compose()
        read = views.compact(day, reads)
        digested = edition_digest(made) if isinstance(made, Whole) else None
        pickled = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
        self.used[name] = (day, read, views.fingerprint(day, read), pickled, digested)
        self.loaded[name] = (pickled, made)
        return made

    def _load(self, name: str, kept: Kept) -> Any:
        """The edition `kept` stands for: the very object made or unpickled before for that pickle (editions are not
        changed once composed), else unpickled now."""
        loaded = self.loaded.get(name)
        if loaded is not None and loaded[0] is kept[3]:
            return loaded[1]
        made = pickle.loads(kept[3])  # see `open`
        if kept[4] is not None:
            edition_digest.remember(made, kept[4])
        self.loaded[name] = (kept[3], made)
        return made

    @staticmethod
    def made(store: Composed | None, views: Views, day: dt.date, name: str, compose: Callable[[], T]) -> T:
        """What `compose` makes, taken from `store` (see `get`) when the caller has one."""
        return compose() if store is None else store.get(views, day, name, compose)

    @staticmethod
    def lazy(store: Composed | None, views: Views, day: dt.date, name: str, compose: Callable[[], W]) -> Edition[W]:
        """`lazily` from `store`, or what `compose` makes now when the caller has none."""
        return Edition.of(compose()) if store is None else store.lazily(views, day, name, compose)

    def save(self) -> None:
        """Keep what this build used, and nothing else (other toolchains' stores go), written whole; the next build starts from it."""
        if self.path is not None and self.used != self.kept:
            for stale in self.path.parent.glob("editions-*.pickle"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
            write_atomic(self.path, pickle.dumps((VERSION, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        self.kept, self.used = self.used, {}
