"""What one issue of 《安全生产通报》 holds: its sections, each from the records of its half-month.

The printed bulletin and the site's bulletin archive both read this, so the
paper copy and the page its QR code opens always list the same records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.editions.calendar import Issue, Period
from generator.records.editorial import BulletinEditorial
from generator.records.models import Accountability, Case, Inspection, Listing, News, Ranking, Record, TipOff
from generator.records.public import PublicView, Views
from generator.records.vocabulary import AccountabilityType, CaseStatus


CHART_PERIODS = 8
"""Periods a printed ranking chart shows: enough for a trend, few enough to read."""


@dataclass
class RankingTable:
    ranking: Ranking
    ranks: dict[str, int]
    movement: dict[str, int | None]
    history: list[Ranking]
    """The series up to this ranking, oldest first, at most CHART_PERIODS, for its chart."""


@dataclass
class IssueContent:
    issue: Issue
    on: dt.date
    """The date the issue speaks for: the end of its period, or today while it is running."""
    editorial: BulletinEditorial | None
    news: list[News] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    cases_opened: list[Case] = field(default_factory=list)
    cases_closed: list[Case] = field(default_factory=list)
    cases_overdue: list[Case] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    rankings: list[RankingTable] = field(default_factory=list)
    accountability: list[Accountability] = field(default_factory=list)
    tipoffs: list[TipOff] = field(default_factory=list)

    @property
    def period(self) -> Period:
        return self.issue.period

    @property
    def accountability_by_type(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for action in self.accountability:
            counts[action.type] += action.persons
        return [(kind, counts[kind]) for kind in AccountabilityType if counts[kind]]

    @property
    def records(self) -> list[Record]:
        """Every record the issue shows, in section order."""
        return [
            *self.news, *self.inspections, *self.cases_opened, *self.cases_closed, *self.cases_overdue,
            *self.listings, *(table.ranking for table in self.rankings), *self.accountability, *self.tipoffs,
        ]

    @property
    def empty(self) -> bool:
        return not self.records


def compose(view: PublicView, issue: Issue) -> IssueContent:
    """The content of `issue` from the public view on the date it speaks for (`Issue.on`)."""
    period, on = issue.period, view.on
    editorial = view.editorial.get("bulletins", {}).get(issue.id)
    content = IssueContent(issue, on, editorial if isinstance(editorial, BulletinEditorial) else None)
    content.news = view.between(News, period.start, on)
    content.inspections = view.between(Inspection, period.start, on)
    cases = view.of(Case)
    content.cases_opened = [c for c in cases if period.start <= c.date <= on]
    opened = {c.id for c in content.cases_opened}
    content.cases_closed = [c for c in cases if c.closed and period.start <= c.closed <= on and c.id not in opened]
    content.cases_overdue = sorted(
        (c for c in cases if c.date < period.start and c.status(on) is CaseStatus.OVERDUE), key=lambda c: c.deadline
    )
    content.listings = view.between(Listing, period.start, on)
    for ranking in view.between(Ranking, period.start, on):
        history = [r for r in view.of(Ranking) if r.series == ranking.series and r.date <= ranking.date][-CHART_PERIODS:]
        content.rankings.append(RankingTable(ranking, ranking.ranks(), view.movement(ranking), history))
    content.accountability = view.between(Accountability, period.start, on)
    content.tipoffs = [t for t in view.of(TipOff) if t.paid and t.reward and period.start <= t.paid <= on]
    return content


def issue_content(views: Views, issue: Issue, as_of: dt.date) -> IssueContent:
    """`issue` composed from the public view on the date it speaks for."""
    return compose(views.on(issue.on(as_of)), issue)


def issues_with_records(views: Views, as_of: dt.date) -> list[IssueContent]:
    """Every issue, oldest first, from the first record to `as_of`, that has something to print on its own date."""
    dates = [record.date for record in views.catalog.records.values() if record.date <= as_of]
    if not dates:
        return []
    issue, last = Issue.covering(min(dates)), Issue.covering(as_of)
    found = []
    while (issue.year, issue.number) <= (last.year, last.number):
        content = issue_content(views, issue, as_of)
        if not content.empty:
            found.append(content)
        issue = issue.next()
    return found
