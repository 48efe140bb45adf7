"""Charts as plain data: what to draw, not how; cheap to import and to send to a worker.

`generator.drawing` draws them with matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


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


def draw_svg(chart: Chart) -> bytes:
    """SVG bytes of `chart`; matplotlib is imported here, in the worker process that draws."""
    from generator.drawing import render_svg

    return render_svg(chart)
