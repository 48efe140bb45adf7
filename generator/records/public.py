"""The one rule of what may leave the office: the public view of the records on a date.

Every output (site, bulletin, TV pack, open data, search, feed, cache keys)
takes its records from a `PublicView` and from nothing else, so the rule is
written once. On a date `on`, the view holds:

- only records published and in force: marked public, dated on or before
  `on`, (a listing) within its publicity period and not repaired, (a covert
  inspection that asks for it) not while a case it opened is still open;
- no record withdrawn (撤回, a repaired black-list entry too) on or before
  the day the outputs are published: a build of 2018 that shows an issue of
  2017 as it stood then leaves out what has been withdrawn since;
- each record as it stood that day: only the follow-ups, closures and
  payments dated on or before `on` (`Record.as_seen`), so statuses computed
  from them are that day's;
- no private field (they are emptied);
- no reference to a record that is not public that day: such references
  are removed, so no id, title, link or count of a hidden record can leak.

A build that renders many dates (an issue speaks for the end of its half
month, an episode for its air date) asks one `Views`, made with the build's
own date (`published`), for each date; the public copies of records are
shared between dates while they are equal.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.records.catalog import Catalog
from generator.records.editorial import editorial_key
from generator.records.models import Case, Inspection, Listing, Ranking, Record
from generator.records.refs import Loc, iter_refs
from generator.records.registry import Office, Unit, Units
from generator.records.vocabulary import CaseStatus, UnitKind

R = TypeVar("R", bound=Record)
M = TypeVar("M", bound=BaseModel)
REGISTRY_TARGETS = ("unit", "town")
"""Reference targets that name registered units rather than records: always public."""


@cache
def private_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names of the fields of `model` marked private (x-private): asked for every record and nested model dumped."""
    return frozenset({
        name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("x-private")
    })


def public_data(record: BaseModel) -> dict[str, Any]:
    """The record as JSON-ready data without its private fields (nested models too)."""
    data: dict[str, Any] = {"id": record.id} if isinstance(record, Record) else {}
    hidden = private_fields(type(record))
    for name in type(record).model_fields:
        if name in hidden or name == "id":
            continue
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            value = public_data(value)
        elif isinstance(value, list):
            value = [public_data(v) if isinstance(v, BaseModel) else _plain(v) for v in value]
        else:
            value = _plain(value)
        data[name] = value
    return data


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Reads:
    """What outputs asked the public views for (`Views.reading`): kinds whole up to a view's date, kinds over date
    ranges, single records by id, documents by name: the registries (OFFICE, UNITS) and editorial files (`folder/name`;
    EVERY_EDITORIAL: all of them)."""

    kinds: set[str] = field(default_factory=set)
    ranges: set[tuple[str, dt.date, dt.date]] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


OFFICE, UNITS = "office.yaml", "units.yaml"
"""In `Reads.documents`: the registries, by their file names."""
EVERY_EDITORIAL = "*"
"""In `Reads.documents`: the editorial files were read whole (`PublicView.editorial`)."""


class Views:
    """Public views of one catalog on any number of dates, sharing the public copies of records."""

    def __init__(self, catalog: Catalog, published: dt.date | None = None, earlier: Views | None = None) -> None:
        """With `earlier` (the views of the catalog before an edit), its public copies, references and milestones of the
        records this catalog holds unchanged (`unchanged`) are taken over: the editors' preview, at every save, copies only
        the records the save changed, and the digests and references kept per copy (`identity.per_object`) stay made. So
        are the records' weights where what they are made of is the same, and the sums `fingerprint` made of them."""
        self.catalog = catalog
        self.published = published
        """The day the outputs are published: withdrawals up to it apply to the views on every earlier date."""
        self._copies: dict[tuple[str, int, frozenset[Loc]], Record] = {}
        self._views: dict[dt.date, PublicView] = {}
        self._refs: dict[str, tuple[tuple[Loc, str], ...]] = {}
        self._milestones: dict[str, list[dt.date]] = {}
        self._sums: tuple[dict[str, list[int]], dict[str, int], list[Record]] | None = None
        """What `fingerprint` reads, made on first use."""
        self._weighed: dict[str, str] = {}
        """What each record's weight (in `_sums`) was made of, by id."""
        self._id_sums: dict[int, tuple[Reads, int]] = {}
        """The weights of a `Reads`' ids summed, by the `Reads` object: a kept edition's, asked again at every save."""
        self._before: tuple[dict[str, str], dict[str, int], dict[int, tuple[Reads, int]]] | None = None
        """The earlier views' `_weighed`, weights and `_id_sums`, while this one's are not made yet: taken over where the
        same (not the earlier views themselves, which a chain of saves would keep alive one after another)."""
        self._changed: set[str] = set()
        """Ids whose weight differs from the earlier views' (a record changed, added or gone)."""
        if earlier is not None:
            same = unchanged(earlier.catalog, catalog)
            self._copies = {key: copy for key, copy in earlier._copies.items() if key[0] in same}
            self._refs = {record_id: refs for record_id, refs in earlier._refs.items() if record_id in same}
            self._milestones = {record_id: days for record_id, days in earlier._milestones.items() if record_id in same}
            if earlier._sums is not None:
                self._before = (earlier._weighed, earlier._sums[1], earlier._id_sums)
            elif earlier._before is not None:  # the earlier views never weighed: what they took over still holds
                self._before = earlier._before
        self._dates = {kind: [r.date for r in records] for kind, records in catalog.by_kind().items()}
        self._documents: dict[str, str] | None = None
        """The digest of each registry and editorial file by its name in `Reads.documents`, made on first use."""
        self._reading: Reads | None = None

    @contextmanager
    def reading(self) -> Iterator[Reads]:
        """Note what the views on every date are asked for inside the block: what an output made there depends on."""
        outer, self._reading = self._reading, Reads()
        try:
            yield self._reading
        finally:
            self._reading = outer

    @property
    def noting(self) -> Reads | None:
        """Where the views note what they are asked for, inside `reading`."""
        return self._reading

    def fingerprint(self, day: dt.date, reads: Reads) -> str:
        """A digest that changes whenever what the view on `day` answers to `reads` may, found without making the view.

        The view on `day` shows only records dated up to it, each by its own
        file (records read from files are known by the sha256 the loader
        took), a covert inspection by its cases too (held back while they are
        open); a record dated later is hidden whatever it says. A record asked
        for stands for the records it refers to as well (their visibility hides
        its references). Withdrawals dated after `day` but by the publishing
        date apply. Of the registries and editorial files, only those asked
        for count: a town registered or an episode's opening lines edited
        recompose what reads them, not every issue and rundown of ten years.
        """
        if self._sums is None:
            self._sums = self._prefix_sums()
        sums, weights, withdrawn = self._sums
        until = max(day, self.published or day)
        late = sorted(r.id for r in withdrawn if r.date <= day and day < r.withdrawal().date <= until)  # type: ignore[union-attr]
        parts = [str(day), ",".join(late), *self._document_digests(reads.documents)]
        parts += [f"{kind}:{sums[kind][bisect.bisect_right(self._dates[kind], day)] if kind in sums else 0:x}" for kind in sorted(reads.kinds)]
        for kind, first, last in sorted(reads.ranges):
            dates, totals = self._dates.get(kind, []), sums.get(kind, [0])
            parts.append(f"{kind}:{first}:{last}:{totals[bisect.bisect_right(dates, last)] - totals[bisect.bisect_left(dates, first)]:x}")
        parts.append(f"{self._id_sum(reads):x}")  # a record added or gone changes it too
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _id_sum(self, reads: Reads) -> int:
        """The weights of `reads.ids` summed (0 for an id of no record): from the earlier views' sum for this very
        `Reads` and the weights changed since, when they made one.

        The preview asks again at every save for the 240 issues' fingerprints,
        each over a thousand ids or more (every inspection a case names); the
        sums alone were a third of that. Otherwise summed in C (`map` over
        `dict.get`).
        """
        found = self._id_sums.get(id(reads))
        if found is not None and found[0] is reads:
            return found[1]
        assert self._sums is not None
        weights = self._sums[1]
        earlier = self._before[2].get(id(reads)) if self._before is not None else None
        if earlier is not None and earlier[0] is reads:
            before = self._before[1]  # type: ignore[index]
            total = earlier[1] + sum(weights.get(i, 0) - before.get(i, 0) for i in self._changed if i in reads.ids)
        else:
            total = sum(map(weights.get, reads.ids, itertools.repeat(0)))
        self._id_sums[id(reads)] = (reads, total)
        return total

    def compact(self, day: dt.date, reads: Reads) -> Reads:
        """`reads` without the records a kind read whole up to `day` stands for already: what a fingerprint need weigh."""
        facts = self.catalog.facts
        kept = {record_id for record_id in reads.ids if not (record_id in facts and facts[record_id].kind in reads.kinds and facts[record_id].date <= day)}
        return Reads(set(reads.kinds), set(reads.ranges), kept, set(reads.documents))

    def _document_digests(self, names: set[str]) -> list[str]:
        """The digest of each document in `names` ("-" for an editorial file there is none of); EVERY_EDITORIAL stands
        for every editorial file."""
        if self._documents is None:
            documents: list[tuple[str, BaseModel | None]] = [(OFFICE, self.catalog.office), (UNITS, self.catalog.units)]
            documents += self.catalog.editorial_documents()
            self._documents = {name: hashlib.sha256(doc.model_dump_json().encode()).hexdigest() for name, doc in documents if doc is not None}
        chosen = set(names) - {EVERY_EDITORIAL}
        if EVERY_EDITORIAL in names:
            chosen.update(name for name in self._documents if name not in (OFFICE, UNITS))
        return [f"{name}:{self._documents.get(name, '-')}" for name in sorted(chosen)]

    def _prefix_sums(self) -> tuple[dict[str, list[int]], dict[str, int], list[Record]]:
        """Each record's weight (a number from what its public copy is made of: the digest of its file and a covert
        inspection's cases' too), their sums per kind up to each record (in the catalog's order) and the withdrawn
        records."""
        facts, digests = self.catalog.facts, self.catalog.digests

        def own(found_id: str) -> str:
            return digests.get(found_id, "-")  # "-": no such record

        weighed_before, weights_before, _ = self._before if self._before is not None else ({}, {}, {})
        weights: dict[str, int] = {}
        weighed: dict[str, str] = {}
        sums: dict[str, list[int]] = {}
        for kind, of_kind in self.catalog.by_kind().items():
            totals = sums[kind] = [0]
            for record in of_kind:
                cases = [own(case_id) for _, case_id in facts[record.id].cases] if record.id in facts else []
                made_of = weighed[record.id] = "+".join([own(record.id), *cases])
                if weighed_before.get(record.id) == made_of:
                    weight = weights[record.id] = weights_before[record.id]
                else:
                    weight = weights[record.id] = int(hashlib.sha256(made_of.encode()).hexdigest(), 16)
                    if self._before is not None:  # views made from nothing sum every kept edition's ids afresh
                        self._changed.add(record.id)
                totals.append(totals[-1] + weight)
        self._changed.update(weights_before.keys() - weights.keys())  # records gone
        self._weighed = weighed
        withdrawn = [record for records in self.catalog.by_kind().values() for record in records if record.withdrawal() is not None]
        return sums, weights, withdrawn

    def on(self, day: dt.date) -> PublicView:
        """The public view on `day` (made once per date)."""
        if day not in self._views:
            self._views[day] = PublicView(self, day)
        return self._views[day]

    def dated(self, kind: str, end: dt.date, start: dt.date | None = None) -> list[Record]:
        """Records of `kind` in the catalog dated from `start` (or the first) to `end`, by bisection."""
        records, dates = self.catalog.by_kind().get(kind, []), self._dates.get(kind, [])
        first = bisect.bisect_left(dates, start) if start else 0
        return records[first:bisect.bisect_right(dates, end)]

    def refs(self, record: Record) -> tuple[tuple[Loc, str], ...]:
        """(location, id) of each reference `record` makes to another record: walked once, asked for on every date."""
        found = self._refs.get(record.id)
        if found is None:
            found = self._refs[record.id] = tuple((loc, value) for loc, ref, value in iter_refs(record) if ref.target not in REGISTRY_TARGETS)
        return found

    def copy(self, record: R, on: dt.date, hidden: frozenset[Loc]) -> R:
        """The public copy of `record` on `on` without the references at `hidden`; shared while equal."""
        days = self._milestones.get(record.id)
        if days is None:
            days = self._milestones[record.id] = sorted(record.milestones())
        passed = bisect.bisect_right(days, on)
        key = (record.id, passed, hidden)
        found = self._copies.get(key)
        if found is None:
            found = self._copies[key] = _without(record.as_seen(on), hidden | _private_locs(record))
        return found  # type: ignore[return-value]


class PublicView:
    """What the public may see on `on`: the catalog's query methods over public copies of the records."""

    def __init__(self, views: Views, on: dt.date) -> None:
        self.views = views
        self.on = on
        self._visible: dict[str, bool] = {}
        self._public: dict[str, Record] = {}
        self._kinds: dict[str, list[Record]] = {}
        self._all: dict[str, Record] | None = None
        self._by_day: dict[tuple[str, str], tuple[list[dt.date], list[Record]]] = {}
        self._series: dict[str, tuple[list[tuple[dt.date, str]], list[Ranking]]] | None = None

    # --- the rule -----------------------------------------------------------

    def visible(self, record_id: str) -> bool:
        """Whether the record with this id is public on this view's date."""
        if self.views.noting is not None:
            self.views.noting.ids.add(record_id)
        if record_id not in self._visible:
            record = self.views.catalog.records.get(record_id)
            self._visible[record_id] = record is not None and self._shown(record)
        return self._visible[record_id]

    def _shown(self, record: Record) -> bool:
        if not record.public or record.date > self.on:
            return False
        withdrawal = record.withdrawal()
        if withdrawal is not None and withdrawal.date <= max(self.on, self.views.published or self.on):
            return False
        if isinstance(record, Listing):
            return record.active(self.on)
        if isinstance(record, Inspection) and record.hold_until_closed:
            return not self._held_back(record)
        return True

    def _held_back(self, inspection: Inspection) -> bool:
        """A covert inspection stays unpublished while any case it opened is not closed (on this date)."""
        cases = [self.views.catalog.records.get(f.case) for f in inspection.findings if f.case]
        return any(not isinstance(case, Case) or case.status(self.on) is not CaseStatus.CLOSED for case in cases)

    def get(self, record_id: str | None) -> Record | None:
        """The public copy of a record, or None when it is not public on this date."""
        if not record_id or not self.visible(record_id):
            return None
        if record_id not in self._public:
            record = self.views.catalog.records[record_id]
            hidden = frozenset(loc for loc, value in self.views.refs(record) if not self.visible(value))
            self._public[record_id] = self.views.copy(record, self.on, hidden)
        elif self.views.noting is not None:  # its hidden references, noted as the first call noted them
            self.views.noting.ids.update(value for _, value in self.views.refs(self.views.catalog.records[record_id]))
        return self._public[record_id]

    # --- queries ----------------------------------------------------------------

    @property
    def office(self) -> Office:
        """The office's registry (noted as read)."""
        self._note(OFFICE)
        return self.views.catalog.office

    @property
    def units(self) -> Units:
        """The registered units (noted as read)."""
        self._note(UNITS)
        return self.views.catalog.units

    @property
    def editorial(self) -> dict[str, dict[str, BaseModel]]:
        """Every editorial file, by folder and name (noted as read whole: prefer `editorial_of`)."""
        self._note(EVERY_EDITORIAL)
        return self.views.catalog.editorial

    def editorial_of(self, folder: str, name: str) -> BaseModel | None:
        """The editorial file `folder/name` (e.g. episodes/2017-W50), None when there is none."""
        self._note(editorial_key(folder, name))
        return self.views.catalog.editorial.get(folder, {}).get(name)

    def _note(self, document: str) -> None:
        """Note that `document` (a name in `Reads.documents`) was read, inside `Views.reading`."""
        if self.views.noting is not None:
            self.views.noting.documents.add(document)

    @property
    def records(self) -> dict[str, Record]:
        """Every public record by id, every kind noted as read at each call, not only the first: what one output asked
        for outside a reading, the site's key may ask for again inside one."""
        if self._all is None:
            self._all = {record.id: record for records in self._by_kind() for record in records}
        elif self.views.noting is not None:
            self.views.noting.kinds.update(self.views.catalog.by_kind())
        return self._all

    def _by_kind(self) -> Iterator[list[Record]]:
        for kind in self.views.catalog.by_kind():
            yield self._of_kind(kind)

    def _of_kind(self, kind: str) -> list[Record]:
        if self.views.noting is not None:
            self.views.noting.kinds.add(kind)
        if kind not in self._kinds:
            self._kinds[kind] = [copy for r in self.views.dated(kind, self.on) if (copy := self.get(r.id)) is not None]
        return self._kinds[kind]

    def of(self, kind: type[R]) -> list[R]:
        """Public records of one kind, oldest first."""
        return self._of_kind(kind.kind)  # type: ignore[return-value]

    def between(self, kind: type[R], start: dt.date, end: dt.date) -> list[R]:
        """Public records of one kind dated from `start` to `end`, both included."""
        if self.views.noting is not None:
            self.views.noting.ranges.add((kind.kind, start, min(end, self.on)))
        chosen = self.views.dated(kind.kind, min(end, self.on), start)
        return [copy for r in chosen if (copy := self.get(r.id)) is not None]  # type: ignore[misc]

    def dated_by(self, kind: type[R], name: str, start: dt.date, end: dt.date) -> list[R]:
        """Public records of one kind whose date field `name` (a case's `closed`, a tip-off's `paid`) falls from `start` to
        `end`, both included: by bisection, as the statistics ask it for every month of ten years."""
        records = self.of(kind)
        if (kind.kind, name) not in self._by_day:
            ordered = sorted((r for r in records if getattr(r, name)), key=lambda r: getattr(r, name))
            self._by_day[kind.kind, name] = ([getattr(r, name) for r in ordered], ordered)
        days, ordered = self._by_day[kind.kind, name]
        return ordered[bisect.bisect_left(days, start):bisect.bisect_right(days, end)]  # type: ignore[return-value]

    def unit(self, name: str) -> tuple[UnitKind, Unit] | None:
        """A registered unit and its kind, by name."""
        return self.units.index.get(name)

    def previous(self, ranking: Ranking) -> Ranking | None:
        """The public ranking of the same series just before this one: by bisection in its series, as every ranking's page
        asks it (a scan of every ranking for each was a tenth of a second at ten years)."""
        rankings = self.of(Ranking)  # noted as read on every call, however the series were found
        if self._series is None:
            series: dict[str, list[Ranking]] = defaultdict(list)
            for r in rankings:  # oldest first, by date and id
                series[r.series].append(r)
            self._series = {name: ([(r.date, r.id) for r in items], items) for name, items in series.items()}
        order, items = self._series.get(ranking.series, ([], []))
        before = bisect.bisect_left(order, (ranking.date, ranking.id))
        return items[before - 1] if before else None

    def movement(self, ranking: Ranking) -> dict[str, int | None]:
        """Places gained (+) or lost (-) since the previous public ranking; None when new to the series."""
        before = self.previous(ranking)
        old = before.ranks() if before else {}
        return {unit: (old[unit] - rank if unit in old else None) for unit, rank in ranking.ranks().items()}


def unchanged(before: Catalog, after: Catalog) -> set[str]:
    """Ids of the records `after` holds as `before` did: the very same object (a record file the edit left alone), or an
    equal one (read again: a registry changed)."""

    def same(record_id: str) -> bool:
        old, new = before.records.get(record_id), after.records.get(record_id)
        return old is new or old == new

    return {record_id for record_id in after.records if same(record_id)}


def published(catalog: Catalog, on: dt.date) -> PublicView:
    """The public view of `catalog` on `on`, for an output that speaks for one date."""
    return Views(catalog, on).on(on)


def _private_locs(record: BaseModel) -> frozenset[Loc]:
    """Locations of the private fields of `record` (top level and nested) that hold a value."""
    return frozenset(_private_walk(record, ()))


def _private_walk(model: BaseModel, loc: Loc) -> Iterator[Loc]:
    hidden = private_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in hidden:
            if value is not None:
                yield (*loc, name)
        elif isinstance(value, BaseModel):
            yield from _private_walk(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _private_walk(item, (*loc, name, index))


def _without(model: M, locs: frozenset[Loc]) -> M:
    """A copy of `model` with the values at `locs` removed: list items dropped, fields emptied."""
    if not locs:
        return model
    update: dict[str, Any] = {}
    for name in {loc[0] for loc in locs}:
        here = frozenset(loc[1:] for loc in locs if loc[0] == name)
        value = getattr(model, name)
        if () in here:
            update[name] = None
        elif isinstance(value, BaseModel):
            update[name] = _without(value, here)
        elif isinstance(value, list):
            dropped = {loc[0] for loc in here if len(loc) == 1}
            update[name] = [
                _without(item, frozenset(loc[1:] for loc in here if loc[0] == index)) if isinstance(item, BaseModel) else item
                for index, item in enumerate(value)
                if index not in dropped
            ]
    return model.model_copy(update=update)
