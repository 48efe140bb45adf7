"""Issuing (签发): an edition is sealed once, into files and one ledger entry; `verify` finds any change to them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run
from tests.editions.conftest import SIGNER, copy, ledger, options

BULLETIN_FILES = {"bulletin/2017-11/2017-11.pdf", "bulletin/2017-11/2017-11.html", "bulletin/2017-11/records.json"}


def test_issuing_seals_the_files_and_adds_one_ledger_entry(issued_tree: Path) -> None:
    entries = ledger(issued_tree)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry["edition"], entry["kind"], entry["issued"], entry["signed_by"]) == ("2017-11", "bulletin", dt.date(2017, 6, 15), "刘志强")
    assert isinstance(entry["files"], dict) and set(entry["files"]) == BULLETIN_FILES
    for name, digest in entry["files"].items():
        assert hashlib.sha256((issued_tree / "issued" / name).read_bytes()).hexdigest() == digest, name
    assert isinstance(entry["records"], dict)
    assert set(entry["records"]) == {"2017-06-05-safety-month", "2017-06-14-tower-cranes", "2017-06-15-crane-inspection-overdue"}
    assert all(len(str(digest)) == 64 for digest in entry["records"].values())


def test_the_issued_pdf_is_dated_the_day_of_signing(issued_tree: Path) -> None:
    html = (issued_tree / "issued" / "bulletin" / "2017-11" / "2017-11.html").read_text(encoding="utf-8")
    assert "2017年6月15日印发" in html


def test_an_edition_is_issued_once(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    before = (records / "issued" / "ledger.yaml").read_bytes()
    result = run("issue", "bulletin", "2017-11", "--signed-by", SIGNER, "--date", "2017-06-20", *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: bulletin 2017-11 was issued on 2017-06-15 by 刘志强: an edition is issued once"
    assert (records / "issued" / "ledger.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("bulletin", "2017-25", "--signed-by", SIGNER), "error: '2017-25' is not a bulletin issue id like 2017-23 (issues 01-24)"),
        (("bulletin", "2017-13", "--signed-by", SIGNER, "--date", "2017-07-10"), "error: bulletin 2017-13 covers 2017-07-01 to 2017-07-15: it can be issued from 2017-07-15"),
        (("bulletin", "2017-12", "--signed-by", "王五", "--date", "2017-06-30"), "error: 王五 is not one of the editors in office.yaml who may sign (刘志强, 张伟)"),
        (("episode", "2017-W26", "--signed-by", SIGNER, "--date", "2017-06-27"), "error: episode 2017-W26 airs on 2017-06-28: it can be issued once it has aired"),
        (("episode", "2017-W54", "--signed-by", SIGNER), "error: '2017-W54' is not an episode id like 2017-W23"),
    ],
)
def test_bad_requests_are_refused_in_one_line_and_change_nothing(issued_tree: Path, tmp_path: Path, arguments: tuple[str, ...], message: str) -> None:
    records = copy(issued_tree, tmp_path)
    before = sorted((p.relative_to(records), p.read_bytes()) for p in (records / "issued").rglob("*") if p.is_file())
    result = run("issue", *arguments, *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == message
    assert "Traceback" not in result.output
    assert sorted((p.relative_to(records), p.read_bytes()) for p in (records / "issued").rglob("*") if p.is_file()) == before


def test_verify_passes_then_names_a_changed_and_a_missing_file(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    clean = run("verify", "--records", str(records), "--as-of", "2017-06-30")
    assert clean.exit_code == 0, clean.output
    assert "1 ledger entries, 3 archived files OK" in clean.stderr
    pdf = records / "issued" / "bulletin" / "2017-11" / "2017-11.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOF\n% edited"))
    (records / "issued" / "bulletin" / "2017-11" / "2017-11.html").unlink()
    (records / "issued" / "bulletin" / "2017-11" / "extra.txt").write_text("stray", encoding="utf-8")
    broken = run("verify", "--records", str(records), "--as-of", "2017-06-30")
    assert broken.exit_code == 1
    folder = records / "issued" / "bulletin" / "2017-11"
    assert broken.stdout.splitlines() == [
        f"{folder / '2017-11.pdf'}: changed since it was issued (bulletin 2017-11, 2017-06-15)",
        f"{folder / '2017-11.html'}: missing (bulletin 2017-11, issued 2017-06-15)",
        f"{folder / 'extra.txt'}: not in the ledger",
    ]


def test_a_build_refuses_an_archived_file_that_changed(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    html = records / "issued" / "bulletin" / "2017-11" / "2017-11.html"
    html.write_text(html.read_text(encoding="utf-8").replace("塔吊检测报告过期", "塔吊检测报告齐全"), encoding="utf-8")
    result = run("bulletin", "2017-11", "--out", str(tmp_path / "dist"), "--as-of", "2017-06-30", *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == f"error: {html}: changed since bulletin 2017-11 was issued (run safety365 verify)"
    assert not (tmp_path / "dist" / "bulletins" / "2017-11.html").exists()


def test_an_issued_bulletin_is_offered_as_sealed_not_rendered(issued_tree: Path, tmp_path: Path) -> None:
    result = run("bulletin", "2017-11", "--out", str(tmp_path / "dist"), "--as-of", "2017-12-31", *options(issued_tree))
    assert result.exit_code == 0, result.output
    for suffix in (".pdf", ".html"):
        offered = (tmp_path / "dist" / "bulletins" / f"2017-11{suffix}").read_bytes()
        assert offered == (issued_tree / "issued" / "bulletin" / "2017-11" / f"2017-11{suffix}").read_bytes()


def test_an_aired_episode_is_sealed_as_text_with_its_pack_hashed(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    result = run("issue", "episode", "2017-W25", "--signed-by", "张伟", "--date", "2017-06-21", *options(records))
    assert result.exit_code == 0, result.output
    entry = ledger(records)[-1]
    assert (entry["edition"], entry["kind"], entry["signed_by"]) == ("2017-W25", "episode", "张伟")
    names = {"rundown.csv", "rundown.html", "captions.srt", "captions.vtt", "manifest.json", "aired.json"}
    assert entry["files"] == {
        f"episode/2017-W25/{name}": hashlib.sha256((records / "issued" / "episode" / "2017-W25" / name).read_bytes()).hexdigest()
        for name in names
    }
    assert isinstance(entry["unarchived"], dict) and list(entry["unarchived"]) == ["2017-W25.zip"]
    assert set(entry["records"]) == {"2017-06-14-tower-cranes", "2017-06-20-summer-electricity"}
    assert not list((records / "issued").rglob("*.png")), "slides stay out of the archive"
    aired = (records / "issued" / "episode" / "2017-W25" / "aired.json").read_text(encoding="utf-8")
    assert "城区建筑工地塔吊专项督查" in aired
    again = run("episode", "2017-W25", "--out", str(tmp_path / "dist"), "--as-of", "2017-06-30", *options(records))
    assert again.exit_code == 1
    assert "aired and was issued on 2017-06-21: its pack is not made again" in again.stderr


def _ledger_hash_edited(records: Path) -> None:
    ledger_file = records / "issued" / "ledger.yaml"
    pdf = records / "issued" / "bulletin" / "2017-11" / "2017-11.pdf"
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    ledger_file.write_text(ledger_file.read_text(encoding="utf-8").replace(digest, "f" * 64), encoding="utf-8")


def _entry_removed(records: Path) -> None:
    ledger_file = records / "issued" / "ledger.yaml"
    text = ledger_file.read_text(encoding="utf-8")
    ledger_file.write_text(text[: text.index("- edition:")] + "[]\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "first"),
    [
        (_ledger_hash_edited, "2017-11.pdf: changed since it was issued (bulletin 2017-11, 2017-06-15)"),
        (lambda records: (records / "issued" / "bulletin" / "2017-11" / "2017-11.html").unlink(), "2017-11.html: missing (bulletin 2017-11, issued 2017-06-15)"),
        (_entry_removed, "2017-11.html: not in the ledger (and 2 more)"),
    ],
    ids=["ledger-hash-edited", "archived-file-missing", "ledger-entry-removed"],
)
def test_nothing_is_issued_into_an_archive_that_disagrees_with_its_ledger(
    issued_tree: Path, tmp_path: Path, damage: Callable[[Path], object], first: str
) -> None:
    records = copy(issued_tree, tmp_path)
    damage(records)
    before = sorted((p.relative_to(records), p.read_bytes()) for p in (records / "issued").rglob("*") if p.is_file())
    for arguments in (("bulletin", "2017-12", "--date", "2017-06-30"), ("episode", "2017-W26", "--date", "2017-06-28")):
        result = run("issue", *arguments, "--signed-by", SIGNER, *options(records))
        assert result.exit_code == 1, result.output
        folder = records / "issued" / "bulletin" / "2017-11"
        assert result.stderr.strip().splitlines()[-1] == (
            f"error: {folder}/{first}: the archive must match its ledger before anything is issued; restore it from git (see safety365 verify)"
        )
        assert "Traceback" not in result.output
    assert sorted((p.relative_to(records), p.read_bytes()) for p in (records / "issued").rglob("*") if p.is_file()) == before


def test_a_ledger_broken_by_hand_is_named_at_its_line(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    ledger_file = records / "issued" / "ledger.yaml"
    ledger_file.write_text(ledger_file.read_text(encoding="utf-8").replace("issued: 2017-06-15", "issued: 6月15日"), encoding="utf-8")
    result = run("issue", "bulletin", "2017-12", "--date", "2017-06-30", "--signed-by", SIGNER, *options(records))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{ledger_file}:5:11: 「签发日期」应为日期，如 2017-06-05，不能是「6月15日」"]
    assert "Traceback" not in result.output


def test_an_edition_is_not_signed_ahead_of_the_day(issued_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1498780800")  # 2017-06-30 00:00 UTC
    records = copy(issued_tree, tmp_path)
    result = run("issue", "bulletin", "2017-12", "--date", "2017-07-03", "--signed-by", SIGNER, *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: the day of signing 2017-07-03 is after today (2017-06-30): sign on or after the day, not before"
    assert len(ledger(records)) == 1


def test_an_episode_with_nothing_on_air_is_not_issued(issued_tree: Path, tmp_path: Path) -> None:
    records = copy(issued_tree, tmp_path)
    result = run("issue", "episode", "2017-W10", "--date", "2017-03-31", "--signed-by", SIGNER, *options(records))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: episode 2017-W10 has nothing on air: no public record in its running order on 2017-03-08"
    assert len(ledger(records)) == 1
