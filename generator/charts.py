"""Charts as plain data: what to draw, not how; cheap to import and to send to a worker.

`generator.drawing` draws them with matplotlib. A chart says one thing, in its
title; a ranking chart draws the leaders and the last in the latest period in
strong, different lines (colour, dash and marker, so black-and-white print
tells them apart) and greys the rest, labelled at the lines' ends, not in a legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator import strings
from generator.records.models import Ranking
from generator.stats import Monthly

Role = Literal["", "best", "worst"]
C = strings.CHART


@dataclass(frozen=True)
class Series:
    """One line or one set of bars: a name and a value per label."""

    name: str
    values: Sequence[float | None]
    role: Role = ""
    """"best" and "worst" lines are drawn strong and labelled; the others grey."""


@dataclass(frozen=True)
class Chart:
    """Everything needed to draw one chart."""

    style: Literal["lines", "bars", "hbars"]
    labels: Sequence[str]
    series: Sequence[Series]
    ylabel: str
    title: str = ""
    """The chart's one message, drawn above it: what a reader should take away at a glance."""
    description: str = ""
    """What the chart shows and how it is drawn, for readers who cannot see it (SVG <desc>, alt text)."""


@dataclass(frozen=True)
class Frame:
    """A chart's size in inches and its text size in points."""

    width: float
    height: float
    text: float

    @property
    def pixels(self) -> tuple[int, int]:
        """Its size in CSS pixels (96 per inch): the width and height an <img> of it declares."""
        return round(self.width * 96), round(self.height * 96)


WIDE = Frame(8.0, 4.6, 12)
"""Wide screens and print (the bulletin sets it 150 mm wide: its text prints at about 9 pt)."""
NARROW = Frame(4.8, 6.2, 13)
"""Phones: shown about 340 px wide, its text stays about 12 px tall."""


def ranking_lines(rankings: list[Ranking], ylabel: str) -> Chart:
    """Every unit's score across rankings of one series: the latest leaders and last highlighted, the rest grey."""
    latest = rankings[-1]
    ranks = latest.ranks()
    last = max(ranks.values())
    best = [unit for unit, rank in ranks.items() if rank == 1]
    worst = [unit for unit, rank in ranks.items() if rank == last and rank != 1]
    units = list(dict.fromkeys(entry.unit for ranking in rankings for entry in ranking.scores))
    scores = [{entry.unit: entry.score for entry in ranking.scores} for ranking in rankings]
    series = [
        Series(unit, [s.get(unit) for s in scores], "best" if unit in best else "worst" if unit in worst else "")
        for unit in units
    ]
    return Chart(
        "lines", [r.period for r in rankings], series, ylabel,
        title=ranking_message(rankings, best, worst),
        description=C["ranking_description"].format(
            series=latest.series, first=rankings[0].period, last=latest.period, n=len(rankings),
            best="、".join(best), worst="、".join(worst) or "—", rest=len(units) - len(best) - len(worst),
        ),
    )


def ranking_message(rankings: list[Ranking], best: list[str], worst: list[str]) -> str:
    """The one thing to read off a ranking chart: who leads now (and for how long), who is last."""
    latest = rankings[-1]
    scores = {entry.unit: entry.score for entry in latest.scores}
    streak = 0
    for ranking in reversed(rankings):
        if not set(best) <= {unit for unit, rank in ranking.ranks().items() if rank == 1}:
            break
        streak += 1
    leaders = "、".join(best)
    lead = (
        C["lead_streak"].format(units=leaders, n=streak)
        if streak > 1
        else C["lead"].format(period=latest.period, units=leaders, score=f"{scores[best[0]]:g}")
    )
    if not worst:
        return lead
    return lead + C["and_last"].format(units="、".join(worst), score=f"{scores[worst[0]]:g}")


def bars(labels: Sequence[str], series: Sequence[Series], ylabel: str, title: str) -> Chart:
    """Grouped bars (e.g. a year's monthly counts) with their message."""
    names = "、".join(one.name for one in series)
    return Chart("bars", labels, series, ylabel, title=title, description=C["bars_description"].format(title=title, series=names))


def year_charts(per_month: Monthly) -> dict[int, Chart]:
    """Each year's monthly inspections, cases opened and closed, with the year's totals as the message."""
    found = {}
    for year, rows in per_month.items():
        series = [
            Series(strings.SITE["inspections_count"], [f.inspections for _, f in rows]),
            Series(strings.SITE["cases_opened"], [f.cases_opened for _, f in rows]),
            Series(strings.SITE["cases_closed_count"], [f.cases_closed for _, f in rows]),
        ]
        title = strings.CHART["year_message"].format(
            year=year, inspections=sum(f.inspections for _, f in rows), opened=sum(f.cases_opened for _, f in rows),
            closed=sum(f.cases_closed for _, f in rows),
        )
        found[year] = bars([f"{start.month}月" for start, _ in rows], series, strings.SITE["count"], title)
    return found


def ranking_bars(ranking: Ranking, xlabel: str) -> Chart:
    """One ranking's scores as horizontal bars, first place on top."""
    ranks = ranking.ranks()
    ordered = sorted(ranking.scores, key=lambda s: ranks[s.unit])
    return Chart("hbars", [s.unit for s in ordered], [Series(ranking.series, [s.score for s in ordered])], xlabel)
