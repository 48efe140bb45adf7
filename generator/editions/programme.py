"""What the weekly programme shows: its five segments, the cases that keep coming back, and its running order.

The running order (the week's records per segment, as the episode's editorial
file edits them) is what the TV pack airs and what the vertical clips and the
WeChat article re-tell, so all of them show the same records.
"""

from __future__ import annotations

import datetime as dt

from generator.editions.calendar import Episode, Period
from generator.records.catalog import Catalog
from generator.records.editorial import EpisodeEditorial, EpisodeItem
from generator.records.models import Case, CaseStatus, Inspection, Listing, News, Ranking, Record, Tip

SEGMENTS: tuple[tuple[str, type[Record]], ...] = (
    ("news", News),
    ("inspection", Inspection),
    ("listing", Listing),
    ("ranking", Ranking),
    ("tip", Tip),
)
"""The programme's five segments in running order, each with the record kind it shows."""
SEGMENT_OF = {"news": "news", "inspection": "inspection", "case": "inspection", "listing": "listing", "ranking": "ranking", "tip": "tip"}
"""The segment a record kind goes to unless the editorial file says otherwise."""

Entry = tuple[Record, str | None, float | None]
"""A record in the running order, with its host line and fixed length, if any."""


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


def episode_editorial(view: Catalog, episode: Episode) -> EpisodeEditorial | None:
    """The episode's editorial file, if it has one."""
    editorial = view.editorial.get("episodes", {}).get(episode.id)
    return editorial if isinstance(editorial, EpisodeEditorial) else None


def running_order(view: Catalog, episode: Episode) -> dict[str, list[Entry]]:
    """Records per segment: the week's records plus overdue supervised cases, as edited."""
    plan = episode_editorial(view, episode)
    order: dict[str, list[Entry]] = {segment: [] for segment, _ in SEGMENTS}
    if plan is not None and plan.items is not None:
        chosen: list[EpisodeItem] = plan.items
    else:
        week = segments(view, episode.period)
        chosen = [EpisodeItem(record=r.id) for records in week.values() for r in records]
        chosen += [EpisodeItem(record=c.id) for c in supervised_overdue(view, episode.air_date)]
        dropped = set(plan.drop) if plan else set()
        chosen = [item for item in chosen if item.record not in dropped] + (list(plan.add) if plan else [])
    for item in chosen:
        record = view.records.get(item.record)
        if record is None or record.kind not in SEGMENT_OF:
            continue  # not public on air date, or a kind with no place on screen
        order[item.segment or SEGMENT_OF[record.kind]].append((record, item.host, item.duration))
    return order
