"""Records already read, remembered by their bytes: a check after one edit parses one file.

At ten thousand records most of `check` is parsing YAML and validating it.
A record file's outcome (the validated record, or its problems) depends only
on its bytes and on what it is validated against — the registries, the
uploaded photos and this program's checking code — so it is kept under the
sha256 of the bytes, in one file per such context, and reused while both are
the same, with the references it makes to other records (found once per
bytes, not walked again on every check). Its cross-record rules (references,
order numbers) are checked afresh every time, over the whole catalog.

Each record is kept pickled on its own, and stays so until an output asks
for it (`Records`): saving after one edit writes the other outcomes' bytes as
they were read, and `check` runs the cross-record rules on each record's
`Facts`, kept beside it, without unpickling any record read before.

A file whose size, times and inode are those noted when it was read, long
enough ago that a later write would have moved them (as git trusts its
index), is not read again: its digest is taken from the note.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import time
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import write_atomic_with
from generator.records.catalog import Facts
from generator.records.models import Record
from generator.records.refs import Found

VERSION = 3
"""Bumped when what is remembered changes shape."""
CACHE = ".cache"
"""The render cache's folder, beside mkdocs.yml; remembered records are kept in its `records/`."""


def checking_code() -> bytes:
    """The source of the code that reads and validates records (and words its problems)."""
    package = Path(__file__).parent
    sha = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), package.parent / "strings.py"]):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.digest()


@dataclass(frozen=True)
class Outcome:
    """What reading one record file gave: the record, or None and the file's own problems."""

    record: Record | None
    problems: tuple[tuple[int, int, str, tuple[str | int, ...]], ...]
    """(line, col, message, loc) of each problem of the file's own."""
    refs: tuple[Found, ...] = ()
    """The record's references to other records (not to registered names, which validation checked)."""
    facts: Facts | None = None
    """What the cross-record rules read of the record."""


Kept = tuple[bytes, tuple[tuple[int, int, str, tuple[str | int, ...]], ...], tuple[Found, ...], Facts | None]
"""An outcome as stored: the pickled record (b"" for none), its problems, its references, its facts."""

Stat = tuple[int, int, int, int]
"""A file's size, modification and change times (ns) and inode."""
SETTLED_NS = 2_000_000_000
"""A file last written this long before it was read is trusted by its stat: a later write moves its times."""
STATS_WORTH_SAVING = 64
"""New stats alone are saved once there are this many: the memo is written whole, and a check right after a build
should not rewrite it for the one file just saved (read again next time), while a fresh clone's files are noted."""


def stat_of(result: os.stat_result) -> Stat:
    return result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino


def _keep(outcome: Outcome) -> Kept:
    record = pickle.dumps(outcome.record, protocol=pickle.HIGHEST_PROTOCOL) if outcome.record is not None else b""
    return record, outcome.problems, outcome.refs, outcome.facts


class Records(MutableMapping[str, Record]):
    """Records by id, those remembered kept pickled until first asked for.

    A build needs every record, `check` after one edit needs none whole: the
    cross-record rules read `Facts`. Unpickling ten thousand records is most
    of what such a check would cost.
    """

    def __init__(self, entries: dict[str, Record | bytes] | None = None) -> None:
        self._entries: dict[str, Record | bytes] = entries if entries is not None else {}

    def remember(self, record_id: str, pickled: bytes) -> None:
        """Hold a remembered record in its stored form (see `Memo.get`)."""
        self._entries[record_id] = pickled

    def __getitem__(self, record_id: str) -> Record:
        entry = self._entries[record_id]
        if isinstance(entry, bytes):
            entry = self._entries[record_id] = pickle.loads(entry)  # written by `_keep`, see `Memo.open`
        return entry

    def __setitem__(self, record_id: str, record: Record) -> None:
        self._entries[record_id] = record

    def __delitem__(self, record_id: str) -> None:
        del self._entries[record_id]

    def get(self, record_id: str, default: Record | None = None) -> Record | None:  # type: ignore[override]
        """As `Mapping.get`, without its exception handling: the public view asks millions of times."""
        entry = self._entries.get(record_id)
        if entry is None:
            return default
        return self[record_id] if isinstance(entry, bytes) else entry

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def copy(self) -> Records:
        """Another mapping of the same records (an entry unpickled by one is unpickled again by the other)."""
        return Records(dict(self._entries))


@dataclass
class Memo:
    """Outcomes by the sha256 of a file's bytes, for one validation context."""

    path: Path | None
    """Where it is kept; None: kept in memory only."""
    kept: dict[str, Kept] = field(default_factory=dict)
    """Outcomes by digest, in their stored form (records unpickled only when asked for)."""
    stats: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    """Each record file's stat when it was last read, and its digest, by path."""
    used: set[str] = field(default_factory=set)
    seen: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    """The stats to keep: files read (or trusted) this time, settled when they were read."""
    changed: bool = False

    @classmethod
    def open(cls, folder: Path | None, context: bytes) -> Memo:
        """The memo for `context` (the registries' and photos' state, this program's checking code) kept in `folder`."""
        if folder is None:
            return cls(None)
        path = folder / f"records-{hashlib.sha256(context).hexdigest()[:32]}.pickle"
        try:
            kept = pickle.loads(path.read_bytes())  # written by `save` below, for this very code (see SECURITY.md)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return cls(path)
        if not isinstance(kept, tuple) or kept[0] != VERSION:
            return cls(path)
        return cls(path, kept[1], kept[2])

    def digest_of(self, path: Path, stat: Stat) -> str | None:
        """The digest noted for `path` when it had this very stat, if any."""
        noted = self.stats.get(str(path))
        if noted is None or noted[0] != stat:
            return None
        self.seen[str(path)] = noted
        return noted[1]

    def known(self) -> dict[str, tuple[Stat, str]]:
        """Each record file's stat and digest as this memo knows them (noted before, or by this reading)."""
        return {**self.stats, **self.seen}

    def know(self, known: Mapping[str, tuple[Stat, str]]) -> None:
        """Take the stats and digests another memo knows (`known`): a file's digest is that of its bytes alone."""
        self.stats = {**known, **self.stats}

    def note(self, path: Path, stat: Stat, digest: str) -> None:
        """Note a file's stat as read, unless it was written so recently that a write in the same tick could follow."""
        if time.time_ns() - stat[1] >= SETTLED_NS:
            self.seen[str(path)] = (stat, digest)

    def get(self, digest: str) -> Kept | None:
        """The stored outcome of a file with this digest (its record still pickled), if remembered."""
        self.used.add(digest)
        return self.kept.get(digest)

    def put(self, digest: str, outcome: Outcome) -> None:
        self.used.add(digest)
        self.kept[digest] = _keep(outcome)
        self.changed = True

    def save(self) -> None:
        """Keep what this read used (nothing else), written whole and renamed into place."""
        noted = sum(1 for path, stat in self.seen.items() if self.stats.get(path) != stat)
        if self.path is None or not (self.changed or self.used != set(self.kept) or noted >= STATS_WORTH_SAVING):
            return
        kept = {digest: outcome for digest, outcome in self.kept.items() if digest in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob("records-*.pickle"):
            if stale != self.path:
                stale.unlink(missing_ok=True)  # another context: registries or code that are no longer there
        write_atomic_with(self.path, functools.partial(pickle.dump, (VERSION, kept, self.seen), protocol=pickle.HIGHEST_PROTOCOL))
