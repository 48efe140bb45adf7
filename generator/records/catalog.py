"""The validated records as one queryable whole.

Outputs ask the catalog, never the files: records by kind and date, a unit's
records, a ranking's predecessor. Cross-record rules (references resolve, a
finding's case points back at its inspection, order numbers are unique) are
checked here because only the whole catalog can see them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from generator.records.hints import did_you_mean
from generator.records.models import Case, Inspection, Ranking, Record
from generator.records.refs import Loc, iter_refs
from generator.records.registry import Office, Unit, UnitKind, Units
from generator.strings import ORDER_CHECK

R = TypeVar("R", bound=Record)


@dataclass
class Catalog:
    office: Office
    units: Units
    records: dict[str, Record]
    editorial: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    """Editorial files by folder ('bulletins', 'episodes') and id."""
    _by_kind: dict[str, list[Record]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_kind = defaultdict(list)
        for record in sorted(self.records.values(), key=lambda r: (r.date, r.id)):
            self._by_kind[record.kind].append(record)

    def of(self, kind: type[R]) -> list[R]:
        """Records of one kind, oldest first."""
        return self._by_kind.get(kind.kind, [])  # type: ignore[return-value]

    def between(self, kind: type[R], start: dt.date, end: dt.date) -> list[R]:
        """Records of one kind dated from `start` to `end`, both included."""
        return [r for r in self.of(kind) if start <= r.date <= end]

    def unit(self, name: str) -> tuple[UnitKind, Unit] | None:
        """A registered unit and its kind, by name."""
        return self.units.index.get(name)

    def previous(self, ranking: Ranking) -> Ranking | None:
        """The ranking of the same series just before this one."""
        earlier = [r for r in self.of(Ranking) if r.series == ranking.series and (r.date, r.id) < (ranking.date, ranking.id)]
        return earlier[-1] if earlier else None

    def movement(self, ranking: Ranking) -> dict[str, int | None]:
        """Places gained (+) or lost (-) since the previous ranking; None when new to the series."""
        before = self.previous(ranking)
        old = before.ranks() if before else {}
        return {unit: (old[unit] - rank if unit in old else None) for unit, rank in ranking.ranks().items()}

    def problems(self, invalid: set[str] | frozenset[str] = frozenset()) -> Iterator[tuple[str, Loc, str]]:
        """Cross-record problems as (record id or editorial 'folder/id', location, message).

        `invalid` names records that exist but failed validation on their own:
        references to them are not reported again as missing.
        """
        documents = [(record.id, record) for record in self.records.values()]
        documents += [(f"{folder}/{key}", doc) for folder, docs in self.editorial.items() for key, doc in docs.items()]
        for key, document in documents:
            for loc, ref, value in iter_refs(document):
                message = None if value in invalid else self._unresolved(ref.target, value)
                if message:
                    yield key, loc, message
            if isinstance(document, Inspection):
                yield from self._findings_point_back(document)
        yield from self._unique_order_numbers()
        yield from self._referrals_to_members()

    def _unresolved(self, target: str, value: str) -> str | None:
        if target in ("unit", "town"):
            return None  # checked against the registry while validating each record
        record = self.records.get(value)
        if record is None:
            same_kind = [r.id for r in self.records.values() if target == "record" or r.kind == target]
            return f"no {target} record with id '{value}'" + did_you_mean(value, same_kind)
        if target != "record" and record.kind != target:
            return f"'{value}' is a record of kind '{record.kind}', not '{target}'"
        return None

    def _findings_point_back(self, inspection: Inspection) -> Iterator[tuple[str, Loc, str]]:
        for index, finding in enumerate(inspection.findings):
            case = self.records.get(finding.case or "")
            if isinstance(case, Case) and case.inspection != inspection.id:
                yield inspection.id, ("findings", index, "case"), (
                    f"case '{case.id}' does not point back here; set its 'inspection: {inspection.id}'"
                )

    def _referrals_to_members(self) -> Iterator[tuple[str, Loc, str]]:
        """A 转办 goes to a department with authority: a member unit (成员单位) of the committee."""
        members = [unit.name for unit in self.units.members]
        for case in self.of(Case):
            found = self.unit(case.referred_to) if case.referred_to else None
            if found is not None and found[0] != "成员单位":
                yield case.id, ("referred_to",), ORDER_CHECK["not_a_member"].format(
                    name=case.referred_to, kind=found[0]
                ) + did_you_mean(case.referred_to or "", members)

    def _unique_order_numbers(self) -> Iterator[tuple[str, Loc, str]]:
        first: dict[str, str] = {}
        for case in self.of(Case):
            if case.order_no in first:
                yield case.id, ("order_no",), f"order number {case.order_no} is already used by '{first[case.order_no]}'"
            else:
                first[case.order_no] = case.id
