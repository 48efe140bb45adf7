"""更正: an edit to a record an issued bulletin printed leaves the issue as signed, and the next issue corrects it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from pathlib import Path

from generator.editions.corrections import pending
from generator.editions.ledger import Archive
from generator.records import loader
from generator.records.public import Views
from generator.site.build import build_site
from tests.conftest import REPO, run
from tests.editions.conftest import SIGNER, copy, ledger, options

CASE = "case/2017/2017-06-15-crane-inspection-overdue.yaml"
CORRECTION = "2017年第11期「隐患整改」第1条（塔吊检测报告过期）中，「整改期限」“2017年6月30日”应为“2017年7月5日”。"
REASON = "更正原因：原稿整改期限录入有误。"


def edit(records: Path, name: str, old: str, new: str) -> None:
    path = records / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def flat_pdf_text(pdf: Path) -> str:
    """The PDF's text without white space and page numbers ("— 1 —"), so text across a page break still matches."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def pending_texts(records: Path, day: dt.date) -> list[str]:
    catalog = loader.load(records)
    return [c.text for c in pending(Archive(catalog.issued), Views(catalog, day))]


def test_an_edit_leaves_the_issued_pdf_byte_identical_and_the_next_issue_carries_the_correction(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    sealed = (records / "issued" / "bulletin" / "2017-11" / "2017-11.pdf").read_bytes()
    assert hashlib.sha256(sealed).hexdigest() == ledger(records)[0]["files"]["bulletin/2017-11/2017-11.pdf"]  # type: ignore[index]
    edit(records, CASE, "deadline: 2017-06-30", "deadline: 2017-07-05")
    (records / "bulletins").mkdir()
    (records / "bulletins" / "2017-12.yaml").write_text(
        "corrections:\n  - {record: 2017-06-15-crane-inspection-overdue, reason: 原稿整改期限录入有误}\n", encoding="utf-8"
    )

    out = tmp_path / "dist"
    result = run("build", "--out", str(out), "--as-of", "2017-06-30", "--cache", str(tmp_path / "empty-cache"), *options(records))
    assert result.exit_code == 0, result.output
    assert (out / "bulletins" / "2017-11.pdf").read_bytes() == sealed
    assert (out / "site" / "bulletin" / "2017-11.pdf").read_bytes() == sealed
    draft = flat_pdf_text(out / "bulletins" / "2017-12.pdf")
    assert re.search("[一二三四五六七八九十]+、更正" + re.escape(CORRECTION + REASON + "特此更正。"), draft), draft

    issued = run("issue", "bulletin", "2017-12", "--signed-by", SIGNER, "--date", "2017-06-30", *options(records))
    assert issued.exit_code == 0, issued.output
    assert "1 correction(s)" in issued.stdout
    entry = ledger(records)[-1]
    assert entry["corrections"] == [
        {"edition": "2017-11", "record": "2017-06-15-crane-inspection-overdue", "hash": entry["corrections"][0]["hash"], "text": CORRECTION + REASON}  # type: ignore[index]
    ]
    assert CORRECTION + REASON in flat_pdf_text(records / "issued" / "bulletin" / "2017-12" / "2017-12.pdf")
    assert pending_texts(records, dt.date(2017, 7, 15)) == [], "a correction is made once"

    site = tmp_path / "site"
    build_site(loader.load(records), dt.date(2017, 7, 15), REPO / "mkdocs.yml", site)
    page = (site / "case" / "2017-06-15-crane-inspection-overdue" / "index.html").read_text(encoding="utf-8")
    assert "本条于2017年6月30日更正，见2017年第12期。" in page
    rows = json.loads((site / "data" / "corrections.json").read_text(encoding="utf-8"))
    assert rows == [{
        "issue": "2017-12", "issued": "2017-06-30", "corrects": "2017-11",
        "record": "2017-06-15-crane-inspection-overdue", "text": CORRECTION + REASON,
    }]


def test_a_change_to_private_fields_or_formatting_corrects_nothing(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    edit(records, CASE, "review: {reviewer: 张伟, approver: 刘志强, date: 2017-06-15}", "review: {reviewer: 刘志强, approver: 张伟, date: 2017-06-16}\nnotes: 内部备注")
    edit(records, CASE, "description: 一号塔吊检测报告已过期，仍在吊装作业。", "description: >\n  一号塔吊检测报告已过期，\n  仍在吊装作业。")
    edit(records, "news/2017/2017-06-05-safety-month.yaml", "summary: 县安委办举行安全生产月启动仪式。", 'summary: "县安委办举行安全生产月启动仪式。 "')
    assert pending_texts(records, dt.date(2017, 6, 30)) == []


def test_a_later_follow_up_is_news_not_a_correction(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    edit(records, CASE, "closed: 2017-06-28", "  - date: 2017-06-27\n    note: 复查合格。\nclosed: 2017-06-28")
    assert pending_texts(records, dt.date(2017, 6, 30)) == []


def test_a_changed_title_is_corrected_under_the_title_as_printed(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    edit(records, "news/2017/2017-06-05-safety-month.yaml", "title: 全县安全生产月活动启动", "title: 全县“安全生产月”活动启动")
    assert pending_texts(records, dt.date(2017, 6, 30)) == [
        "2017年第11期「工作动态」第1条（全县安全生产月活动启动）中，「标题」“全县安全生产月活动启动”应为“全县“安全生产月”活动启动”。"
    ]
