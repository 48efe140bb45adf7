"""What the office has issued: the ledger's entries up to a date, their sealed files, and sealing new ones.

Every output that shows an issued edition reads it from here: the build
offers the sealed bytes instead of rendering again, the site reads an aired
episode's sealed text, corrections compare today's records with the content
hashed when an issue was signed. Sealing is the one place that writes into
`records/issued/`: files first, the ledger last, each written to a temporary
file, flushed to disk and renamed, so an interrupted issue leaves either
nothing or a complete entry (stray files of an unfinished one are never in
the ledger: `verify` names them, and nothing more is issued until they are
looked at and removed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML

from generator.errors import IssuedError
from generator.files import write_atomic
from generator.records.issued import LEDGER, Entry, Issued
from generator.records.public import public_data
from generator.strings import ISSUED

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
"""Chinese characters and full-width punctuation: a space beside one is line wrapping, not text."""
BESIDE_CJK = re.compile(f"(?<=[{CJK}]) | (?=[{CJK}])")
NOT_CONTENT = ("id", "public", "personal_data_reason")
"""Public fields that say how a record is published, not what it says: changing them corrects nothing."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normal(value: Any) -> Any:
    """Public data with formatting taken out: runs of white space as one space (none beside Chinese), numbers as floats.

    Re-wrapping a paragraph (a folded line of Chinese becomes a space) or
    writing 92 for 92.0 changes the YAML, not what the public reads: it must
    not count as a correction. Sealed content is compared after normalising
    it again, so a rule added here later never makes a correction of its own.
    """
    if isinstance(value, str):
        return BESIDE_CJK.sub("", " ".join(value.split()))
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normal(item) for item in value]
    return value


def content(record: BaseModel) -> dict[str, Any]:
    """What a record says to the public, normalised: its public fields but those in NOT_CONTENT."""
    data = normal(public_data(record))
    return {key: value for key, value in data.items() if key not in NOT_CONTENT}


def content_hash(record: BaseModel) -> str:
    """sha256 of `content(record)`: equal for any two public copies that say the same."""
    return data_hash(content(record))


def data_hash(data: dict[str, Any]) -> str:
    """sha256 of content as sealed (see `content`), in a canonical JSON form."""
    return sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


class Archive:
    """The issued editions a build on `as_of` knows of (all of them without a date), with their sealed files."""

    def __init__(self, issued: Issued, as_of: dt.date | None = None) -> None:
        self.issued = issued
        self.folder = issued.folder
        self.entries = [entry for entry in issued.entries if as_of is None or entry.issued <= as_of]

    def original(self, kind: str, edition: str) -> Entry | None:
        """The entry of `edition` as signed, if it was issued."""
        return next((e for e in self.entries if e.kind == kind and e.edition == edition and e.original), None)

    def originals(self, kind: str) -> list[Entry]:
        """Every edition of `kind` issued, in the order it was issued."""
        return [entry for entry in self.entries if entry.kind == kind and entry.original]

    def public_copy(self, original: Entry, withdrawn: set[str]) -> Entry | None:
        """The copy of `original` the public may see once the records in `withdrawn` are withdrawn.

        The original when none of its records is withdrawn; else the redacted
        copy that blacks out exactly those, or None when it has not been made.
        """
        if not withdrawn:
            return original
        return next(
            (e for e in self.entries if e.kind == original.kind and e.edition == original.edition and set(e.redacted) == withdrawn),
            None,
        )

    def path(self, name: str) -> Path:
        return self.folder / name

    def read(self, entry: Entry, name: str) -> bytes:
        """The bytes of an archived file of `entry`, refused unless they are the ones the ledger sealed."""
        path = self.path(name)
        try:
            data = path.read_bytes()
        except OSError:
            raise IssuedError(f"{path}: archived file of {entry.kind} {entry.edition} is missing (run safety365 verify)") from None
        if sha256(data) != entry.files[name]:
            raise IssuedError(f"{path}: changed since {entry.kind} {entry.edition} was issued (run safety365 verify)")
        return data

    def json(self, entry: Entry, name: str) -> Any:
        """A sealed JSON file of `entry`, checked like `read`."""
        return json.loads(self.read(entry, name))

    def verify(self) -> Iterator[str]:
        """One line per archived file that was changed or lost, or that the ledger does not list."""
        listed: set[Path] = set()
        for entry in self.entries:
            for name, digest in entry.files.items():
                path = self.path(name)
                listed.add(path)
                if not path.is_file():
                    yield f"{path}: missing ({entry.kind} {entry.edition}, issued {entry.issued})"
                elif sha256(path.read_bytes()) != digest:
                    yield f"{path}: changed since it was issued ({entry.kind} {entry.edition}, {entry.issued})"
        ledger = self.folder / LEDGER
        for path in sorted(self.folder.rglob("*")) if self.folder.is_dir() else ():
            if path.is_file() and path != ledger and path not in listed:
                yield f"{path}: not in the ledger"

    def seal(self, entry: Entry, files: dict[str, bytes]) -> None:
        """Write the files of a new entry, then append the entry to the ledger: refused for an edition issued before."""
        if entry.original and self.original(entry.kind, entry.edition) is not None:
            raise IssuedError(f"{entry.kind} {entry.edition} was issued already: an edition is issued once (see {self.folder / LEDGER})")
        assert {name: sha256(data) for name, data in files.items()} == entry.files, "sealed files must be the ones hashed"
        for name, data in files.items():
            write_atomic(self.path(name), data)
        ledger = self.folder / LEDGER
        before = ledger.read_bytes() if ledger.is_file() else ISSUED["ledger_header"].encode("utf-8")
        write_atomic(ledger, before + _yaml([entry.model_dump(mode="python", exclude_defaults=True)]))
        self.issued.entries.append(entry)
        self.entries.append(entry)


def _yaml(data: Any) -> bytes:
    """The ledger's YAML for `data`: block style, Chinese as is, one key per line."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue().encode("utf-8")

