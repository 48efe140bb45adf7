"""What the reach channels re-tell of an edition: boards, overdue cases, the rankings' movers, safety tips.

A week's story follows the episode's running order (so the article and the
clips show what went on air, as the editorial file edited it), plus every case
overdue on air date; an issue's pieces come from the bulletin's own content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.editions.calendar import Episode, Issue
from generator.editions.programme import running_order
from generator.records import vocabulary
from generator.records.models import Case, Listing, Ranking, Tip
from generator.records.public import PublicView

MOVERS = 3
"""Units named among the risers and among the fallers: the biggest moves only."""


@dataclass(frozen=True)
class Board:
    """One board's entries of an edition."""

    board: vocabulary.Board
    listings: tuple[Listing, ...]

    @property
    def name(self) -> str:
        """红榜 or 黑榜."""
        return str(self.board)

    @property
    def slug(self) -> str:
        """red or black: the ASCII name its files carry."""
        return self.board.name.lower()


@dataclass(frozen=True)
class Overdue:
    case: Case
    days: int
    """Days past its deadline on the edition's date."""


@dataclass(frozen=True)
class Movers:
    """One ranking told in a glance: who leads, who climbed, who slipped."""

    ranking: Ranking
    leaders: tuple[str, ...]
    risers: tuple[tuple[str, int], ...]
    fallers: tuple[tuple[str, int], ...]
    """(unit, places lost) with places as a positive number."""


@dataclass(frozen=True)
class TipItem:
    tip: Tip
    host: str | None
    """The host's line the editorial file gave it, if any."""


@dataclass(frozen=True)
class Week:
    episode: Episode
    on: dt.date
    """The date the story speaks for: the air date, or an earlier day when told ahead of air."""
    boards: list[Board]
    overdue: list[Overdue]
    rankings: list[Movers]
    tips: list[TipItem]

    @property
    def empty(self) -> bool:
        return not (self.boards or self.overdue or self.rankings or self.tips)


def page_url(site_url: str, edition: Episode | Issue) -> str:
    """The edition's page on the site: what the article's "read more", its QR code and the clips' end card open."""
    return f"{site_url.rstrip('/')}/{edition.page}"


def boards(listings: Iterable[Listing]) -> list[Board]:
    """The red board, then the black, each with its entries in order; a board with none is left out."""
    entries = list(listings)
    found = [Board(board, tuple(e for e in entries if e.board is board)) for board in vocabulary.Board]
    return [board for board in found if board.listings]


def overdue(cases: Iterable[Case], on: dt.date) -> list[Overdue]:
    """The cases past their deadline and not closed on `on`, longest overdue first."""
    late = [Overdue(case, (on - case.deadline).days) for case in cases if case.status(on) is vocabulary.CaseStatus.OVERDUE]
    return sorted(late, key=lambda item: (-item.days, item.case.id))


def movers(ranking: Ranking, movement: dict[str, int | None]) -> Movers:
    """The leaders and the biggest climbers and fallers of `ranking` against the previous one of its series."""
    ranks = ranking.ranks()
    moved = [(unit, change) for unit, change in movement.items() if change]
    up = sorted(((u, c) for u, c in moved if c > 0), key=lambda m: (-m[1], ranks[m[0]]))[:MOVERS]
    down = sorted(((u, -c) for u, c in moved if c < 0), key=lambda m: (-m[1], ranks[m[0]]))[:MOVERS]
    leaders = tuple(unit for unit, rank in ranks.items() if rank == 1)
    return Movers(ranking, leaders, tuple(up), tuple(down))


def week(view: PublicView, episode: Episode) -> Week:
    """The story of `episode` from the public view on the date it speaks for (`Episode.on`)."""
    order = running_order(view, episode)
    listings = [record for record, _, _ in order["listing"] if isinstance(record, Listing)]
    rankings = [record for record, _, _ in order["ranking"] if isinstance(record, Ranking)]
    tips = [TipItem(record, host) for record, host, _ in order["tip"] if isinstance(record, Tip)]
    return Week(
        episode,
        view.on,
        boards(listings),
        overdue(view.of(Case), view.on),
        [movers(ranking, view.movement(ranking)) for ranking in rankings],
        tips,
    )
