"""What goes into the register (督办台账): every case open on a date, grouped by who must answer it.

The office brings it to its weekly meeting; the units with overdue cases each
get a page of their own (逾期提醒). Like an order, the register is made of
plain values copied from the cases, never of the records themselves, so no
private field can reach it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.editions.orders import Step
from generator.records.catalog import Catalog
from generator.records.models import Case


@dataclass(frozen=True)
class Row:
    """One open case as the register lists it."""

    case_id: str
    order_no: str
    disposition: str
    title: str
    unit: str
    opened: dt.date
    deadline: dt.date
    days_left: int
    """Days to the deadline on the register's date; negative once overdue."""
    last: Step | None
    """The latest follow-up dated on or before the register's date."""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class Group:
    """The open cases one unit must answer for, soonest deadline first."""

    addressee: str
    rows: tuple[Row, ...]

    @property
    def overdue(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.overdue)


@dataclass(frozen=True)
class RegisterContent:
    on: dt.date
    groups: tuple[Group, ...]
    """In the order units are registered in units.yaml (towns, committees, members, enterprises)."""

    @property
    def cases(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def overdue(self) -> tuple[Group, ...]:
        """The groups with overdue cases: one reminder page each."""
        return tuple(group for group in self.groups if group.overdue)


def row(case: Case, on: dt.date) -> Row:
    steps = [step for step in case.followups if step.date <= on]
    last = max(steps, key=lambda step: step.date) if steps else None
    return Row(
        case.id, case.order_no, case.disposition, case.title, case.unit, case.date, case.deadline,
        case.days_left(on), Step(last.date, last.note) if last else None,
    )


def register(catalog: Catalog, on: dt.date) -> RegisterContent:
    """The register of every case open on `on`."""
    by_unit: dict[str, list[Case]] = {}
    for case in catalog.of(Case):
        if case.open_on(on):
            by_unit.setdefault(case.addressee, []).append(case)
    order = {name: index for index, name in enumerate(catalog.units.index)}
    groups = tuple(
        Group(name, tuple(row(case, on) for case in sorted(cases, key=lambda c: (c.deadline, c.date, c.id))))
        for name, cases in sorted(by_unit.items(), key=lambda item: order.get(item[0], len(order)))
    )
    return RegisterContent(on, groups)
