"""The bench's statistics: median and spread of pair ratios, and verdicts that say "unsettled" when the spread crosses the target."""

from __future__ import annotations

import pytest

from bench.pairs import Paired, Sample, Spread, across, combine, interleave, judge, pair, ratios, spread


def test_spread_is_the_median_and_the_range() -> None:
    assert spread([0.82, 0.56, 0.61]) == Spread(0.61, 0.56, 0.82)
    assert spread([4.0, 1.0, 3.0, 2.0]) == Spread(2.5, 1.0, 4.0)
    assert spread([7.5]) == Spread(7.5, 7.5, 7.5)


def test_a_spread_needs_a_figure() -> None:
    with pytest.raises(ValueError, match="at least one"):
        spread([])


@pytest.mark.parametrize(
    ("figures", "limit", "verdict"),
    [
        (Spread(0.56, 0.52, 0.61), 0.75, "met"),
        (Spread(0.70, 0.56, 0.82), 0.75, "unsettled"),
        (Spread(0.90, 0.80, 0.95), 0.75, "missed"),
        (Spread(0.75, 0.75, 0.75), 0.75, "met"),
        (Spread(0.80, 0.75, 0.85), 0.75, "unsettled"),
    ],
)
def test_a_target_is_met_missed_or_unsettled_by_where_the_spread_lies(figures: Spread, limit: float, verdict: str) -> None:
    assert judge(figures, limit) == verdict


def test_a_target_of_several_parts_takes_the_worst_verdict() -> None:
    assert combine("met", "met") == "met"
    assert combine("met", "unsettled") == "unsettled"
    assert combine("unsettled", "missed", "met") == "missed"


def test_ratios_are_taken_pair_by_pair() -> None:
    assert ratios([2.0, 3.0, 5.0], [4.0, 4.0, 10.0]) == [0.5, 0.75, 0.5]


def test_ratios_against_a_baseline_run_once_divide_every_run_by_it() -> None:
    assert ratios([10.0, 20.0, 30.0], [200.0]) == [0.05, 0.1, 0.15]


def test_runs_that_do_not_pair_are_refused() -> None:
    with pytest.raises(ValueError, match="not pairs"):
        ratios([1.0, 2.0, 3.0], [1.0, 2.0])


def test_paired_reports_the_median_ratio_its_spread_and_verdict() -> None:
    ours = [Sample(20.3, 320.0), Sample(29.5, 330.0), Sample(21.0, 310.0)]
    baseline = [Sample(36.0, 200.0), Sample(36.0, 200.0), Sample(30.0, 200.0)]
    result = Paired("site", ours, baseline, 0.75)
    assert [round(r, 4) for r in ratios([s.seconds for s in ours], [s.seconds for s in baseline])] == [0.5639, 0.8194, 0.7]
    assert round(result.ratio.median, 4) == 0.7
    assert (round(result.ratio.low, 4), round(result.ratio.high, 4)) == (0.5639, 0.8194)
    assert result.verdict == "unsettled"
    assert result.time == Spread(21.0, 20.3, 29.5)
    assert result.base_time == Spread(36.0, 30.0, 36.0)
    assert result.peak_mb == 330.0
    assert Paired("site", ours, baseline).verdict is None


def test_spread_text_shows_the_range_only_when_there_is_one() -> None:
    assert Spread(0.7, 0.5639, 0.8194).text("×") == "0.70× (0.56–0.82)"
    assert Spread(15.53, 15.53, 15.53).text(" s") == "15.53 s"


def test_pairs_run_interleaved_ours_first() -> None:
    calls: list[str] = []

    def run(name: str, seconds: float) -> Sample:
        calls.append(name)
        return Sample(seconds, 1.0)

    result = pair("check", lambda: run("ours", 1.0), lambda: run("baseline", 2.0), 0.6, pairs=3)
    assert calls == ["ours", "baseline", "ours", "baseline", "ours", "baseline"]
    assert result.ratio == Spread(0.5, 0.5, 0.5)
    assert result.verdict == "met"


def test_several_baselines_run_in_the_same_rounds() -> None:
    calls: list[str] = []

    def run(name: str) -> Sample:
        calls.append(name)
        return Sample(1.0, 1.0)

    mine, (plain, hugo) = interleave(lambda: run("ours"), [lambda: run("mkdocs"), lambda: run("hugo")], pairs=2)
    assert calls == ["ours", "mkdocs", "hugo", "ours", "mkdocs", "hugo"]
    assert (len(mine), len(plain), len(hugo)) == (2, 2, 2)


def test_runs_not_made_in_pairs_are_divided_by_every_baseline_run() -> None:
    assert across([4.0, 6.0], [2.0, 4.0, 8.0]) == [2.0, 1.0, 0.5, 3.0, 1.5, 0.75]


def test_a_ratio_across_needs_runs_on_both_sides() -> None:
    with pytest.raises(ValueError, match="both sides"):
        across([1.0], [])


def test_an_unpaired_ratio_spans_every_combination_and_is_judged_on_it() -> None:
    edits = [Sample(4.0, 500.0), Sample(6.0, 500.0)]
    hugo = [Sample(2.0, 90.0), Sample(3.0, 90.0), Sample(4.0, 90.0)]
    result = Paired("edit", edits, hugo, 2.0, interleaved=False)
    assert result.ratio == Spread(1.75, 1.0, 3.0)
    assert result.verdict == "unsettled"
