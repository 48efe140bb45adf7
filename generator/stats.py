"""The office's figures, computed from the records instead of counted by hand.

Used by the site's statistics page and by the bulletin; a period is any span
of dates, so the same code gives a year, a month or a half-month issue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.clock import month_end
from generator.records.models import Accountability, Case, Inspection, Listing, TipOff
from generator.records.public import PublicView
from generator.records.vocabulary import Board, Disposition



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


def figures(view: PublicView, start: dt.date, end: dt.date) -> Figures:
    """Figures of the public records dated from `start` to `end`; closures and rewards count on the day they happen."""
    result = Figures()
    for inspection in view.between(Inspection, start, end):
        result.inspections += 1
        result.inspector_times += inspection.inspectors
        result.unit_visits += len(inspection.units)
    for case in view.between(Case, start, end):
        result.cases_opened += 1
        if case.disposition is Disposition.SUPERVISED:
            result.orders_supervised += 1
        elif case.disposition is Disposition.HANDED:
            result.orders_handed += 1
        else:
            result.orders_referred += 1
    result.cases_closed = len(view.dated_by(Case, "closed", start, end))
    for listing in view.between(Listing, start, end):
        if listing.board is Board.RED:
            result.listings_red += 1
        else:
            result.listings_black += 1
    result.tipoffs = len(view.between(TipOff, start, end))
    result.rewards_paid = sum(t.reward for t in view.dated_by(TipOff, "paid", start, end))
    for action in view.between(Accountability, start, end):
        result.accountability[action.type] += action.persons
    return result


def years(view: PublicView) -> list[int]:
    """Every year that has a public record, oldest first."""
    return sorted({record.date.year for record in view.records.values()})


def months(year: int) -> list[tuple[dt.date, dt.date]]:
    """First and last day of each month of `year`."""
    return [(dt.date(year, month, 1), month_end(year, month)) for month in range(1, 13)]


Monthly = dict[int, list[tuple[dt.date, Figures]]]
"""Each year's months (first day, figures)."""


def monthly(view: PublicView) -> Monthly:
    """Figures of every month up to the view's date, by year: one computation for the table and its chart."""
    return {
        year: [(start, figures(view, start, min(end, view.on))) for start, end in months(year) if start <= view.on]
        for year in years(view)
    }
