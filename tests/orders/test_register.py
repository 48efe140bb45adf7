"""The register (督办台账): the open cases of a date, grouped by the unit that must answer, as XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.editions.register import RegisterContent, register
from generator.records import loader
from tests.conftest import REPO, run


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = run("register", "--records", str(REPO / "records"), "--out", str(out), "--as-of", "2017-12-31", "--config", str(REPO / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "orders" / "register.xlsx"), str(out / "orders" / "register.pdf")]
    return out / "orders"


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout)


def group(content: RegisterContent, unit: str) -> list[tuple[str, int, str | None]]:
    found = next(g for g in content.groups if g.addressee == unit)
    return [(row.order_no, row.days_left, row.last.note if row.last else None) for row in found.rows]


def test_open_cases_are_grouped_by_who_must_answer() -> None:
    content = register(loader.load(REPO / "records"), dt.date(2017, 12, 31))
    assert group(content, "武台镇金石采石场") == [
        ("平安办督〔2017〕15号", -92, "再次复查进展缓慢，企业称资金不足；县安委办向武台镇下发催办通知，并报请问责"),
        ("平安办督〔2017〕61号", -21, "县安委办约谈企业负责人和武台镇分管负责人，要求2018年1月底前完成方案评审，期间东采区严禁爆破。"),
    ]
    # A 转办 waits on the department it was referred to, not on the unit where the hazard is.
    assert group(content, "县安全生产监督管理局") == [("平安办转〔2017〕86号", 10, "接地线重新焊接，已委托防雷检测机构，检测排期在2018年1月上旬。")]
    assert "卞桥镇利民烟花爆竹批发部" not in [g.addressee for g in content.groups]
    numbers = {row.order_no for g in content.groups for row in g.rows}
    assert "平安办督〔2017〕11号" not in numbers, "closed cases leave the register"


def test_days_and_follow_ups_are_as_of_the_date() -> None:
    content = register(loader.load(REPO / "records"), dt.date(2017, 6, 20))
    assert group(content, "武台镇金石采石场") == [("平安办督〔2017〕15号", 102, "西侧边坡下方作业已停止，坡底设置警戒线和警示标志，开采转至东侧采区")]
    numbers = {row.order_no for g in content.groups for row in g.rows}
    assert "平安办督〔2017〕61号" not in numbers, "not opened yet on 2017-06-20"


def test_spreadsheet_holds_the_table_with_dates_and_days_as_values(written: Path) -> None:
    sheet = load_workbook(written / "register.xlsx")["督办台账"]
    assert sheet["A1"].value == "督办台账（截至2017年12月31日）"
    assert [cell.value for cell in sheet[3]] == ["序号", "督办单号", "处置方式", "事项", "责任单位", "交办日期", "整改期限", "剩余/逾期", "最近进展"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[1].value}
    quarry = rows["平安办督〔2017〕15号"]
    assert [cell.value for cell in quarry[2:5]] == ["挂牌督办", "金石采石场违规开采形成高陡边坡", "武台镇金石采石场"]
    assert quarry[5].value == dt.datetime(2017, 6, 16) and quarry[6].value == dt.datetime(2017, 9, 30)
    assert quarry[7].value == -92 and "逾期" in quarry[7].number_format
    headings = [row[0].value for row in sheet.iter_rows(min_row=4) if row[1].value is None]
    assert "武台镇金石采石场（2件）" in headings and "县安全生产监督管理局（1件）" in headings


def test_pdf_holds_the_same_table_then_one_reminder_per_unit_with_overdue_cases(written: Path) -> None:
    text = pdf_text(written / "register.pdf")
    assert text.startswith("督办台账")
    assert "截至2017年12月31日" in text and "在办事项23件，其中逾期11件。" in text
    assert "武台镇金石采石场（2件）" in text and "逾期92天" in text and "剩余90天" in text
    assert text.count("督办事项逾期提醒") == 9
    info = subprocess.run(["pdfinfo", str(written / "register.pdf")], capture_output=True, text=True, check=True).stdout
    last = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    reminders = [page for page in range(1, last + 1) if "督办事项逾期提醒" in pdf_text(written / "register.pdf", page)]
    assert len(reminders) == 9 and reminders[-1] == last, "each reminder is a page of its own, after the table"
    quarry = next(pdf_text(written / "register.pdf", page) for page in reminders if "武台镇金石采石场：" in pdf_text(written / "register.pdf", page))
    assert "以下2件督办事项已超过整改期限" in quarry and "平安办督〔2017〕15号" in quarry and "平安办督〔2017〕61号" in quarry


def test_no_internal_note_reaches_the_register(written: Path) -> None:
    text = pdf_text(written / "register.pdf")
    cells = " ".join(str(cell.value) for row in load_workbook(written / "register.xlsx").active.iter_rows() for cell in row)
    for note in ("企业多次以资金困难为由拖延", "供暖期间不宜停气改线"):
        assert note not in text and note not in cells
