"""Charts drawn: SVG that names itself, lines told apart without colour, a narrow version for phones."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.charts import NARROW, WIDE, Chart, Series
from generator.drawing import render_svg

SVG = "{http://www.w3.org/2000/svg}"
CHART = Chart(
    "lines", ["2017年6月", "2017年7月", "2017年8月"],
    [Series("平邑街道", [90, 93, 95], "best"), Series("丰阳镇", [70, 80, 82], "worst")]
    + [Series(f"其他镇{n}", [80 + n, 82, 84 + n % 3]) for n in range(10)],
    "得分", title="平邑街道得分最高（95分），丰阳镇末位（82分）", description="各镇街三个月的得分 <含特殊字符 & 转义>",
)


def test_svg_carries_the_message_as_title_and_the_description_as_desc() -> None:
    root = ET.fromstring(render_svg(CHART))
    assert root.find(f"{SVG}title").text == "平邑街道得分最高（95分），丰阳镇末位（82分）"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "各镇街三个月的得分 <含特殊字符 & 转义>"  # type: ignore[union-attr]


def test_highlighted_lines_differ_in_dash_and_marker_not_only_colour() -> None:
    """Printed in black and white, the leader (solid, round dots) and the last (dashed, squares) stay apart."""
    svg = render_svg(CHART).decode("utf-8")
    markers = dict(re.findall(r'<path id="m\w+" d="([^"]*)"[^>]*style="[^"]*stroke: (#\w+)', svg))
    by_colour = {colour: shape.split() for shape, colour in markers.items()}
    assert "C" in by_colour["#c8161d"]  # the leader's marker is a circle (curves)
    assert "C" not in by_colour["#222222"] and by_colour["#222222"].count("L") == 3  # the last's a square
    assert "#c4c4c4" not in by_colour  # the grey context lines carry no markers
    assert svg.count("stroke-dasharray") == 1  # only the last's line is dashed


def test_wide_and_narrow_drawings_have_the_declared_sizes() -> None:
    for frame in (WIDE, NARROW):
        root = ET.fromstring(render_svg(CHART, frame))
        assert root.get("width") == f"{frame.width * 72:g}pt" and root.get("height") == f"{frame.height * 72:g}pt"
        assert frame.pixels == (round(frame.width * 96), round(frame.height * 96))
