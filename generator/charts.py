"""Charts as plain data: what to draw, not how; cheap to import and to send to a worker.

`generator.drawing` draws them with matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.records.models import Ranking


@dataclass(frozen=True)
class Series:
    """One line or one set of bars: a name and a value per label."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Chart:
    """Everything needed to draw one chart."""

    style: Literal["lines", "bars", "hbars"]
    labels: Sequence[str]
    series: Sequence[Series]
    ylabel: str


def ranking_lines(rankings: list[Ranking], ylabel: str) -> Chart:
    """Every unit's score across rankings of one series, one line per unit."""
    units = list(dict.fromkeys(entry.unit for ranking in rankings for entry in ranking.scores))
    scores = [{entry.unit: entry.score for entry in ranking.scores} for ranking in rankings]
    return Chart("lines", [r.period for r in rankings], [Series(u, [s.get(u) for s in scores]) for u in units], ylabel)


def ranking_bars(ranking: Ranking, xlabel: str) -> Chart:
    """One ranking's scores as horizontal bars, first place on top."""
    ranks = ranking.ranks()
    ordered = sorted(ranking.scores, key=lambda s: ranks[s.unit])
    return Chart("hbars", [s.unit for s in ordered], [Series(ranking.series, [s.score for s in ordered])], xlabel)
