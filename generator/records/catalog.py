"""The validated records as one queryable whole.

Outputs ask the catalog, never the files: records by kind and date, a unit's
records, a ranking's predecessor. Cross-record rules (references resolve, a
finding's case points back at its inspection, order numbers are unique) are
checked here because only the whole catalog can see them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator.records.hints import did_you_mean
from generator.records.editorial import SEGMENT_KINDS, SEGMENT_OF, EpisodeEditorial
from generator.records.issued import FOLDER, Issued
from generator.records.models import Case, Inspection, Record
from generator.records.refs import REGISTERED, Found, Loc, iter_refs
from generator.records.registry import Office, Units
from generator.records.vocabulary import UnitKind
from generator.strings import CHECK, KIND, SEGMENT

R = TypeVar("R", bound=Record)


@dataclass
class Catalog:
    office: Office
    units: Units
    records: dict[str, Record]
    editorial: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    """Editorial files by folder ('bulletins', 'episodes') and id."""
    issued: Issued = field(default_factory=lambda: Issued(Path(FOLDER)))
    """The archive of issued editions (records/issued/) and its ledger's entries."""
    _by_kind: dict[str, list[Record]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_kind = defaultdict(list)
        for record in sorted(self.records.values(), key=lambda r: (r.date, r.id)):
            self._by_kind[record.kind].append(record)

    def of(self, kind: type[R]) -> list[R]:
        """Records of one kind, oldest first."""
        return self._by_kind.get(kind.kind, [])  # type: ignore[return-value]

    def by_kind(self) -> dict[str, list[Record]]:
        """Records of every kind by kind name, oldest first."""
        return self._by_kind

    def problems(
        self, invalid: set[str] | frozenset[str] = frozenset(), refs: Callable[[str, BaseModel], Iterable[Found]] | None = None
    ) -> Iterator[tuple[str, Loc, str]]:
        """Cross-record problems as (record id or editorial 'folder/id', location, message).

        `invalid` names records that exist but failed validation on their own:
        references to them are not reported again as missing. `refs` gives a
        document's references (by key), for a caller that keeps them between
        checks; by default they are walked afresh.
        """
        documents = [(record.id, record) for record in self.records.values()]
        documents += [(f"{folder}/{key}", doc) for folder, docs in self.editorial.items() for key, doc in docs.items()]
        for key, document in documents:
            for loc, ref, value in refs(key, document) if refs else iter_refs(document):
                message = None if value in invalid else self._unresolved(ref.target, value)
                if message:
                    yield key, loc, message
            if isinstance(document, Inspection):
                yield from self._findings_point_back(document)
            if isinstance(document, EpisodeEditorial):
                yield from self._items_fit_segments(key, document)
        yield from self._unique_order_numbers()
        yield from self._referrals_to_members()

    def _unresolved(self, target: str, value: str) -> str | None:
        if target in REGISTERED:
            return None  # checked against the registry while validating each record
        record = self.records.get(value)
        if record is None:
            same_kind = [r.id for r in self.records.values() if target == "record" or r.kind == target]
            kind = KIND.get(target, CHECK["kind_record"])
            return CHECK["no_record"].format(id=value, kind=kind, hint=did_you_mean(value, same_kind))
        if target != "record" and record.kind != target:
            return CHECK["wrong_kind"].format(id=value, actual=KIND[record.kind], expected=KIND[target])
        return None

    def _findings_point_back(self, inspection: Inspection) -> Iterator[tuple[str, Loc, str]]:
        for index, finding in enumerate(inspection.findings):
            case = self.records.get(finding.case or "")
            if isinstance(case, Case) and case.inspection != inspection.id:
                yield inspection.id, ("findings", index, "case"), CHECK["not_pointing_back"].format(case=case.id, id=inspection.id)

    def _items_fit_segments(self, key: str, episode: EpisodeEditorial) -> Iterator[tuple[str, Loc, str]]:
        """An episode's items must be records the programme can show, in a segment that shows their kind."""
        for loc, item in episode.entries():
            record = self.records.get(item.record)
            if record is None:
                continue  # reported as an unresolved reference
            if record.kind not in SEGMENT_OF:
                yield key, (*loc, "record"), CHECK["not_on_screen"].format(id=record.id, kind=KIND[record.kind])
            elif item.segment is not None and record.kind not in SEGMENT_KINDS[item.segment]:
                fits = SEGMENT[SEGMENT_OF[record.kind]]
                yield key, (*loc, "segment"), CHECK["wrong_segment"].format(
                    id=record.id, kind=KIND[record.kind], segment=SEGMENT[item.segment], fits=fits
                )

    def _referrals_to_members(self) -> Iterator[tuple[str, Loc, str]]:
        """A 转办 goes to a department with authority: a member unit (成员单位) of the committee."""
        members = [unit.name for unit in self.units.members]
        for case in self.of(Case):
            found = self.units.index.get(case.referred_to) if case.referred_to else None
            if found is not None and found[0] is not UnitKind.MEMBER:
                yield case.id, ("referred_to",), CHECK["not_a_member"].format(
                    name=case.referred_to, kind=found[0], hint=did_you_mean(case.referred_to or "", members)
                )

    def _unique_order_numbers(self) -> Iterator[tuple[str, Loc, str]]:
        first: dict[str, str] = {}
        for case in self.of(Case):
            if case.order_no in first:
                yield case.id, ("order_no",), CHECK["order_no_taken"].format(order_no=case.order_no, other=first[case.order_no])
            else:
                first[case.order_no] = case.id
