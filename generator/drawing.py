"""Draw charts with matplotlib, as SVG for the site and the bulletin, or as a
picture for TV slides and sharing cards.

Text is set in Noto Sans CJK SC (the SC face of Debian's .ttc collection) and
turned into outlines in SVG, so a chart looks the same wherever it is opened
(the printed bulletin's charts keep their text as text: see `render_svg`).
Output is reproducible: no dates in the metadata, fixed ids.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape

import matplotlib
from PIL import Image

from generator import strings
from generator.charts import WIDE, Chart, Frame
from generator.words import tokens, wrap

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT = "Noto Sans CJK SC"
RED = "#c8161d"
INK = "#222222"
GREY = "#c4c4c4"
MUTED = "#6b6b6b"

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


def draw(chart: Chart, frame: Frame = WIDE) -> Figure:
    with plt.rc_context({"font.size": frame.text}):
        figure = {"lines": lines, "bars": bars, "hbars": hbars}[chart.style](chart, size=(frame.width, frame.height))
        if chart.title:
            size = frame.text * 1.1
            title = wrapped(chart.title, frame.width * 72 * 0.97, size)
            figure.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=size, linespacing=1.3)
        return figure


def text_width(text: str, size: float) -> float:
    """Width of `text` in points at `size` points, near enough to break lines: CJK characters are square, the rest about half."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.58 for char in text)


def wrapped(text: str, width: float, size: float) -> str:
    """`text` broken between words into lines of at most `width` points (matplotlib wraps only at spaces, which Chinese has none of)."""
    return "\n".join(line.strip() for line in wrap(tokens(text), lambda line: text_width(line.strip(), size) <= width))


def hbars(chart: Chart, *, size: tuple[float, float] = (8, 6)) -> Figure:
    """Horizontal bars of one series, first label on top, value at each bar's end (a ranking on TV)."""
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    labels = chart.labels
    values = [v or 0 for v in chart.series[0].values]
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=RED, height=0.7)
    axes.set_yticks(positions, labels)
    axes.set_xlim(min(values) * 0.9 if values else 0, (max(values) if values else 1) * 1.06)
    for y, value in zip(positions, values, strict=True):
        axes.text(value, y, f" {value:g}", va="center")
    axes.set_xlabel(chart.ylabel)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure


def render_image(chart: Chart, width_px: int, height_px: int, *, text_px: int) -> Image.Image:
    """`chart` as an RGB picture of exactly width x height pixels with text `text_px` pixels tall (TV slides, sharing cards).

    Taken from the Agg canvas matplotlib drew it on (its `buffer_rgba`), not
    saved as a PNG: a slide pastes it into its frame and a sharing card
    compresses it its own way, so a PNG made here was only decoded again,
    a quarter of the chart's time.
    """
    dpi = 100
    figure = draw(chart, Frame(width_px / dpi, height_px / dpi, text_px * 72 / dpi))
    figure.set_dpi(dpi)
    figure.canvas.draw()
    image = Image.frombuffer("RGBA", figure.canvas.get_width_height(), figure.canvas.buffer_rgba()).convert("RGB")
    plt.close(figure)
    return image


def render_svg(chart: Chart, frame: Frame = WIDE, *, outlines: bool = True) -> bytes:
    """SVG bytes of a chart, its message as <title> and its description as <desc>; a module-level function, so a process pool can run it.

    Without `outlines`, text is set as SVG text in the chart's face instead of
    drawn as glyph outlines: for a page that is printed in that same face.
    """
    with plt.rc_context({"svg.fonttype": "path" if outlines else "none"}):
        return svg(draw(chart, frame), chart.title, chart.description).encode("utf-8")


STYLES: dict[str, dict[str, object]] = {
    "best": {"color": RED, "linestyle": "-", "marker": "o", "linewidth": 2.8, "markersize": 7, "zorder": 4},
    "worst": {"color": INK, "linestyle": (0, (4, 2)), "marker": "s", "linewidth": 2.4, "markersize": 6.5, "zorder": 3},
    "": {"color": GREY, "linestyle": "-", "linewidth": 1.1, "zorder": 2},
}
"""Line styles by role: told apart by dash and marker as well as colour, so a black-and-white print reads too.

The grey lines are the context and carry no markers: the eye goes to the
marked ones, and the bulletin prints about a twentieth faster (WeasyPrint
draws every marker as a shape of its own, some eighty of them per chart)."""
LABEL_ALL = 5
"""Up to this many lines, every line is labelled at its end; beyond, the grey ones share one label."""


def lines(chart: Chart, *, size: tuple[float, float] = (8, 4.5)) -> Figure:
    """A line per series over the labels, each labelled at its right end instead of in a legend."""
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    ends: list[tuple[float, str, str]] = []
    rest = [one for one in chart.series if not one.role]
    for one in sorted(chart.series, key=lambda s: bool(s.role)):  # grey first, underneath
        points = [(x, y) for x, y in enumerate(one.values) if y is not None]
        if not points:
            continue
        style = STYLES[one.role]
        axes.plot([p[0] for p in points], [p[1] for p in points], **style)  # type: ignore[arg-type]
        if one.role or len(chart.series) <= LABEL_ALL:
            ends.append((points[-1][1], f"{one.name} {points[-1][1]:g}", str(style["color"]) if one.role else MUTED))
    if rest and len(chart.series) > LABEL_ALL:
        last = sorted(v for one in rest for v in [next((y for y in reversed(one.values) if y is not None), None)] if v is not None)
        if last:
            ends.append((last[len(last) // 2], strings.CHART["rest"].format(n=len(rest)), MUTED))
    text = plt.rcParams["font.size"]
    names = size[0] * 72 * 0.28
    ends = [(value, wrapped(name, names, text), colour) for value, name, colour in ends]
    axes.set_xticks(range(len(chart.labels)), _fitting(chart.labels, size[0] * 72 * 0.6, text))
    axes.set_xlim(-0.25, len(chart.labels) - 0.75)
    axes.set_ylabel(chart.ylabel)
    axes.grid(axis="y", color="#e4e4e4", linewidth=0.6)
    axes.margins(y=0.08)
    _label_ends(axes, ends, size[1])
    return figure


def _label_ends(axes: Axes, ends: list[tuple[float, str, str]], height: float) -> None:
    """Name the lines beside the right edge, each at its last value, nudged apart so no two names overlap.

    The names are the tick labels of a second y axis on the right, so the
    layout engine makes room for them as for any axis label.
    """
    low, high = axes.get_ylim()
    tallest = max((text.count("\n") + 1 for _, text, _ in ends), default=1)
    gap = (high - low) * plt.rcParams["font.size"] * 1.3 * tallest / (height * 72 * 0.72)
    placed: list[float] = []
    for value, _, _ in sorted(ends):
        placed.append(max(value, placed[-1] + gap) if placed else value)
    overshoot = (placed[-1] - high) if placed else 0
    if overshoot > 0:  # pushed past the top: slide the whole stack down, keeping the gaps
        placed = [p - overshoot for p in placed]
        for index in range(len(placed) - 2, -1, -1):
            placed[index] = min(placed[index], placed[index + 1] - gap)
    right = axes.twinx()
    right.set_ylim(low, high)
    right.set_yticks(placed, [text for _, text, _ in sorted(ends)])
    for label, (_, _, colour) in zip(right.get_yticklabels(), sorted(ends), strict=True):
        label.set_color(colour)
        label.set_fontweight("bold" if colour != MUTED else "normal")
    right.tick_params(axis="y", length=0, pad=4)
    for spine in right.spines.values():
        spine.set_visible(False)


def _fitting(labels: Sequence[str], width: float, size: float) -> list[str]:
    """Axis labels side by side in `width` points: broken after the year ("2017年" over "6月") when they would touch."""
    if sum(text_width(label, size) + size for label in labels) <= width:
        return list(labels)
    return [label.replace("年", "年\n", 1) for label in labels]


def bars(chart: Chart, *, size: tuple[float, float] = (8, 3.6)) -> Figure:
    """Grouped bars: one group per label, one bar per series (e.g. cases opened and closed per month).

    Upright on a wide frame; lying down, first label on top, on a tall one (a
    phone), where twelve months of upright bars would be too thin to read.
    """
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    series = chart.series
    lying = size[0] < size[1]
    width = 0.8 / max(len(series), 1)
    colours = [RED, "#444444", "#f0b64a", "#2f6db5"]
    slots = range(len(chart.labels))
    for index, one in enumerate(series):
        offsets = [x + (index - (len(series) - 1) / 2) * width for x in slots]
        values = [v or 0 for v in one.values]
        colour = colours[index % len(colours)]
        if lying:
            axes.barh(offsets, values, height=width, color=colour, label=one.name)
        else:
            axes.bar(offsets, values, width=width, color=colour, label=one.name)
    if lying:
        axes.set_yticks(slots, chart.labels)
        axes.invert_yaxis()
        axes.set_xlabel(chart.ylabel)
        axes.grid(axis="x", color="#e4e4e4", linewidth=0.6)
    else:
        axes.set_xticks(slots, _fitting(chart.labels, size[0] * 72 * 0.85, plt.rcParams["font.size"]))
        axes.set_ylabel(chart.ylabel)
        axes.grid(axis="y", color="#e4e4e4", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(series) > 1:
        columns = len(series) if sum(text_width(one.name, plt.rcParams["font.size"]) + 60 for one in series) < size[0] * 72 * 0.9 else 1
        axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=columns, borderaxespad=0.2, handlelength=1)
    return figure


def svg(figure: Figure, title: str = "", description: str = "") -> str:
    """The figure as standalone SVG text, with a <title> and <desc> when given, then closed."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    text = buffer.getvalue()
    if not (title or description):
        return text
    opening = text.index(">", text.index("<svg")) + 1  # matplotlib's own <title> would be its metadata's, which we leave unset
    named = (f"<title>{escape(title)}</title>" if title else "") + (f"<desc>{escape(description)}</desc>" if description else "")
    return text[:opening] + "\n" + named + text[opening:]
