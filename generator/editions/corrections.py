"""更正: what changed in the public content of records since an issued bulletin printed them.

An issued bulletin is never reprinted; when a record it showed is edited
afterwards, the next issue carries a correction in the official phrasing
("2017年第15期「隐患整改」第3条（…）中，「整改期限」“…”应为“…”。").
A record is compared as it stood on the date the issue spoke for, so a later
follow-up or closure (news, not a correction) changes nothing; only its
public content counts (`ledger.content`), so private fields and formatting
never produce one. Each issued correction is marked in the ledger with the
content it stands for, so it is made once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator import strings
from generator.editions.calendar import Issue
from generator.editions.ledger import Archive, content, content_hash, normal
from generator.records.issued import CorrectionMark, Entry
from generator.records.models import KINDS, Record
from generator.records.public import Views
from generator.records.refs import list_item

SNAPSHOT = "records.json"
"""The sealed public content of every record an issue showed, and of every (issue, record) it corrected as corrected: what corrections compare with."""
SECTIONS = ("news", "inspections", "cases", "listings", "rankings", "accountability", "tipoffs")
"""The printed sections whose items a correction can name, by their keys in `strings.PRINT`."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
S = strings.ISSUED


@dataclass(frozen=True)
class Correction:
    """One record's correction of one issued issue; `text` is the whole printed item (shared when it names several issues)."""

    edition: str
    """The issue corrected."""
    record: str
    hash: str
    """The record's public content now (`ledger.content_hash`)."""
    text: str

    def mark(self) -> CorrectionMark:
        return CorrectionMark(edition=self.edition, record=self.record, hash=self.hash, text=self.text)


@dataclass(frozen=True)
class Issued:
    """A correction as the public knows it: printed in issue `carried_by`, signed on `date`."""

    correction: CorrectionMark
    carried_by: str
    date: dt.date


@dataclass(frozen=True)
class _Printed:
    """Where a record stood in an issued issue, and its sealed content there (as issued or as last corrected)."""

    edition: str
    record: str
    kind: str
    section: str
    item: int
    headline: str
    data: dict[str, Any]


def issued(archive: Archive) -> list[Issued]:
    """Every correction carried by an issue issued in `archive`, in the order issued."""
    return [Issued(mark, entry.edition, entry.issued) for entry in archive.entries if entry.original for mark in entry.corrections]


def pending(archive: Archive, views: Views, reasons: dict[str, str] | None = None) -> list[Correction]:
    """Corrections the next issue must carry: records whose public content differs from what was last printed.

    `views` are today's records (published on the build or issue date: a
    withdrawn record is not corrected, it is redacted); `reasons` are the
    editors' reasons by record id (from the next issue's editorial file).
    """
    changed: dict[tuple[str, str], list[tuple[_Printed, str]]] = {}
    for printed in _latest(archive):
        record = views.on(Issue.parse(printed.edition).period.end).get(printed.record)
        if record is None:
            continue  # not public any more on that date (withdrawn or unpublished): nothing to correct
        changes = _changes(KINDS[printed.kind], normal(printed.data), content(record))
        if changes:
            changed.setdefault((printed.record, changes), []).append((printed, content_hash(record)))
    found = []
    for (record_id, changes), places in changed.items():
        where = S["where_sep"].join(_where(printed) for printed, _ in places)
        text = S["correction"].format(where=where, headline=places[0][0].headline, changes=changes)
        if reasons and reasons.get(record_id):
            text += S["reason"].format(reason=reasons[record_id].rstrip(S["full_stop"]))
        found.extend(Correction(printed.edition, record_id, digest, text) for printed, digest in places)
    return found


def snapshot(items: list[tuple[str, int, Record]], corrected: list[tuple[str, Record]]) -> dict[str, Any]:
    """The sealed SNAPSHOT of an issue: its printed items with their public content, and the records it corrects as corrected."""
    return {
        "items": [
            {"record": r.id, "kind": r.kind, "section": section, "item": number, "headline": r.headline, "data": content(r)}
            for section, number, r in items
        ],
        "corrected": [{"edition": edition, "record": r.id, "data": content(r)} for edition, r in corrected],
    }


def _latest(archive: Archive) -> list[_Printed]:
    """Every (issue, record) printed, with the content last printed for it: as issued, or as its last correction."""
    latest: dict[tuple[str, str], _Printed] = {}
    for entry in archive.entries:
        if entry.kind != "bulletin" or not entry.original:
            continue
        sealed = _snapshot(archive, entry)
        for item in sealed["items"]:
            printed = _Printed(entry.edition, item["record"], item["kind"], item["section"], item["item"], item["headline"], item["data"])
            latest[(entry.edition, printed.record)] = printed
        corrected = {(item["edition"], item["record"]): item["data"] for item in sealed["corrected"]}
        for mark in entry.corrections:
            key = (mark.edition, mark.record)
            if key in latest:
                latest[key] = dataclasses.replace(latest[key], data=corrected[key])
    return list(latest.values())


def _snapshot(archive: Archive, entry: Entry) -> dict[str, Any]:
    name = next(name for name in entry.files if name.endswith("/" + SNAPSHOT))
    data: dict[str, Any] = archive.json(entry, name)
    return data


def _where(printed: _Printed) -> str:
    issue = Issue.parse(printed.edition)
    return S["where"].format(year=issue.year, n=issue.number, section=strings.PRINT[printed.section], item=printed.item)


def _changes(model: type[BaseModel], old: dict[str, Any], new: dict[str, Any]) -> str:
    """The differences of two public contents in official phrasing: 「字段」“旧”应为“新”; empty when none."""
    return S["change_sep"].join(S["change"].format(field=label, old=before, new=after) for label, before, after in _diff(model, old, new))


def _diff(model: type[BaseModel], old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(field label, old, new) of every field that differs, item by item where a list kept its length.

    A field the sealed content lacks was added to the model after the issue
    was sealed (as 整改要求 was, for orders): the issue never said anything
    about it, so filling it in corrects nothing.
    """
    for name, field in model.model_fields.items():
        before, after = old.get(name), new.get(name)
        if name.startswith("_") or before == after or name not in old:
            continue
        label = S["field"].format(title=field.title or name)
        nested = _model_of(field.annotation)
        if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
            for number, (a, b) in enumerate(zip(before, after, strict=True), 1):
                if a == b:
                    continue
                here = S["field_item"].format(title=field.title or name, n=number)
                if nested is not None and isinstance(a, dict) and isinstance(b, dict):
                    yield from ((here + sub, x, y) for sub, x, y in _diff(nested, a, b))
                else:
                    yield here, _show(a), _show(b)
        elif nested is not None and isinstance(before, dict) and isinstance(after, dict):
            yield from ((label + sub, x, y) for sub, x, y in _diff(nested, before, after))
        else:
            yield label, _show(before), _show(after)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (`Review | None`) or holds a list of (`list[Finding]`)."""
    for candidate in (list_item(annotation), annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _show(value: Any) -> str:
    """A public value as the bulletin would print it."""
    if value is None or value == "" or value == [] or value == {}:
        return S["nothing"]
    if isinstance(value, bool):
        return S["yes"] if value else S["no"]
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return strings.cn_date(dt.date.fromisoformat(value)) if _DATE.match(value) else value
    if isinstance(value, list):
        return strings.PRINT["list_sep"].join(_show(item) for item in value)
    if isinstance(value, dict):
        return S["value_sep"].join(_show(item) for item in value.values() if item not in (None, "", [], {}))
    return str(value)
