"""Charts as data: the message each says, and who is drawn strong."""

from __future__ import annotations

from itertools import groupby

from generator.charts import ranking_lines
from generator.records import loader
from generator.records.models import Ranking
from tests.conftest import REPO


def series() -> dict[str, list[Ranking]]:
    rankings = sorted(loader.load(REPO / "records").of(Ranking), key=lambda r: (r.series, r.date))
    return {name: list(group) for name, group in groupby(rankings, key=lambda r: r.series)}


def test_each_ranking_chart_says_one_thing_in_its_title() -> None:
    found = {name: ranking_lines(items, "得分").title for name, items in series().items()}
    assert found == {
        "安全生产宣传教育“百千万工程”": "平邑街道连续3期第一，白彦镇末位（84分）",
        "镇街安监办标准化建设": "2017年9月平邑街道、仲村镇得分最高（95分），丰阳镇末位（87分）",
        "隐患排查整改落实": "校园安全专业委员会连续3期第一，农业农村安全专业委员会末位（86分）",
    }


def test_the_latest_leaders_and_last_are_highlighted_and_the_rest_grey() -> None:
    chart = ranking_lines(series()["镇街安监办标准化建设"], "得分")
    roles = {one.name: one.role for one in chart.series}
    assert {name for name, role in roles.items() if role == "best"} == {"平邑街道", "仲村镇"}
    assert {name for name, role in roles.items() if role == "worst"} == {"丰阳镇"}
    assert list(roles.values()).count("") == 11
    assert "红色实线（圆点）为最新一期第一名平邑街道、仲村镇" in chart.description
