"""Records already read, remembered by their bytes: a check after one edit parses one file.

At ten thousand records most of `check` is parsing YAML and validating it.
A record file's outcome (the validated record, or its problems) depends only
on its bytes and on what it is validated against — the registries, the
uploaded photos and this program's checking code — so it is kept under the
sha256 of the bytes, in one file per such context, and reused while both are
the same. Its cross-record rules (references, order numbers) are checked
afresh every time, over the whole catalog.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.records.models import Record

VERSION = 1
"""Bumped when what is remembered changes shape."""


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


@dataclass
class Memo:
    """Outcomes by the sha256 of a file's bytes, for one validation context."""

    path: Path | None
    """Where it is kept; None: kept in memory only."""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
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
        return self.outcomes.get(digest)

    def put(self, digest: str, outcome: Outcome) -> None:
        self.used.add(digest)
        self.outcomes[digest] = outcome
        self.changed = True

    def save(self) -> None:
        """Keep what this read used (nothing else), written whole and renamed into place."""
        if self.path is None or not (self.changed or self.used != set(self.outcomes)):
            return
        kept = {digest: outcome for digest, outcome in self.outcomes.items() if digest in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob("records-*.pickle"):
            if stale != self.path:
                stale.unlink(missing_ok=True)  # another context: registries or code that are no longer there
        with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False) as handle:
            handle.write(pickle.dumps((VERSION, kept), protocol=pickle.HIGHEST_PROTOCOL))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, self.path)
