"""Order numbers: `new case` proposes the year's next free number with the character of its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run


@pytest.mark.parametrize(
    ("disposition", "number"),
    [("挂牌督办", "平安办督〔2017〕13号"), ("直接交办", "平安办交〔2017〕13号"), ("转办", "平安办转〔2017〕13号")],
)
def test_new_case_numbers_by_kind_in_one_running_count(records: Path, disposition: str, number: str) -> None:
    path = Path(run("new", "case", "--date", "2017-09-01", "--disposition", disposition).stdout.strip())
    text = path.read_text(encoding="utf-8")
    assert f'disposition: "{disposition}"' in text
    assert f'order_no: "{number}"' in text
    assert run("check", "records").exit_code == 0


def test_numbers_run_on_across_kinds(records: Path) -> None:
    run("new", "case", "--date", "2017-09-01", "--disposition", "直接交办")
    second = Path(run("new", "case", "--date", "2017-09-02", "--disposition", "挂牌督办").stdout.strip())
    assert 'order_no: "平安办督〔2017〕14号"' in second.read_text(encoding="utf-8")


def test_new_referral_names_a_member_unit_as_receiving_department(records: Path) -> None:
    path = Path(run("new", "case", "--date", "2017-09-01", "--disposition", "转办").stdout.strip())
    assert 'referred_to: "县住房和城乡建设局"' in path.read_text(encoding="utf-8")
