"""The ledger of issued editions (`records/issued/ledger.yaml`): what the office signed and sent.

Issuing (签发) seals an edition: its files are written under `records/issued/`
and one entry is appended to the ledger, naming the edition, who signed it,
the sha256 of every file and of every record's public content as issued.
The ledger lives with the records because it is a record: committed, never
rewritten, read (and checked) by the loader like every other file.

One entry per issued document. A redacted public copy of an issued bulletin
(after a withdrawal) is a document too, with its own entry; the original's
entry and files stay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from generator.records.editorial import EPISODE_ID, ISSUE_ID
from generator.records.models import EditorName, Model
from generator.records.refs import RECORD_ID, Loc
from generator.strings import CHECK

FOLDER = "issued"
"""The archive's folder inside the records folder."""
LEDGER = "ledger.yaml"
LIMITS = (64 << 20, 4_000_000)
"""Bytes and values the ledger may hold: it grows by an entry per edition, about 3 MB in ten years."""
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", title="SHA-256")]
EditionKind = Literal["bulletin", "episode", "order", "closure"]
"""What can be issued: a bulletin issue, an aired episode, a case's order or its 销号 notice (their edition is the case's id)."""
EDITION_IDS: dict[str, re.Pattern[str]] = {"bulletin": ISSUE_ID, "episode": EPISODE_ID, "order": RECORD_ID, "closure": RECORD_ID}
FILE_NAME = re.compile(r"^[a-z]+/[0-9A-Za-z-]+/(?:[0-9a-z-]+/)?[0-9A-Za-z.-]+$")
"""An archived file, relative to the archive: `<kind>/<edition>/[<copy>/]<name>`; nothing that climbs out."""


class CorrectionMark(Model):
    """One 更正 an issue carried: which earlier issue's item it corrects, and the record's content it now stands for."""

    edition: str = Field(title="被更正的期次")
    record: str = Field(title="记录编号")
    hash: Sha256 = Field(title="更正后公开内容的 SHA-256")
    text: str = Field(min_length=1, title="更正文字", description="印在更正栏中的原文")


class Entry(Model):
    """One issued document: an edition as signed, or a redacted public copy of one."""

    edition: str = Field(title="期次", examples=["2017-23", "2017-W50"])
    kind: EditionKind = Field(title="种类")
    issued: dt.date = Field(title="签发日期")
    signed_by: EditorName
    files: dict[str, Sha256] = Field(min_length=1, title="存档文件", description="文件路径（相对 records/issued/）→ SHA-256")
    records: dict[str, Sha256] = Field(default_factory=dict, title="记录", description="记录编号 → 签发时公开内容的 SHA-256")
    corrections: list[CorrectionMark] = Field(default_factory=list, title="更正")
    redacted: dict[str, dt.date] = Field(
        default_factory=dict, title="遮盖的记录", description="公开版：已撤回而遮盖的记录编号 → 撤回日期；原件不填"
    )
    unarchived: dict[str, Sha256] = Field(
        default_factory=dict, title="未存档文件", description="过大而不入库的文件（如节目素材包）→ SHA-256"
    )

    @property
    def original(self) -> bool:
        """The document as signed, not a redacted public copy of it."""
        return not self.redacted

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if not EDITION_IDS[self.kind].match(self.edition):
            yield ("edition",), CHECK["ledger_edition"].format(edition=self.edition)
        for name in self.files:
            if not FILE_NAME.match(name) or not name.startswith(f"{self.kind}/{self.edition}/"):
                yield ("files", name), CHECK["ledger_file"].format(name=name, folder=f"{self.kind}/{self.edition}/")


@dataclass
class Issued:
    """The archive of issued editions: its folder and the ledger's entries in the order they were issued."""

    folder: Path
    entries: list[Entry] = field(default_factory=list)

    def problems(self) -> Iterator[tuple[int, Loc, str]]:
        """Rules across entries, as (entry index, location, message): each edition signed once, copies after originals."""
        originals: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(self.entries):
            key = (entry.kind, entry.edition)
            if entry.original and key in originals:
                yield index, ("edition",), CHECK["ledger_twice"].format(edition=entry.edition, date=self.entries[originals[key]].issued)
            elif not entry.original and key not in originals:
                yield index, ("redacted",), CHECK["ledger_copy_first"].format(edition=entry.edition)
            originals.setdefault(key, index)
            for number, mark in enumerate(entry.corrections):
                if ("bulletin", mark.edition) not in originals or mark.edition == entry.edition:
                    yield index, ("corrections", number, "edition"), CHECK["ledger_correction"].format(edition=mark.edition)
