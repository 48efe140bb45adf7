"""Draw charts with matplotlib, as SVG for the site and the bulletin or PNG for TV.

Text is set in Noto Sans CJK SC (the SC face of Debian's .ttc collection) and
turned into outlines in SVG, so a chart looks the same wherever it is opened.
Output is reproducible: no dates in the metadata, fixed ids.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

from generator.charts import Chart, Series

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT = "Noto Sans CJK SC"
RED = "#c8161d"
INK = "#222222"

plt.rcParams.update(
    {
        "font.family": FONT,
        "svg.fonttype": "path",
        "svg.hashsalt": "safety365",
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#888888",
        "text.color": INK,
        "axes.labelcolor": INK,
    }
)


def draw(chart: Chart) -> Figure:
    return {"lines": lines, "bars": bars, "hbars": hbars}[chart.style](chart.labels, chart.series, ylabel=chart.ylabel)


def hbars(labels: Sequence[str], series: Sequence[Series], *, ylabel: str, size: tuple[float, float] = (8, 6)) -> Figure:
    """Horizontal bars of one series, first label on top, value at each bar's end (a ranking on TV)."""
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    values = [v or 0 for v in series[0].values]
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=RED, height=0.7)
    axes.set_yticks(positions, labels)
    axes.set_xlim(min(values) * 0.9 if values else 0, (max(values) if values else 1) * 1.06)
    for y, value in zip(positions, values, strict=True):
        axes.text(value, y, f" {value:g}", va="center")
    axes.set_xlabel(ylabel)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure


def render_png(chart: Chart, width_px: int, height_px: int, *, text_px: int) -> bytes:
    """PNG of `chart` at exactly width x height pixels with text `text_px` pixels tall (TV slides)."""
    dpi = 100
    with plt.rc_context({"font.size": text_px * 72 / dpi}):
        figure = draw(chart)
        figure.set_size_inches(width_px / dpi, height_px / dpi)
        return png(figure, dpi=dpi)


def render_svg(chart: Chart) -> bytes:
    """SVG bytes of a chart; a module-level function, so a process pool can run it."""
    return svg(draw(chart)).encode("utf-8")


def lines(labels: Sequence[str], series: Sequence[Series], *, ylabel: str, size: tuple[float, float] = (8, 4.5)) -> Figure:
    """A line per series over `labels` (e.g. every unit's score over the periods of a ranking series)."""
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    colours = plt.get_cmap("tab20").colors
    for index, one in enumerate(series):
        points = [(x, y) for x, y in enumerate(one.values) if y is not None]
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=4, linewidth=1.6,
                  color=colours[index % len(colours)], label=one.name)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_ylabel(ylabel)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    if len(series) > 1:
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    return figure


def bars(labels: Sequence[str], series: Sequence[Series], *, ylabel: str, size: tuple[float, float] = (8, 3.6)) -> Figure:
    """Grouped bars: one group per label, one bar per series (e.g. cases opened and closed per month)."""
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    width = 0.8 / max(len(series), 1)
    colours = [RED, "#555555", "#e8a33d", "#2f6db5"]
    for index, one in enumerate(series):
        offsets = [x + (index - (len(series) - 1) / 2) * width for x in range(len(labels))]
        axes.bar(offsets, [v or 0 for v in one.values], width=width, color=colours[index % len(colours)], label=one.name)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_ylabel(ylabel)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(series) > 1:
        axes.legend(frameon=False, fontsize=8)
    return figure


def svg(figure: Figure) -> str:
    """The figure as standalone SVG text, then closed."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


def png(figure: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes, then closed."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()
