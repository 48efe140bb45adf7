"""Issued orders are documents of record: sealed once, printed as sealed whatever the case says later."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run
from tests.editions.conftest import SIGNER, copy, ledger, options

CASE = "2017-06-15-crane-inspection-overdue"
ORDER_FILES = {f"order/{CASE}/{CASE}.pdf", f"order/{CASE}/{CASE}.html"}
SUPPLEMENT = (
    "a changed requirement or deadline needs a new order (补充通知): "
    "open a new case for it (safety365 new case) with its own order number, and issue that case's order"
)


@pytest.fixture(scope="module")
def ordered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture tree with the order of CASE (挂牌督办, opened 2017-06-15) issued that day."""
    records = tmp_path_factory.mktemp("ordered") / "records"
    shutil.copytree(FIXTURES / "valid", records)
    result = run("issue", "order", CASE, "--signed-by", SIGNER, "--date", "2017-06-15", *options(records))
    assert result.exit_code == 0, result.output
    return records


def print_order(records: Path, out: Path, *args: str) -> tuple[int, str, str]:
    result = run("order", CASE, *args, "--out", str(out), "--as-of", "2017-12-31", *options(records))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def archived(records: Path) -> list[tuple[Path, bytes]]:
    return sorted((p.relative_to(records), p.read_bytes()) for p in (records / "issued").rglob("*") if p.is_file())


def test_issuing_an_order_seals_its_pdf_and_html_in_one_ledger_entry(ordered: Path) -> None:
    entries = ledger(ordered)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry["edition"], entry["kind"], entry["issued"], entry["signed_by"]) == (CASE, "order", dt.date(2017, 6, 15), "刘志强")
    assert isinstance(entry["files"], dict) and set(entry["files"]) == ORDER_FILES
    for name, digest in entry["files"].items():
        assert hashlib.sha256((ordered / "issued" / name).read_bytes()).hexdigest() == digest, name
    assert isinstance(entry["records"], dict) and list(entry["records"]) == [CASE]
    html = (ordered / "issued" / "order" / CASE / f"{CASE}.html").read_text(encoding="utf-8")
    assert "平安办督〔2017〕12号" in html
    assert "2017年6月30日" in html


def test_an_edited_case_prints_the_order_as_sealed_and_warns(ordered: Path, tmp_path: Path) -> None:
    records = copy(ordered, tmp_path)
    case = records / "case" / "2017" / f"{CASE}.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("deadline: 2017-06-30", "deadline: 2017-07-20"), encoding="utf-8")
    code, stdout, stderr = print_order(records, tmp_path / "papers")
    assert code == 0, stderr
    assert stdout.splitlines() == [str(tmp_path / "papers" / "orders" / f"{CASE}.pdf")]
    for suffix in (".pdf", ".html"):
        printed = (tmp_path / "papers" / "orders" / f"{CASE}{suffix}").read_bytes()
        assert printed == (ordered / "issued" / "order" / CASE / f"{CASE}{suffix}").read_bytes()
    html = (tmp_path / "papers" / "orders" / f"{CASE}.html").read_text(encoding="utf-8")
    assert "2017年6月30日" in html and "2017年7月20日" not in html
    assert f"warning: {CASE} changed since its order was issued on 2017-06-15: the sealed copy is printed; {SUPPLEMENT}" in stderr
    assert "orders: 1 issued (sealed copies), none rendered" in stderr


def test_an_unchanged_case_prints_the_sealed_order_without_warning(ordered: Path, tmp_path: Path) -> None:
    code, _, stderr = print_order(ordered, tmp_path / "papers")
    assert code == 0, stderr
    assert "warning" not in stderr
    assert (tmp_path / "papers" / "orders" / f"{CASE}.pdf").read_bytes() == (ordered / "issued" / "order" / CASE / f"{CASE}.pdf").read_bytes()


def test_an_order_is_issued_once(ordered: Path, tmp_path: Path) -> None:
    records = copy(ordered, tmp_path)
    before = archived(records)
    result = run("issue", "order", CASE, "--signed-by", "张伟", "--date", "2017-06-20", *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: order {CASE} was issued on 2017-06-15 by 刘志强: an edition is issued once; {SUPPLEMENT}"
    )
    assert archived(records) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("2017-06-15-crane-inspection", "--signed-by", SIGNER, "--date", "2017-06-15"),
            "error: 没有编号为「2017-06-15-crane-inspection」的督办事项（是否应为「2017-06-15-crane-inspection-overdue」？）",
        ),
        ((CASE, "--signed-by", "王五", "--date", "2017-06-15"), "error: 王五 is not one of the editors in office.yaml who may sign (刘志强, 张伟)"),
        (
            (CASE, "--closure", "--signed-by", SIGNER, "--date", "2017-06-27"),
            f"error: 督办事项「{CASE}」到 2017-06-27 尚未销号：销号通知需要「销号日期」（closed）和「销号依据」（evidence）",
        ),
    ],
)
def test_bad_order_requests_are_refused_and_write_nothing(tmp_path: Path, arguments: tuple[str, ...], message: str) -> None:
    records = copy(FIXTURES / "valid", tmp_path)
    result = run("issue", "order", *arguments, *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == message
    assert "Traceback" not in result.output
    assert not (records / "issued").exists()


def test_a_closure_notice_needs_its_order_issued_first(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "valid", records)
    result = run("issue", "order", CASE, "--closure", "--signed-by", SIGNER, "--date", "2017-06-28", *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: the 销号 notice of {CASE} closes an order that was sent: issue it first (safety365 issue order {CASE})"
    )
    assert not (records / "issued" / "ledger.yaml").exists()


def test_the_closure_notice_is_sealed_beside_the_order_and_printed_as_sealed(ordered: Path, tmp_path: Path) -> None:
    records = copy(ordered, tmp_path)
    result = run("issue", "order", CASE, "--closure", "--signed-by", "张伟", "--date", "2017-06-28", *options(records))
    assert result.exit_code == 0, result.output
    entry = ledger(records)[-1]
    assert (entry["edition"], entry["kind"], entry["issued"], entry["signed_by"]) == (CASE, "closure", dt.date(2017, 6, 28), "张伟")
    assert isinstance(entry["files"], dict)
    assert set(entry["files"]) == {f"closure/{CASE}/{CASE}.closure.pdf", f"closure/{CASE}/{CASE}.closure.html"}
    code, stdout, stderr = print_order(records, tmp_path / "papers", "--closure")
    assert code == 0, stderr
    assert stdout.splitlines() == [str(tmp_path / "papers" / "orders" / f"{CASE}.closure.pdf")]
    sealed = records / "issued" / "closure" / CASE / f"{CASE}.closure.pdf"
    assert (tmp_path / "papers" / "orders" / f"{CASE}.closure.pdf").read_bytes() == sealed.read_bytes()


def test_verify_covers_sealed_orders_and_a_changed_one_is_not_printed(ordered: Path, tmp_path: Path) -> None:
    records = copy(ordered, tmp_path)
    clean = run("verify", "--records", str(records), "--as-of", "2017-06-30")
    assert clean.exit_code == 0, clean.output
    assert "1 ledger entries, 2 archived files OK" in clean.stderr
    html = records / "issued" / "order" / CASE / f"{CASE}.html"
    html.write_text(html.read_text(encoding="utf-8").replace("2017年6月30日", "2017年7月30日"), encoding="utf-8")
    broken = run("verify", "--records", str(records), "--as-of", "2017-06-30")
    assert broken.exit_code == 1
    assert broken.stdout.splitlines() == [f"{html}: changed since it was issued (order {CASE}, 2017-06-15)"]
    code, _, stderr = print_order(records, tmp_path / "papers")
    assert code == 1
    assert stderr.strip().splitlines()[-1] == f"error: {html}: changed since order {CASE} was issued (run safety365 verify)"


def test_check_refuses_an_order_entry_not_named_by_a_case_id(ordered: Path, tmp_path: Path) -> None:
    records = copy(ordered, tmp_path)
    ledger_file = records / "issued" / "ledger.yaml"
    ledger_file.write_text(ledger_file.read_text(encoding="utf-8").replace(f"- edition: {CASE}\n", "- edition: crane\n"), encoding="utf-8")
    result = run("check", str(records))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{ledger_file}:3:12: 期次「crane」的格式不对：通报如 2017-23，节目如 2017-W50，督办文书和销号通知为督办事项编号"
    )
