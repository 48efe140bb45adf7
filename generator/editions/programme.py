"""What the weekly programme shows: its five segments and the cases that keep coming back."""

from __future__ import annotations

import datetime as dt

from generator.editions.calendar import Episode, Period
from generator.records.models import KINDS, Case, Inspection, Listing, News, Ranking, Record, Tip
from generator.records.vocabulary import CaseStatus, Disposition
from generator.records.public import PublicView, Views

SEGMENTS: tuple[tuple[str, type[Record]], ...] = (
    ("news", News),
    ("inspection", Inspection),
    ("listing", Listing),
    ("ranking", Ranking),
    ("tip", Tip),
)
"""The programme's five segments in running order, each with the record kind it shows."""


def segments(view: PublicView, period: Period) -> dict[str, list[Record]]:
    """Public records of each segment dated in `period`, oldest first."""
    return {name: period.records(view, kind) for name, kind in SEGMENTS}


def supervised_overdue(view: PublicView) -> list[Case]:
    """Public 挂牌督办 cases past their deadline on the view's date: they come back every week until closed."""
    return [case for case in view.of(Case) if case.disposition is Disposition.SUPERVISED and case.status(view.on) is CaseStatus.OVERDUE]


def episodes_with_records(views: Views, as_of: dt.date) -> list[Episode]:
    """Every episode, oldest first, whose week holds a record public on its own date, up to `as_of`."""
    dates = sorted({record.date for record in views.catalog.records.values() if record.date <= as_of})
    found: list[Episode] = []
    tried: set[Episode] = set()
    for day in dates:
        episode = Episode.covering(day)
        if episode in tried:
            continue
        tried.add(episode)
        view = views.on(episode.on(as_of))
        if any(view.between(kind, episode.period.start, episode.period.end) for kind in KINDS.values()):
            found.append(episode)
    return found
