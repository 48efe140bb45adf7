"""The office's figures, computed from the records instead of counted by hand.

Used by the site's statistics page and by the bulletin; a period is any span
of dates, so the same code gives a year, a month or a half-month issue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.clock import month_end
from generator.records.catalog import Catalog
from generator.records.models import Accountability, AccountabilityType, Case, Inspection, Listing, TipOff

ACCOUNTABILITY_TYPES: tuple[AccountabilityType, ...] = ("党政纪处分", "组织处理", "诫勉谈话", "责令书面检查", "通报批评", "公开表态")


@dataclass
class Figures:
    """Counts for one span of dates."""

    inspections: int = 0
    inspector_times: int = 0
    unit_visits: int = 0
    cases_opened: int = 0
    cases_closed: int = 0
    orders_supervised: int = 0
    orders_handed: int = 0
    orders_referred: int = 0
    listings_red: int = 0
    listings_black: int = 0
    tipoffs: int = 0
    rewards_paid: int = 0
    accountability: Counter[str] = field(default_factory=Counter)

    @property
    def accountability_persons(self) -> int:
        return sum(self.accountability.values())


def figures(catalog: Catalog, start: dt.date, end: dt.date) -> Figures:
    """Figures for records dated from `start` to `end`; closures count on their closing date."""
    result = Figures()
    for inspection in catalog.between(Inspection, start, end):
        result.inspections += 1
        result.inspector_times += inspection.inspectors
        result.unit_visits += len(inspection.units)
    for case in catalog.between(Case, start, end):
        result.cases_opened += 1
        if case.disposition == "挂牌督办":
            result.orders_supervised += 1
        elif case.disposition == "直接交办":
            result.orders_handed += 1
        else:
            result.orders_referred += 1
    result.cases_closed = sum(1 for case in catalog.of(Case) if case.closed and start <= case.closed <= end)
    for listing in catalog.between(Listing, start, end):
        if listing.board == "红榜":
            result.listings_red += 1
        else:
            result.listings_black += 1
    for tipoff in catalog.between(TipOff, start, end):
        result.tipoffs += 1
        result.rewards_paid += tipoff.reward if tipoff.paid else 0
    for action in catalog.between(Accountability, start, end):
        result.accountability[action.type] += action.persons
    return result


def years(catalog: Catalog) -> list[int]:
    """Every year that has a record, oldest first."""
    return sorted({record.date.year for record in catalog.records.values()})


def months(year: int) -> list[tuple[dt.date, dt.date]]:
    """First and last day of each month of `year`."""
    return [(dt.date(year, month, 1), month_end(year, month)) for month in range(1, 13)]


Monthly = dict[int, list[tuple[dt.date, Figures]]]
"""Each year's months (first day, figures)."""


def monthly(catalog: Catalog, as_of: dt.date) -> Monthly:
    """Figures of every month up to `as_of`, by year: one computation for the table and its chart."""
    return {
        year: [(start, figures(catalog, start, end)) for start, end in months(year) if start <= as_of]
        for year in years(catalog)
    }
