"""The post room's papers, printed and read back as the clerk and the recipients would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import REPO, run
from tests.reach.conftest import SHOTS, args

MM = 72 / 25.4
"""PDF points in a millimetre."""


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reach")
    for issue in ("2017-23", "2017-19"):
        result = run("distribution", issue, *args(out))
        assert result.exit_code == 0, result.output
    return out / "distribution"


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def look(pdf: Path, name: str) -> None:
    """Print the first page to PNG at 60 dpi, to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(SHOTS / name)], check=True)


def test_copies_per_recipient_and_in_total_from_the_list_on_the_issues_date(papers: Path) -> None:
    december = text(papers / "2017-23" / "copies.pdf")
    assert "《安全生产通报》2017年第23期 分发份数表" in december
    assert "印发日期：2017年12月15日" in december
    assert re.search(r"报送（共5个单位，16份）\s+16", december)
    assert re.search(r"发送（共42个单位，86份）\s+86", december)
    assert re.search(r"合计（共47个单位，102份）\s+102", december)
    assert re.search(r"中共平邑县委办公室\s+平邑县浚河路1号县委大院\s+4", december)
    assert "县行政审批服务局" in december and "县公路管理局" not in december  # joined in November; left in October
    october = text(papers / "2017-19" / "copies.pdf")
    assert "县公路管理局" in october and "县行政审批服务局" not in october
    look(papers / "2017-23" / "copies.pdf", "post-copies-2017-23")


def test_labels_sit_on_a_standard_two_by_seven_a4_sheet(papers: Path) -> None:
    pdf = papers / "2017-23" / "labels.pdf"
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == 4  # 47 recipients, 14 a sheet
        width, height = (float(v) for v in document.pages[0].mediabox[2:])
    assert (round(width / MM), round(height / MM)) == (210, 297)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = boxes.split("<page ")[1:]

    def where(page: int, word: str) -> tuple[float, float]:
        found = re.search(rf'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">{word}</word>', pages[page])
        assert found, word
        return float(found[1]) / MM, float(found[2]) / MM

    def label(x: float, y: float) -> tuple[int, int]:
        """(column, row) of the 99.1 x 38.1 mm label holding the point, from the L7163 margins and pitch."""
        column, row = int((x - 4.65) // 101.6), int((y - 15.15) // 38.1)
        assert 0 <= column < 2 and 0 <= row < 7, (x, y)
        assert (x - 4.65) % 101.6 < 99.1  # not in the gap between the columns
        return column, row

    assert label(*where(0, "中共平邑县委办公室")) == (0, 0)
    assert label(*where(0, "县人大常委会办公室")) == (1, 0)
    assert label(*where(0, "县林业局")) == (1, 6)  # the 14th recipient
    assert label(*where(1, "县质量技术监督局")) == (0, 0)  # the 15th starts the second sheet
    printed = text(pdf)
    assert "平邑县浚河路1号县委大院" in printed and "《安全生产通报》2017年第23期 4份" in printed
    look(pdf, "post-labels-2017-23")


def test_receipt_has_a_row_per_recipient_to_sign(papers: Path) -> None:
    printed = text(papers / "2017-23" / "receipt.pdf")
    assert "《安全生产通报》2017年第23期 签收单" in printed
    assert "签收人" in printed and "签收日期" in printed
    rows = re.findall(r"^\s*(\d+)\s+(\S+)\s+(\d+)\s*$", printed, flags=re.M)
    assert [int(n) for n, _, _ in rows] == list(range(1, 48))
    assert rows[0][1:] == ("中共平邑县委办公室", "4") and rows[-1][1:] == ("丰阳镇人民政府", "3")
    assert re.search(r"合计（共47个单位，102份）\s+102", printed)
    look(papers / "2017-23" / "receipt.pdf", "post-receipt-2017-23")


def _records(tmp_path: Path, edit: tuple[str, str]) -> Path:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    office = records / "office.yaml"
    content = office.read_text(encoding="utf-8")
    assert edit[0] in content
    office.write_text(content.replace(edit[0], edit[1]), encoding="utf-8")
    return records


def test_a_recipient_without_an_address_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    records = _records(tmp_path, ("{name: 县林业局, group: 发送, address: 平邑县金花路8号,", "{name: 县林业局, group: 发送,"))
    result = run("distribution", "2017-23", *args(tmp_path / "dist", records))
    assert result.exit_code == 1
    assert (f"error: {records}/office.yaml: 1 recipient(s) on the distribution list have no address: 县林业局; "
            "add 'address' to their entries") in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "dist").exists()


def test_an_empty_list_or_an_issue_with_nothing_to_print_is_refused(tmp_path: Path) -> None:
    records = _records(tmp_path, ("since: 2017-", "since: 2018-"))  # everybody joins the list after the issue
    office = records / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("until: 2017-10-31", "until: 2018-10-31"), encoding="utf-8")
    nobody = run("distribution", "2017-23", *args(tmp_path / "dist", records))
    assert nobody.exit_code == 1
    assert f"error: {records}/office.yaml: the distribution list has no recipient on 2017-12-15; add entries under 'distribution'" in nobody.stderr
    empty = run("distribution", "2017-05", *args(tmp_path / "dist"))
    assert empty.exit_code == 1
    assert "error: 2017-05 has nothing to print: no public record dated 2017-03-01 to 2017-03-15, so nothing to send" in empty.stderr
    episode = run("distribution", "2017-W50", *args(tmp_path / "dist"))
    assert episode.exit_code == 1 and "give an issue like 2017-23, not the episode 2017-W50" in episode.stderr
