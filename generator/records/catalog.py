"""The validated records as one queryable whole.

Outputs ask the catalog, never the files: records by kind and date, a unit's
records, a ranking's predecessor. Cross-record rules (references resolve, a
finding's case points back at its inspection, order numbers are unique) are
checked here because only the whole catalog can see them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from generator.records.hints import did_you_mean
from generator.records.editorial import SEGMENT_KINDS, SEGMENT_OF, EpisodeEditorial, editorial_key
from generator.records.issued import FOLDER, Issued
from generator.records.models import Case, Inspection, Record
from generator.records.refs import REGISTERED, Found, Loc, iter_refs
from generator.records.registry import Office, Units
from generator.records.vocabulary import UnitKind
from generator.strings import CHECK, KIND, SEGMENT

R = TypeVar("R", bound=Record)


class Facts(NamedTuple):
    """What the cross-record rules read of a record: kept beside each remembered record, so that
    checking ten thousand records read before needs none of them whole (a tuple: quick to unpickle)."""

    kind: str
    date: dt.date
    inspection: str | None = None
    """A case's inspection."""
    order_no: str | None = None
    """A case's order number."""
    referred_to: str | None = None
    """The unit a case was referred to (转办)."""
    cases: tuple[tuple[int, str], ...] = ()
    """An inspection's findings that opened a case: (finding's index, case id)."""

    @classmethod
    def of(cls, record: Record) -> Facts:
        if isinstance(record, Case):
            return cls(record.kind, record.date, record.inspection, record.order_no, record.referred_to)
        if isinstance(record, Inspection):
            cases = tuple((index, finding.case) for index, finding in enumerate(record.findings) if finding.case)
            return cls(record.kind, record.date, cases=cases)
        return cls(record.kind, record.date)


@dataclass
class Catalog:
    office: Office
    units: Units
    records: Mapping[str, Record]
    """Records by id (a record read before is unpickled when first asked for, see memo.py)."""
    facts: Mapping[str, Facts]
    """Each record's facts by id."""
    digests: Mapping[str, str]
    """Each record file's digest (sha256 of its name and bytes) by id: what the record was read from."""
    editorial: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    """Editorial files by folder ('bulletins', 'episodes') and id."""
    issued: Issued = field(default_factory=lambda: Issued(Path(FOLDER)))
    """The archive of issued editions (records/issued/) and its ledger's entries."""

    @cached_property
    def _by_kind(self) -> dict[str, list[Record]]:
        by_kind: dict[str, list[Record]] = defaultdict(list)
        for record in sorted(self.records.values(), key=lambda r: (r.date, r.id)):
            by_kind[record.kind].append(record)
        return by_kind

    def of(self, kind: type[R]) -> list[R]:
        """Records of one kind, oldest first."""
        return self._by_kind.get(kind.kind, [])  # type: ignore[return-value]

    def by_kind(self) -> dict[str, list[Record]]:
        """Records of every kind by kind name, oldest first."""
        return self._by_kind

    def _cases(self) -> list[tuple[str, Facts]]:
        """Every case's facts, oldest first (as `of(Case)` orders them)."""
        cases = [(record_id, facts) for record_id, facts in self.facts.items() if facts.kind == Case.kind]
        return sorted(cases, key=lambda item: (item[1].date, item[0]))

    def problems(
        self, invalid: set[str] | frozenset[str] = frozenset(), refs: Mapping[str, Iterable[Found]] | None = None
    ) -> Iterator[tuple[str, Loc, str]]:
        """Cross-record problems as (record id or editorial 'folder/id', location, message).

        `invalid` names records that exist but failed validation on their own:
        references to them are not reported again as missing. `refs` gives
        documents' references by key, for a caller that keeps them between
        checks: a record found there is never asked for whole; the others are
        walked afresh.
        """
        records: list[tuple[str, BaseModel | None]] = [(record_id, None) for record_id in self.facts]
        for key, document in records + self.editorial_documents():
            found = refs.get(key) if refs is not None else None
            if found is None:
                found = iter_refs(document if document is not None else self.records[key])
            for loc, ref, value in found:
                message = None if value in invalid else self._unresolved(ref.target, value)
                if message:
                    yield key, loc, message
        for record_id, fact in self.facts.items():
            yield from self._findings_point_back(record_id, fact)
        for key, document in self.editorial_documents():
            if isinstance(document, EpisodeEditorial):
                yield from self._items_fit_segments(key, document)
        yield from self._unique_order_numbers()
        yield from self._referrals_to_members()

    def editorial_documents(self) -> list[tuple[str, BaseModel | None]]:
        """Every editorial file's document, by its key ('folder/id')."""
        return [(editorial_key(folder, key), doc) for folder, docs in self.editorial.items() for key, doc in docs.items()]

    def _unresolved(self, target: str, value: str) -> str | None:
        if target in REGISTERED:
            return None  # checked against the registry while validating each record
        found = self.facts.get(value)
        if found is None:
            same_kind = [record_id for record_id, fact in self.facts.items() if target == "record" or fact.kind == target]
            kind = KIND.get(target, CHECK["kind_record"])
            return CHECK["no_record"].format(id=value, kind=kind, hint=did_you_mean(value, same_kind))
        if target != "record" and found.kind != target:
            return CHECK["wrong_kind"].format(id=value, actual=KIND[found.kind], expected=KIND[target])
        return None

    def _findings_point_back(self, inspection: str, facts: Facts) -> Iterator[tuple[str, Loc, str]]:
        for index, case_id in facts.cases:
            case = self.facts.get(case_id)
            if case is not None and case.kind == Case.kind and case.inspection != inspection:
                yield inspection, ("findings", index, "case"), CHECK["not_pointing_back"].format(case=case_id, id=inspection)

    def _items_fit_segments(self, key: str, episode: EpisodeEditorial) -> Iterator[tuple[str, Loc, str]]:
        """An episode's items must be records the programme can show, in a segment that shows their kind."""
        for loc, item in episode.entries():
            found = self.facts.get(item.record)
            if found is None:
                continue  # reported as an unresolved reference
            if found.kind not in SEGMENT_OF:
                yield key, (*loc, "record"), CHECK["not_on_screen"].format(id=item.record, kind=KIND[found.kind])
            elif item.segment is not None and found.kind not in SEGMENT_KINDS[item.segment]:
                fits = SEGMENT[SEGMENT_OF[found.kind]]
                yield key, (*loc, "segment"), CHECK["wrong_segment"].format(
                    id=item.record, kind=KIND[found.kind], segment=SEGMENT[item.segment], fits=fits
                )

    def _referrals_to_members(self) -> Iterator[tuple[str, Loc, str]]:
        """A 转办 goes to a department with authority: a member unit (成员单位) of the committee."""
        members = [unit.name for unit in self.units.members]
        for case_id, case in self._cases():
            found = self.units.index.get(case.referred_to) if case.referred_to else None
            if found is not None and found[0] is not UnitKind.MEMBER:
                yield case_id, ("referred_to",), CHECK["not_a_member"].format(
                    name=case.referred_to, kind=found[0], hint=did_you_mean(case.referred_to or "", members)
                )

    def _unique_order_numbers(self) -> Iterator[tuple[str, Loc, str]]:
        first: dict[str, str] = {}
        for case_id, case in self._cases():
            if case.order_no is None:
                continue
            if case.order_no in first:
                yield case_id, ("order_no",), CHECK["order_no_taken"].format(order_no=case.order_no, other=first[case.order_no])
            else:
                first[case.order_no] = case_id
