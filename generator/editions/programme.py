"""What the weekly programme shows: its five segments and the cases that keep coming back."""

from __future__ import annotations

import datetime as dt

from generator.editions.calendar import Episode, Period
from generator.records.catalog import Catalog
from generator.records.models import Case, CaseStatus, Inspection, Listing, News, Ranking, Record, Tip

SEGMENTS: tuple[tuple[str, type[Record]], ...] = (
    ("news", News),
    ("inspection", Inspection),
    ("listing", Listing),
    ("ranking", Ranking),
    ("tip", Tip),
)
"""The programme's five segments in running order, each with the record kind it shows."""


def segments(catalog: Catalog, period: Period) -> dict[str, list[Record]]:
    """Records of each segment dated in `period`, oldest first."""
    return {name: period.records(catalog, kind) for name, kind in SEGMENTS}


def supervised_overdue(catalog: Catalog, on: dt.date) -> list[Case]:
    """Open 挂牌督办 cases past their deadline on `on`: they come back every week until closed."""
    return [
        case
        for case in catalog.of(Case)
        if case.disposition == "挂牌督办" and case.date <= on and case.status(on) is CaseStatus.OVERDUE
    ]


def episodes_with_records(view: Catalog, as_of: dt.date) -> list[Episode]:
    """Every episode, oldest first, whose week holds a record dated up to `as_of`."""
    dates = sorted({record.date for record in view.records.values() if record.date <= as_of})
    found: list[Episode] = []
    for day in dates:
        episode = Episode.covering(day)
        if not found or found[-1] != episode:
            found.append(episode)
    return found
