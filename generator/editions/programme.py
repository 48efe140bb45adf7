"""What the weekly programme shows: its five segments, the cases that keep coming back, and its running order.

The running order (the week's records per segment, as the episode's editorial
file edits them) is what the TV pack airs and what the vertical clips and the
WeChat article re-tell, so all of them show the same records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.editions.calendar import Episode, Period
from generator.editions.composed import Composed
from generator.records.editorial import SEGMENT_OF, EpisodeEditorial, EpisodeItem
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
Entry = tuple[Record, str | None, float | None]
"""A record in the running order, with its host line and fixed length, if any."""


def segments(view: PublicView, period: Period) -> dict[str, list[Record]]:
    """Public records of each segment dated in `period`, oldest first."""
    return {name: period.records(view, kind) for name, kind in SEGMENTS}


def supervised_overdue(view: PublicView) -> list[Case]:
    """Public 挂牌督办 cases past their deadline on the view's date, oldest overdue first: they come back every week until closed."""
    late = [case for case in view.of(Case) if case.disposition is Disposition.SUPERVISED and case.status(view.on) is CaseStatus.OVERDUE]
    return sorted(late, key=lambda case: (case.deadline, case.id))


@dataclass(frozen=True)
class Returning:
    """The overdue supervised cases an episode brings back on its own: the oldest one by one, the rest named on one list.

    At most `broadcast.overdue_items` (office.yaml) are followed up as items,
    so a bad year never fills the programme; the others are still named, on
    the 逾期未整改 list that closes 现场督查.
    """

    followed: list[Case]
    listed: list[Case]


def returning(view: PublicView, episode: Episode) -> Returning:
    """The overdue cases `episode` brings back beside its week's records, as its editorial file leaves them."""
    return _returning(view, episode_editorial(view, episode), segments(view, episode.period))


def _returning(view: PublicView, plan: EpisodeEditorial | None, week: dict[str, list[Record]]) -> Returning:
    if plan is not None and plan.items is not None:
        return Returning([], [])  # the editor set the whole order: nothing comes back by itself
    shown = {record.id for records in week.values() for record in records}
    if plan is not None:
        shown |= set(plan.drop) | {item.record for item in plan.add}
    cases = [case for case in supervised_overdue(view) if case.id not in shown]
    limit = view.office.broadcast.overdue_items
    return Returning(cases[:limit], cases[limit:])


def episodes_with_records(views: Views, as_of: dt.date, composed: Composed | None = None) -> list[Episode]:
    """Every episode, oldest first, whose week holds a record public on its own date, up to `as_of` (each week's answer
    taken from `composed` while what it read of its view is unchanged: asking five hundred views took a quarter second)."""
    dates = sorted({record.date for record in views.catalog.records.values() if record.date <= as_of})
    found: list[Episode] = []
    tried: set[Episode] = set()
    for day in dates:
        episode = Episode.covering(day)
        if episode in tried:
            continue
        tried.add(episode)
        day = episode.on(as_of)
        if Composed.made(composed, views, day, f"week {episode.id}", lambda: _holds_records(views.on(day), episode)):
            found.append(episode)
    return found


def _holds_records(view: PublicView, episode: Episode) -> bool:
    return any(view.between(kind, episode.period.start, episode.period.end) for kind in KINDS.values())


def episode_editorial(view: PublicView, episode: Episode) -> EpisodeEditorial | None:
    """The episode's editorial file, if it has one."""
    editorial = view.editorial_of("episodes", episode.id)
    return editorial if isinstance(editorial, EpisodeEditorial) else None


def running_order(view: PublicView, episode: Episode) -> dict[str, list[Entry]]:
    """Public records per segment on the view's date: the week's records plus the overdue cases followed up (`returning`), as edited."""
    plan = episode_editorial(view, episode)
    order: dict[str, list[Entry]] = {segment: [] for segment, _ in SEGMENTS}
    if plan is not None and plan.items is not None:
        chosen: list[EpisodeItem] = plan.items
    else:
        week = segments(view, episode.period)
        chosen = [EpisodeItem(record=r.id) for records in week.values() for r in records]
        chosen += [EpisodeItem(record=c.id) for c in _returning(view, plan, week).followed]
        dropped = set(plan.drop) if plan else set()
        chosen = [item for item in chosen if item.record not in dropped] + (list(plan.add) if plan else [])
    for item in chosen:
        record = view.get(item.record)
        if record is None or record.kind not in SEGMENT_OF:
            continue  # not public on air date; a kind with no place on screen is refused by check
        order[item.segment or SEGMENT_OF[record.kind]].append((record, item.host, item.duration))
    return order
