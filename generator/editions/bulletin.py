"""What one issue of 《安全生产通报》 holds: its sections, each from the records of its half-month.

The printed bulletin and the site's bulletin archive both read this, so the
paper copy and the page its QR code opens always list the same records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.cache import Whole
from generator.editions.calendar import Issue, Period
from generator.editions.composed import Composed
from generator.editions.corrections import SECTIONS, Correction, pending
from generator.editions.ledger import Archive
from generator.records.editorial import BulletinEditorial
from generator.records.models import Accountability, Case, Inspection, Listing, News, Ranking, Record, TipOff
from generator.records.public import PublicView, Views
from generator.records.vocabulary import AccountabilityType, Board, CaseStatus


BOARDS: tuple[Board, ...] = tuple(Board)
"""The boards in print order: red first, as the vocabulary lists them."""
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
class IssueContent(Whole):
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
    corrections: list[Correction] = field(default_factory=list)
    """更正 of earlier issues this issue carries (the next issue to be signed carries them all)."""
    issued: dt.date | None = None
    """The day it is signed (签发), printed as its date; None while it is a draft, dated `on`."""

    @property
    def dated(self) -> dt.date:
        """The date printed in the masthead and the 版记."""
        return self.issued or self.on

    @property
    def correction_texts(self) -> list[tuple[str, str]]:
        """(record id, text) of each printed correction: one item per text, though it may correct several issues."""
        return list(dict.fromkeys((c.record, c.text) for c in self.corrections))

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

    def items(self) -> list[tuple[str, int, Record]]:
        """(section, number within the section, record) of every printed item, in print order: what a correction names."""
        sections = {
            "news": self.news, "inspections": self.inspections,
            "cases": [*self.cases_opened, *self.cases_closed, *self.cases_overdue], "listings": self.listings,
            "rankings": [table.ranking for table in self.rankings], "accountability": self.accountability, "tipoffs": self.tipoffs,
        }
        return [(section, number, record) for section in SECTIONS for number, record in enumerate(sections[section], 1)]

    @property
    def empty(self) -> bool:
        return not self.records


def compose(view: PublicView, issue: Issue) -> IssueContent:
    """The content of `issue` from the public view on the date it speaks for (`Issue.on`)."""
    period, on = issue.period, view.on
    editorial = view.editorial_of("bulletins", issue.id)
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
    content.listings = sorted(view.between(Listing, period.start, on), key=lambda entry: list(Board).index(entry.board))  # as printed
    for ranking in view.between(Ranking, period.start, on):
        history = [r for r in view.of(Ranking) if r.series == ranking.series and r.date <= ranking.date][-CHART_PERIODS:]
        content.rankings.append(RankingTable(ranking, ranking.ranks(), view.movement(ranking), history))
    content.accountability = view.between(Accountability, period.start, on)
    content.tipoffs = [t for t in view.of(TipOff) if t.paid and t.reward and period.start <= t.paid <= on]
    return content


def issue_content(views: Views, issue: Issue, as_of: dt.date, composed: Composed | None = None) -> IssueContent:
    """`issue` composed from the public view on the date it speaks for (taken from `composed` when composed before)."""
    day = issue.on(as_of)
    return Composed.made(composed, views, day, f"bulletin {issue.id}", lambda: compose(views.on(day), issue))


def issues_with_records(views: Views, as_of: dt.date, composed: Composed | None = None) -> list[IssueContent]:
    """Every issue, oldest first, from the first record to `as_of`, that has something to print on its own date."""
    dates = [record.date for record in views.catalog.records.values() if record.date <= as_of]
    if not dates:
        return []
    issue, last = Issue.covering(min(dates)), Issue.covering(as_of)
    found = []
    while (issue.year, issue.number) <= (last.year, last.number):
        content = issue_content(views, issue, as_of, composed)
        if not content.empty:
            found.append(content)
        issue = issue.next()
    return found


def every_issue(views: Views, archive: Archive, as_of: dt.date, composed: Composed | None = None) -> list[IssueContent]:
    """Every issue up to `as_of`, oldest first: those with records, and those issued (which are kept even if emptied since).

    The first issue not yet issued after the newest issued one is the next
    to be signed: it carries the corrections still pending (`pending`).
    """
    found = {content.issue.id: content for content in issues_with_records(views, as_of, composed)}
    for entry in archive.originals("bulletin"):
        if entry.edition not in found:
            found[entry.edition] = issue_content(views, Issue.parse(entry.edition), as_of, composed)
    issues = sorted(found.values(), key=lambda content: content.issue)
    issued = {entry.edition for entry in archive.originals("bulletin")}
    if not issued:
        return issues
    newest = max(Issue.parse(edition) for edition in issued)
    for index, content in enumerate(issues):
        if content.issue.id not in issued and content.issue > newest:
            editorial = content.editorial or BulletinEditorial()
            carried = pending(archive, views, {note.record: note.reason for note in editorial.corrections})
            issues[index] = dataclasses.replace(content, corrections=carried)
            break
    return issues
