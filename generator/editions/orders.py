"""What goes into a case's papers: the order the office sends and the 销号 notice that closes it.

An order is a document of record: it must say today what it said the day it
was sent. So its content is a plain value made from the case, the registries
and the order's date alone, copied field by field — a private field (internal
notes) cannot reach the paper because it is never copied — and printing it is
a pure function of that value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import TypeAdapter

from generator.editions.ledger import Archive, data_hash, normal
from generator.errors import OutputError
from generator.records.catalog import Catalog
from generator.records.issued import EditionKind, Entry
from generator.records.hints import did_you_mean
from generator.records.models import Case, Inspection
from generator.records.public import Views
from generator.records.registry import Units
from generator.strings import CHECK, KIND


@dataclass(frozen=True)
class Found:
    """The inspection that found the problem: when, where, by whom, how."""

    date: dt.date
    team: str
    town: str
    mode: str
    scope: str
    topic: str


@dataclass(frozen=True)
class Step:
    """A dated follow-up, as printed."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class OrderContent:
    """Everything one order prints about its case, and whether the public could open the case's page."""

    case_id: str
    disposition: str
    order_no: str
    title: str
    issued: dt.date
    """The order's date: the day the case was opened."""
    addressee: str
    """主送: the responsible unit, or for a 转办 the receiving department."""
    unit: str
    town: str
    level: str
    found: Found | None
    description: str
    requirements: tuple[str, ...]
    deadline: dt.date
    copy_to: tuple[str, ...]
    """抄送: the responsible unit's town and professional committee, less the addressee."""
    published: bool
    """The case's page was public on the order's date: the paper carries a QR code to it."""


@dataclass(frozen=True)
class ClosureContent:
    """The 销号 notice: the order it closes, the follow-ups in date order, the evidence, the closing date."""

    order: OrderContent
    followups: tuple[Step, ...]
    evidence: str
    closed: dt.date
    published: bool
    """The case's page was public on the closing date."""


Paper = OrderContent | ClosureContent
_PAPER: TypeAdapter[Paper] = TypeAdapter(Paper)


def ledger_kind(paper: Paper) -> EditionKind:
    """The kind of edition an issued paper is in the ledger: 'order' or 'closure' (the edition is the case id)."""
    return "closure" if isinstance(paper, ClosureContent) else "order"


def case_of(paper: Paper) -> str:
    """The id of the case a paper is about."""
    return paper.order.case_id if isinstance(paper, ClosureContent) else paper.case_id


def paper_hash(paper: Paper) -> str:
    """sha256 of what a paper says, normalised like a record's content: the ledger keeps it to tell a changed case."""
    return data_hash(normal(_PAPER.dump_python(paper, mode="json")))


def sealed(archive: Archive, paper: Paper) -> Entry | None:
    """The ledger entry of `paper` when it was issued: its sealed copy is the one that was sent."""
    return archive.original(ledger_kind(paper), case_of(paper))


def changed(entry: Entry, paper: Paper) -> bool:
    """The case no longer says what its issued paper says (a new requirement, another deadline)."""
    return entry.records.get(case_of(paper)) != paper_hash(paper)


def find_case(catalog: Catalog, case_id: str, as_of: dt.date) -> Case:
    """The case `case_id` as the office knew it on `as_of`, or OutputError saying what to fix."""
    record = catalog.records.get(case_id)
    if record is None:
        cases = [case.id for case in catalog.of(Case)]
        raise OutputError(CHECK["no_record"].format(id=case_id, kind=KIND[Case.kind], hint=did_you_mean(case_id, cases)))
    if isinstance(record, Inspection):
        opened = [f.case for f in record.findings if f.case]
        if not opened:
            raise OutputError(CHECK["inspection_no_case"].format(id=case_id))
        raise OutputError(CHECK["inspection_no_order"].format(id=case_id, cases=CHECK["list_sep"].join(opened)))
    if not isinstance(record, Case):
        raise OutputError(CHECK["wrong_kind"].format(id=case_id, actual=KIND[record.kind], expected=KIND[Case.kind]))
    if record.date > as_of:
        raise OutputError(CHECK["opened_later"].format(id=case_id, opened=record.date, date=as_of))
    return record


def copy_to(case: Case, units: Units) -> tuple[str, ...]:
    """抄送: the town the problem is in and the professional committee of the unit (else of the addressee)."""
    committees = [units.index[name][1].committee for name in (case.unit, case.addressee) if name in units.index]
    committee = next((c for c in committees if c), None)
    return tuple(name for name in dict.fromkeys((case.town, committee)) if name and name != case.addressee)


def order(catalog: Catalog, case: Case, views: Views) -> OrderContent:
    """The order of `case`, as sent on the day it was opened."""
    source = catalog.records.get(case.inspection or "")
    found = (
        Found(source.date, source.team, source.town, source.mode, source.scope, source.topic)
        if isinstance(source, Inspection)
        else None
    )
    return OrderContent(
        case_id=case.id,
        disposition=case.disposition,
        order_no=case.order_no,
        title=case.title,
        issued=case.date,
        addressee=case.addressee,
        unit=case.unit,
        town=case.town,
        level=case.level,
        found=found,
        description=case.description,
        requirements=tuple(case.requirements),
        deadline=case.deadline,
        copy_to=copy_to(case, catalog.units),
        published=views.on(case.date).visible(case.id),
    )


def closure(catalog: Catalog, case: Case, as_of: dt.date, views: Views) -> ClosureContent:
    """The 销号 notice of `case`, or OutputError when it is not closed by `as_of`."""
    if case.closed is None or case.closed > as_of or not case.evidence:
        raise OutputError(CHECK["not_closed"].format(id=case.id, date=as_of))
    return ClosureContent(
        order=order(catalog, case, views),
        followups=tuple(Step(step.date, step.note) for step in sorted(case.followups, key=lambda s: s.date)),
        evidence=case.evidence,
        closed=case.closed,
        published=views.on(case.closed).visible(case.id),
    )


def papers(catalog: Catalog, as_of: dt.date, case_id: str | None = None, closing: bool = False) -> list[Paper]:
    """The orders (or with `closing` the 销号 notices) to print: of one case, or of every case opened (closed) by `as_of`."""
    views = Views(catalog)
    if case_id is not None:
        cases = [find_case(catalog, case_id, as_of)]
    else:
        cases = [c for c in catalog.of(Case) if (c.closed is not None and c.closed <= as_of if closing else c.date <= as_of)]
        if not cases:
            raise OutputError(CHECK["no_papers_closed" if closing else "no_papers_opened"].format(date=as_of))
    return [closure(catalog, case, as_of, views) if closing else order(catalog, case, views) for case in cases]
