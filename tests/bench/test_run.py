"""The bench's report of the editors' preview: each kind of change judged against 1.5 s, a kind not timed said to be so."""

from __future__ import annotations

import pytest

from bench.run import serve_lines, timed


def test_every_kind_of_change_is_judged_against_its_target() -> None:
    lines = serve_lines({
        "startup": 17.14, "latencies": [1.2, 0.9, 1.4],
        "edit": [0.8, 1.0], "add": [1.1], "delete": [1.2, 2.0], "registry": [1.6, 1.9], "editorial": [0.7, 0.9, 1.3],
    })
    assert lines == [
        "`safety365 serve` on 10,000 records: first build 17.1 s; a saved news title shows on its page in 1.20 s (0.90–1.40) "
        "(median and range of 3 saves; target ≤ 1.5 s): met.",
        "- a record's text edited: shows in 0.90 s (0.80–1.00) (median and range of 2 saves; target ≤ 1.5 s): met.",
        "- a record added: shows in 1.10 s (median and range of 1 saves; target ≤ 1.5 s): met.",
        "- a record deleted: shows in 1.60 s (1.20–2.00) (median and range of 2 saves; target ≤ 1.5 s): unsettled.",
        "- a registry changed: shows in 1.75 s (1.60–1.90) (median and range of 2 saves; target ≤ 1.5 s): missed.",
        "- an editorial file changed: shows in 0.90 s (0.70–1.30) (median and range of 3 saves; target ≤ 1.5 s): met.",
    ]


def test_the_previews_memory_is_reported_after_its_first_build_and_its_last_save() -> None:
    lines = serve_lines({"startup": 20.0, "latencies": [2.0], "edit": [2.0, 2.2], "registry": [9.0], "resident_mb": [597.4, 661.6]})
    assert lines[-1] == "- the preview's memory: 597 MB after its first build, 662 MB after 3 saves."
    assert "memory" not in " ".join(serve_lines({"startup": 20.0, "latencies": [2.0], "resident_mb": [597.4, None]}))


def test_a_kind_of_change_the_script_did_not_time_is_not_measured() -> None:
    lines = serve_lines({"startup": 20.0, "latencies": [2.0]})
    assert lines[0].endswith("(median and range of 1 saves; target ≤ 1.5 s): missed.")
    assert lines[1:] == [
        "- a record's text edited: not measured (`serve_latency.py` reported no `edit`); target ≤ 1.5 s.",
        "- a record added: not measured (`serve_latency.py` reported no `add`); target ≤ 1.5 s.",
        "- a record deleted: not measured (`serve_latency.py` reported no `delete`); target ≤ 1.5 s.",
        "- a registry changed: not measured (`serve_latency.py` reported no `registry`); target ≤ 1.5 s.",
        "- an editorial file changed: not measured (`serve_latency.py` reported no `editorial`); target ≤ 1.5 s.",
    ]


def test_each_stage_prints_its_minutes_and_its_lines_as_it_ends(capsys: pytest.CaptureFixture[str]) -> None:
    stages: dict[str, float] = {}
    result = timed(stages, "site", lambda: (["| a row |", "a note"], 2.5, ("another note",)))
    assert result == (["| a row |", "a note"], 2.5, ("another note",))
    assert list(stages) == ["site"]
    assert capsys.readouterr().err.splitlines()[1:] == ["| a row |", "a note", "another note"]
