"""An aired episode as sealed: every item's rundown line, slide and lower-third text, captions and timing.

Packs (slides, video) are too large to keep in the records repository; what
the county saw is kept as text (`aired.json`, beside the rundown and the
captions), and the site's page of an aired episode is made from it, never
from today's records. The TV pack writes it, the build reads it: the format
lives here, below both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from generator.strings import ISSUED, TV

SEALED = "aired.json"
KEPT = tuple(TV[key] for key in ("order", "segment", "start", "duration"))
"""Rundown columns an item keeps when its record is withdrawn: where it stood and how long, not what it said."""


@dataclass(frozen=True)
class Shown:
    """A slide or lower-third as aired: its file in the pack, when it came up (timecode) and its text."""

    file: str
    start: str
    text: str


@dataclass(frozen=True)
class Caption:
    start: str
    end: str
    text: str


@dataclass(frozen=True)
class AiredItem:
    records: list[str]
    row: dict[str, str]
    """The item's line of the rundown (rundown.csv), header to value."""
    slides: list[Shown]
    lower_third: Shown | None
    captions: list[Caption]


@dataclass(frozen=True)
class Aired:
    episode: str
    air_date: dt.date
    total: str
    """Running time as a timecode."""
    items: list[AiredItem] = field(default_factory=list)

    def to_json(self) -> bytes:
        data = dataclasses.asdict(self)
        data["air_date"] = self.air_date.isoformat()
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Aired:
        items = [
            AiredItem(
                item["records"], item["row"], [Shown(**s) for s in item["slides"]],
                Shown(**item["lower_third"]) if item["lower_third"] else None, [Caption(**c) for c in item["captions"]],
            )
            for item in data["items"]
        ]
        return cls(data["episode"], dt.date.fromisoformat(data["air_date"]), data["total"], items)

    def without(self, withdrawn: dict[str, str]) -> Aired:
        """The public form once the records in `withdrawn` (id → legal basis) are withdrawn.

        An item showing one of them says only "此条已依法撤回" and the basis,
        where it stood and for how long. A board item lists several units:
        all of them are withheld on this page (their own pages and issues
        still show them), since the sealed text does not tell one unit's
        caption from another's.
        """
        items = []
        for item in self.items:
            basis = next((withdrawn[r] for r in item.records if r in withdrawn), None)
            if basis is None:
                items.append(item)
                continue
            notice = ISSUED["withdrawn_basis"].format(basis=basis)
            row = {key: (value if key in KEPT else notice if key == TV["item"] else "") for key, value in item.row.items()}
            slides = [Shown("", slide.start, notice) for slide in item.slides]
            start = item.captions[0].start if item.captions else item.row.get(TV["start"], "")
            end = item.captions[-1].end if item.captions else start
            items.append(AiredItem([], row, slides, None, [Caption(start, end, notice)]))
        return dataclasses.replace(self, items=items)
