"""Measured pairs: ours and its baseline run in turn, and a verdict that admits when the machine cannot tell.

Two runs of the same bench on this machine once gave 0.56× and 0.82× plain
mkdocs for one site build: the machine is shared, and a load that lasts a
minute lands on whichever side runs then. So every measured pair runs
interleaved — ours, baseline, ours, baseline… — each pair under the same load;
the figure is the median of the pair ratios, their min–max is its spread, and
a target that lies inside the spread is "unsettled", not met or missed.

`pair` runs one comparison; `interleave` runs ours against several baselines
in the same rounds (the site against plain mkdocs and Hugo). A baseline
measured elsewhere in the run (Hugo's full build beside an edit's rebuild) is
not paired: `across` divides every run by every baseline run, so its spread
holds every combination. The statistics (`spread`, `judge`, `combine`,
`ratios`, `across`) are pure, for the tests.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["met", "missed", "unsettled"]


@dataclass(frozen=True)
class Sample:
    """One run of one command: wall time, peak resident memory, and what it printed."""

    seconds: float
    peak_mb: float
    output: str = ""


@dataclass(frozen=True)
class Spread:
    """The median of some figures and their range."""

    median: float
    low: float
    high: float

    def text(self, unit: str = "", digits: int = 2) -> str:
        """`0.56× (0.52–0.61)`; one figure alone has no range to show."""
        figure = f"{self.median:.{digits}f}{unit}"
        if self.low == self.high:
            return figure
        return f"{figure} ({self.low:.{digits}f}–{self.high:.{digits}f})"


def spread(values: Sequence[float]) -> Spread:
    """Median and min–max of `values` (at least one)."""
    if not values:
        raise ValueError("a spread needs at least one figure")
    return Spread(statistics.median(values), min(values), max(values))


def judge(figures: Spread, limit: float) -> Verdict:
    """A target "at most `limit`": met when the whole spread is within it, missed when none is, else unsettled."""
    if figures.high <= limit:
        return "met"
    if figures.low > limit:
        return "missed"
    return "unsettled"


def combine(*verdicts: Verdict) -> Verdict:
    """The verdict of a target made of several: missed if one is missed, else unsettled if one is, else met."""
    if "missed" in verdicts:
        return "missed"
    if "unsettled" in verdicts:
        return "unsettled"
    return "met"


def ratios(ours: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Each run of ours over the baseline run of its pair; over the one baseline run when it ran once (a cold build)."""
    if len(baseline) == 1:
        return [value / baseline[0] for value in ours]
    if len(ours) != len(baseline):
        raise ValueError(f"{len(ours)} runs of ours against {len(baseline)} of the baseline: not pairs")
    return [value / base for value, base in zip(ours, baseline, strict=True)]


def across(ours: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Every run of ours over every baseline run: runs not made in pairs, whose ratio can only be bounded by all of them."""
    if not ours or not baseline:
        raise ValueError("a ratio needs runs on both sides")
    return [value / base for value in ours for base in baseline]


@dataclass(frozen=True)
class Paired:
    """Ours against a baseline; `limit` is the target ratio (at most), None when only reported.

    `interleaved` says the runs were made in pairs; when False (a baseline
    taken from another part of the run) the ratio is taken `across` them.
    """

    name: str
    ours: list[Sample]
    baseline: list[Sample]
    limit: float | None = None
    interleaved: bool = True

    @property
    def time(self) -> Spread:
        """Our wall time over the runs."""
        return spread([sample.seconds for sample in self.ours])

    @property
    def base_time(self) -> Spread:
        return spread([sample.seconds for sample in self.baseline])

    @property
    def peak_mb(self) -> float:
        """Our largest peak memory over the runs."""
        return max(sample.peak_mb for sample in self.ours)

    @property
    def ratio(self) -> Spread:
        """Median pair ratio (ours / baseline) and its spread; over every combination when the runs were not paired."""
        divide = ratios if self.interleaved else across
        return spread(divide([s.seconds for s in self.ours], [s.seconds for s in self.baseline]))

    @property
    def verdict(self) -> Verdict | None:
        """Against the target ratio; None when the ratio is only reported."""
        return None if self.limit is None else judge(self.ratio, self.limit)


def interleave(ours: Callable[[], Sample], baselines: Sequence[Callable[[], Sample]], pairs: int = 3) -> tuple[list[Sample], list[list[Sample]]]:
    """Run ours, then each baseline, `pairs` times over; the runs of ours and of each baseline."""
    if pairs < 1:
        raise ValueError("at least one pair")
    mine: list[Sample] = []
    theirs: list[list[Sample]] = [[] for _ in baselines]
    for _ in range(pairs):
        mine.append(ours())
        for runs, baseline in zip(theirs, baselines, strict=True):
            runs.append(baseline())
    return mine, theirs


def pair(name: str, ours: Callable[[], Sample], baseline: Callable[[], Sample], target: float | None, pairs: int = 3) -> Paired:
    """Ours and `baseline` run in turn `pairs` times; `target` is the ratio ours/baseline must stay at or under."""
    mine, (theirs,) = interleave(ours, [baseline], pairs)
    return Paired(name, mine, theirs, target)
