"""Records already read, remembered by their bytes: a check after one edit parses one file.

At ten thousand records most of `check` is parsing YAML and validating it.
A record file's outcome (the validated record, or its problems) depends only
on its bytes and on what it is validated against — the registries, the
uploaded photos and this program's checking code — so it is kept under the
sha256 of the bytes, in one file per such context, and reused while both are
the same, with the references it makes to other records (found once per
bytes, not walked again on every check). Its cross-record rules (references,
order numbers) are checked afresh every time, over the whole catalog.

Each record is kept pickled on its own: saving after one edit writes the
other outcomes' bytes as they were read instead of pickling every record again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.records.models import Record
from generator.records.refs import Found

VERSION = 2
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


Kept = tuple[bytes, tuple[tuple[int, int, str, tuple[str | int, ...]], ...], tuple[Found, ...]]
"""An outcome as stored: the pickled record (b"" for none), its problems, its references."""


def _keep(outcome: Outcome) -> Kept:
    record = pickle.dumps(outcome.record, protocol=pickle.HIGHEST_PROTOCOL) if outcome.record is not None else b""
    return record, outcome.problems, outcome.refs


@dataclass
class Memo:
    """Outcomes by the sha256 of a file's bytes, for one validation context."""

    path: Path | None
    """Where it is kept; None: kept in memory only."""
    kept: dict[str, Kept] = field(default_factory=dict)
    """Outcomes by digest, in their stored form (records unpickled only when asked for)."""
    used: set[str] = field(default_factory=set)
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
        return cls(path, kept[1])

    def get(self, digest: str) -> Outcome | None:
        self.used.add(digest)
        kept = self.kept.get(digest)
        if kept is None:
            return None
        record, problems, refs = kept
        return Outcome(pickle.loads(record) if record else None, problems, refs)  # written by `_keep`, see `open`

    def put(self, digest: str, outcome: Outcome) -> None:
        self.used.add(digest)
        self.kept[digest] = _keep(outcome)
        self.changed = True

    def save(self) -> None:
        """Keep what this read used (nothing else), written whole and renamed into place."""
        if self.path is None or not (self.changed or self.used != set(self.kept)):
            return
        kept = {digest: outcome for digest, outcome in self.kept.items() if digest in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob("records-*.pickle"):
            if stale != self.path:
                stale.unlink(missing_ok=True)  # another context: registries or code that are no longer there
        with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False) as handle:
            handle.write(pickle.dumps((VERSION, kept), protocol=pickle.HIGHEST_PROTOCOL))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, self.path)
