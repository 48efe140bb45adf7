"""Each invalid fixture must be reported at exactly the place and in the words it expects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def overlay(case: Path, records: Path) -> None:
    """Apply one fixture to the valid tree: its files replace or join, remove.txt deletes."""
    if (case / "records").is_dir():
        shutil.copytree(case / "records", records, dirs_exist_ok=True)
    removals = case / "remove.txt"
    if removals.exists():
        for line in removals.read_text().split():
            (records / line).unlink()


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_reports_expected_problems(case: Path, records: Path) -> None:
    overlay(case, records)
    result = run("check", "records")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert "Traceback" not in result.output


def test_valid_tree_is_clean(records: Path) -> None:
    result = run("check", "records")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "8 records OK" in result.stderr
