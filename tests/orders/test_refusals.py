"""Bad requests for case papers: a clear one-line reason, exit 1, no traceback, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run


def order(tmp_path: Path, *args: str, records: Path = REPO / "records") -> tuple[int, str, Path]:
    out = tmp_path / "dist"
    result = run("order", *args, "--records", str(records), "--out", str(out), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml"))
    assert "Traceback" not in result.output
    return result.exit_code, result.output, out


def test_unknown_case_id_names_the_nearest(tmp_path: Path) -> None:
    code, output, out = order(tmp_path, "2017-06-16-high-steep-slope-jinshi-quary")
    assert code == 1
    assert "error: 没有编号为「2017-06-16-high-steep-slope-jinshi-quary」的督办事项（是否应为「2017-06-16-high-steep-slope-jinshi-quarry」？）" in output
    assert not out.exists()


def test_findings_fixed_on_the_spot_get_no_order(tmp_path: Path) -> None:
    code, output, out = order(tmp_path, "2017-06-15-quarry-gypsum-mine-wutai")
    assert code == 1
    assert (
        "error: 「2017-06-15-quarry-gypsum-mine-wutai」是督查记录：当场整改的问题不出督办文书；"
        "它立案的督办事项：2017-06-16-high-steep-slope-jinshi-quarry、2017-06-16-mined-out-area-yongxing-gypsum"
    ) in output
    assert not out.exists()


def test_closure_notice_for_an_open_case_is_refused(tmp_path: Path) -> None:
    code, output, out = order(tmp_path, "2017-06-16-high-steep-slope-jinshi-quarry", "--closure")
    assert code == 1
    assert "error: 督办事项「2017-06-16-high-steep-slope-jinshi-quarry」到 2017-12-31 尚未销号：销号通知需要「销号日期」（closed）和「销号依据」（evidence）" in output
    assert not out.exists()


def test_nothing_to_print_before_the_first_case(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = run("order", "--closure", "--out", str(out), "--as-of", "2017-06-01", "--records", str(REPO / "records"), "--config", str(REPO / "mkdocs.yml"))
    assert result.exit_code == 1
    assert "error: 到 2017-06-01 没有已销号的督办事项，没有可打印的销号通知" in result.output
    assert not out.exists()


def test_a_case_opened_after_the_date_has_no_order_yet(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = run("order", "2017-12-21-hengtai-high-formwork", "--out", str(out), "--as-of", "2017-12-01", "--records", str(REPO / "records"), "--config", str(REPO / "mkdocs.yml"))
    assert result.exit_code == 1
    assert "error: 督办事项「2017-12-21-hengtai-high-formwork」2017-12-21 才立案，晚于 2017-12-01（--as-of）" in result.output


def test_referral_without_department_is_a_records_problem(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    path = records / "case" / "2017" / "2017-12-13-limin-fireworks-lightning-protection.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("referred_to: 县安全生产监督管理局\n", ""), encoding="utf-8")
    (tmp_path / "dist" / "orders").mkdir(parents=True)
    earlier = tmp_path / "dist" / "orders" / "2017-12-13-limin-fireworks-lightning-protection.pdf"
    earlier.write_bytes(b"%PDF sent last week")
    code, output, _ = order(tmp_path, "2017-12-13-limin-fireworks-lightning-protection", records=records)
    assert code == 1
    assert f"{path}:9:14: 转办须填写「接办部门」（referred_to）：有管辖权的安委会成员单位" in output
    assert earlier.read_bytes() == b"%PDF sent last week", "a refused order leaves the paper already there alone"


@pytest.mark.parametrize("args", [("2017-06-16-high-steep-slope-jinshi-quarry",), ()])
def test_missing_config_is_named(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run("order", *args, "--records", str(REPO / "records"), "--out", str(tmp_path), "--as-of", "2017-12-31", "--config", str(tmp_path / "mkdocs.yml"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'mkdocs.yml'}: not found" in result.output
