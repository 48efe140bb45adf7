"""撤回: a withdrawn record leaves the public copies of issued bulletins; the archive keeps the originals."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run
from tests.editions.conftest import SIGNER, copy, ledger, options

LISTING = "listing/2017/2017-07-03-quarry-black.yaml"
LISTING_ID = "2017-07-03-quarry-black"
BASIS = "县人民法院（2017）鲁1326行初5号判决"
REASON = "法院判决撤销处罚决定"
SHOWN = "越界开采，拒不整改"
"""The black-list entry's reason, as issue 2017-13 printed it."""


def text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture(scope="module")
def withdrawn(issued_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue 2017-13 (its black-list entry) issued on 2017-07-15; the entry withdrawn on 2017-09-01."""
    records = copy(issued_tree, tmp_path_factory.mktemp("withdrawn"))
    result = run("issue", "bulletin", "2017-13", "--signed-by", SIGNER, "--date", "2017-07-15", *options(records))
    assert result.exit_code == 0, result.output
    path = records / LISTING
    path.write_text(
        path.read_text(encoding="utf-8") + f"withdrawn: {{date: 2017-09-01, reason: {REASON}, basis: {BASIS}}}\n", encoding="utf-8"
    )
    return records


def test_a_build_after_the_withdrawal_refuses_to_show_the_unredacted_issue(withdrawn: Path, tmp_path: Path) -> None:
    result = run("bulletin", "2017-13", "--out", str(tmp_path / "dist"), "--as-of", "2017-09-30", *options(withdrawn))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: bulletin 2017-13 shows {LISTING_ID}, withdrawn on 2017-09-01: "
        "issue its redacted public copy first (safety365 redact --signed-by NAME)"
    )
    check = run("verify", "--records", str(withdrawn), "--as-of", "2017-09-30")
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        f"bulletin 2017-13: shows {LISTING_ID}, withdrawn on 2017-09-01, and has no redacted public copy (run safety365 redact)"
    ]


def test_redacting_adds_a_ledger_line_keeps_the_original_and_blacks_out_the_item(withdrawn: Path, tmp_path: Path) -> None:
    records = copy(withdrawn, tmp_path)
    original = records / "issued" / "bulletin" / "2017-13" / "2017-13.pdf"
    signed = original.read_bytes()
    result = run("redact", "--signed-by", SIGNER, "--date", "2017-09-01", *options(records))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"redacted public copy of bulletin 2017-13: {LISTING_ID} withdrawn"]

    entries = ledger(records)
    assert [(e["edition"], e.get("redacted")) for e in entries] == [
        ("2017-11", None), ("2017-13", None), ("2017-13", {LISTING_ID: dt.date(2017, 9, 1)})
    ]
    copy_entry = entries[-1]
    assert set(copy_entry["files"]) == {"bulletin/2017-13/public-1/2017-13.pdf", "bulletin/2017-13/public-1/2017-13.html"}  # type: ignore[arg-type]
    assert LISTING_ID not in copy_entry["records"]  # type: ignore[operator]
    assert original.read_bytes() == signed
    assert hashlib.sha256(signed).hexdigest() == entries[1]["files"]["bulletin/2017-13/2017-13.pdf"]  # type: ignore[index]

    public = records / "issued" / "bulletin" / "2017-13" / "public-1" / "2017-13.pdf"
    assert SHOWN in text(original)
    assert SHOWN not in text(public)
    assert f"此条已依法撤回（依据：{BASIS}）" in text(public)
    assert "本期公开版已依法遮盖撤回的内容。" in text(public)
    assert REASON not in text(public), "the reason stays in the office"
    html = (records / "issued" / "bulletin" / "2017-13" / "public-1" / "2017-13.html").read_text(encoding="utf-8")
    assert SHOWN not in html and LISTING_ID not in html

    later = run("bulletin", "2017-13", "--out", str(tmp_path / "later"), "--as-of", "2017-09-30", *options(records))
    assert later.exit_code == 0, later.output
    assert (tmp_path / "later" / "bulletins" / "2017-13.pdf").read_bytes() == public.read_bytes()
    earlier = run("bulletin", "2017-13", "--out", str(tmp_path / "earlier"), "--as-of", "2017-08-31", *options(records))
    assert earlier.exit_code == 0, earlier.output
    assert (tmp_path / "earlier" / "bulletins" / "2017-13.pdf").read_bytes() == signed

    assert run("verify", "--records", str(records), "--as-of", "2017-09-30").exit_code == 0
    again = run("redact", "--signed-by", SIGNER, "--date", "2017-09-30", *options(records))
    assert again.exit_code == 0 and again.stdout == ""
    assert len(ledger(records)) == 3
