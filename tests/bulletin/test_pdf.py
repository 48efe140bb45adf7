"""The printed bulletin, checked on real PDFs generated from the sample records."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import Project, build_bulletins, bulletins
from generator.processes import pool
from generator.editions.bulletin import IssueContent
from generator.records import loader
from generator.records.models import Case, Inspection, TipOff
from generator.records.public import Views
from tests.conftest import REPO

AS_OF = dt.date(2017, 12, 31)
MM = 72 / 25.4
LINE = 225 / 22  # mm: 22 lines in the 225 mm text block


@dataclass
class Printed:
    content: IssueContent
    pdf: Path

    def text(self, *pages: int, layout: bool = False) -> str:
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
        if pages:
            args += ["-f", str(pages[0]), "-l", str(pages[-1])]
        return subprocess.run([*args, str(self.pdf), "-"], capture_output=True, text=True, check=True).stdout

    def flat(self) -> str:
        """All text with whitespace removed, so words wrapped in table cells still match."""
        return re.sub(r"\s+", "", self.text())

    def pages(self) -> int:
        info = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]

    def _boxes(self, page: int, option: str) -> str:
        """pdftotext's XHTML of `page` with the boxes `option` asks for (-bbox: words; -bbox-layout: blocks, lines and words)."""
        args = ["pdftotext", option, "-f", str(page), "-l", str(page), str(self.pdf), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def lines(self, page: int) -> list[tuple[float, float, float, float, str]]:
        """(x0, y0, x1, y1) in mm and the text of every line on `page`."""
        xml = self._boxes(page, "-bbox-layout")
        found = []
        for match in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', xml, re.S):
            words = "".join(re.findall(r">([^<]+)</word>", match[5]))
            x0, y0, x1, y1 = (float(match[i]) / MM for i in range(1, 5))
            found.append((x0, y0, x1, y1, words))
        return found

    def words(self, page: int) -> list[tuple[float, float, float, str]]:
        """(x0, y0, x1) in mm and the text of every word on `page`: a table's cells, whichever line pdftotext puts them in."""
        xml = self._boxes(page, "-bbox")
        return [
            (float(match[1]) / MM, float(match[2]) / MM, float(match[3]) / MM, match[4])
            for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', xml)
        ]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    catalog = loader.load(REPO / "records")
    views = Views(catalog)
    contents = bulletins(views, AS_OF)
    out = tmp_path_factory.mktemp("bulletins")
    project = Project.read(REPO / "mkdocs.yml", tmp_path_factory.mktemp("cache"))
    with project.cache.in_use(), pool() as workers:
        pdfs = build_bulletins(contents, views, project, out, workers).outputs
    return {content.issue.id: Printed(content, pdf) for content, pdf in zip(contents, pdfs, strict=True)}


@pytest.fixture
def issue(printed: dict[str, Printed]) -> Printed:
    return printed["2017-23"]


def test_every_half_month_with_records_has_an_issue(printed: dict[str, Printed]) -> None:
    assert list(printed) == [f"2017-{n:02d}" for n in range(11, 25)]  # June to December


def test_page_is_a4(issue: Printed) -> None:
    info = subprocess.run(["pdfinfo", str(issue.pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) / MM for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())  # type: ignore[union-attr]
    assert width == pytest.approx(210, abs=0.5) and height == pytest.approx(297, abs=0.5)


def test_text_block_sits_where_gb_t_9704_puts_it(issue: Printed) -> None:
    """Left edge 28 mm, right edge 184 mm (156 mm wide), first line box from 37 mm, 22 lines to a page."""
    body = [line for line in issue.lines(2) if not re.fullmatch(r"—\s*\d+\s*—", line[4])]
    lefts = [x0 for x0, *_ in body]
    assert min(lefts) == pytest.approx(28, abs=1)
    assert max(x1 for _, _, x1, _, _ in body) == pytest.approx(184, abs=1)
    first_center = (body[0][1] + body[0][3]) / 2
    assert first_center == pytest.approx(37 + LINE / 2, abs=1)
    assert all(y1 <= 262 + 1 for _, _, _, y1, _ in body), "text runs below the 225 mm block"


def test_page_numbers_alternate_sides_below_the_block(issue: Printed) -> None:
    assert issue.pages() >= 2
    for page in range(1, issue.pages() + 1):
        numbers = [line for line in issue.lines(page) if re.fullmatch(rf"—\s*{page}\s*—", line[4])]
        assert len(numbers) == 1, page
        x0, y0, x1, _, _ = numbers[0]
        assert y0 > 262 + 5, "page number must sit about 7 mm below the text block"
        if page % 2:
            assert x1 > 160, f"odd page {page}: number on the right"
        else:
            assert x0 < 50, f"even page {page}: number on the left"


def test_masthead_names_the_bulletin_and_the_issue(issue: Printed) -> None:
    first = issue.text(1)
    assert first.lstrip().startswith("安全生产通报")
    assert "第23期" in first
    assert "平邑县安全生产委员会办公室" in first and "2017年12月15日" in first


def test_sections_hold_the_records_of_the_period(issue: Printed) -> None:
    """Issue 2017-23 covers 1-15 December 2017: its records, written out from the sample files."""
    text = issue.flat()
    for title in ("春节烟花爆竹经营安全工作提前部署", "岁末年初暗访查出问题集中交办"):
        assert title in text
    opened = ("平安办交〔2017〕83号", "平安办督〔2017〕82号", "平安办转〔2017〕84号", "平安办转〔2017〕86号", "平安办督〔2017〕85号")
    closed = ("平安办督〔2017〕65号", "平安办交〔2017〕79号")
    overdue = ("平安办交〔2017〕23号", "平安办督〔2017〕15号", "平安办交〔2017〕30号", "平安办交〔2017〕36号", "平安办督〔2017〕31号",
               "平安办督〔2017〕61号", "平安办交〔2017〕75号", "平安办交〔2017〕81号")
    for order_no in (*opened, *closed, *overdue):
        assert order_no in text, order_no
    assert "平安办交〔2017〕87号" not in text  # opened on the 16th: the next issue's
    for heading in ("工作动态", "督查情况", "隐患整改"):
        assert heading in text


def test_tables_of_cases_keep_order_numbers_whole_and_line_up(issue: Printed) -> None:
    """Each order number prints whole on one line, and the columns sit in the same place in all three tables of cases.

    Issue 2017-23 has a table of cases opened, one closed and one overdue; each
    row's deadline is centred in its column, so the centres tell whether the
    columns before it are as wide in every table.
    """
    rows: dict[str, float] = {}
    for page in range(1, issue.pages() + 1):
        words = issue.words(page)
        for _, top, _, text in words:
            if re.fullmatch(r"平安办[交督转]〔2017〕\d+号", text):
                dates = [(x0 + x1) / 2 for x0, y0, x1, date in words if abs(y0 - top) < 0.5 and re.fullmatch(r"\d{4}年\d+月\d+日", date)]
                assert len(dates) == 1, text
                rows[text] = dates[0]
    assert {"平安办交〔2017〕83号", "平安办督〔2017〕65号", "平安办交〔2017〕23号", "平安办交〔2017〕81号"} <= set(rows), sorted(rows)
    assert max(rows.values()) - min(rows.values()) <= 0.3, rows


def test_empty_sections_are_left_out(printed: dict[str, Printed]) -> None:
    without_tipoffs = next(p for p in printed.values() if not p.content.tipoffs)
    assert "有奖举报" not in without_tipoffs.flat()
    with_tipoffs = next(p for p in printed.values() if p.content.tipoffs)
    assert "有奖举报" in with_tipoffs.flat()


def test_end_block_closes_the_last_page(issue: Printed) -> None:
    last = issue.text(issue.pages())
    flat = re.sub(r"\s+", "", last)
    assert "报送：县委、县人大、县政府、县政协领导、市安委会办公室。" in flat
    assert "发送：县安委会各成员单位、各专业委员会、各镇街。" in flat
    assert "共印150份" in flat and "2017年12月15日印发" in flat
    lines = issue.lines(issue.pages())
    issued = next(line for line in lines if "印发" in line[4])
    assert issued[3] > 230, "the end block sits at the foot of the last page"


def test_no_heading_is_left_alone_at_a_page_foot(printed: dict[str, Printed]) -> None:
    for item in printed.values():
        for page in range(1, item.pages()):
            body = [line for line in item.lines(page) if not re.fullmatch(r"—\s*\d+\s*—", line[4])]
            assert not re.match(r"[一二三四五六七八九十]、", body[-1][4]), (item.pdf.name, page, body[-1][4])


def test_no_private_text_in_any_issue(printed: dict[str, Printed]) -> None:
    catalog = loader.load(REPO / "records")
    secrets = [t.reporter for t in catalog.of(TipOff)] + [t.reporter_contact for t in catalog.of(TipOff) if t.reporter_contact]
    secrets += [r.notes for r in [*catalog.of(Inspection), *catalog.of(Case)] if r.notes]
    assert secrets
    for item in printed.values():
        text = item.flat()
        html = item.pdf.with_suffix(".html").read_text(encoding="utf-8")
        for secret in secrets:
            assert re.sub(r"\s+", "", secret) not in text, (item.pdf.name, secret)
            assert secret not in html


def test_every_font_is_embedded_and_subset(issue: Printed) -> None:
    table = subprocess.run(["pdffonts", str(issue.pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert table
    for row in table:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_html_twin_and_qr_point_to_the_site_page(issue: Printed) -> None:
    html = issue.pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "第23期" in html
    assert "https://safety365.example.org/bulletin/2017-23/" in html
    assert 'src="data:image/svg+xml' in html
    assert "https://safety365.example.org/bulletin/2017-23/" in issue.flat()


def test_size_stays_small_enough_to_email(printed: dict[str, Printed]) -> None:
    """The embedded CJK font subsets cost about 400 KB once per issue; each page adds little."""
    for item in printed.values():
        assert item.pdf.stat().st_size < (450 + 50 * item.pages()) * 1024, item.pdf.name


def test_editorial_file_adds_lead_note_and_next_steps(issue: Printed, printed: dict[str, Printed]) -> None:
    editorial = issue.content.editorial
    assert editorial is not None and editorial.lead is not None
    text = issue.flat()
    assert "编者按" in text and editorial.lead.title in text
    assert "下步工作" in text and all(re.sub(r"\s+", "", step) in text for step in editorial.next_steps)
    assert "岁末年初是各类事故易发多发期" in text
    assert "冬季取暖用火用电用气明显增多" in text, "a soft line break inside Chinese must not become a space"
    other = printed["2017-22"]
    assert other.content.editorial is None and "编者按" not in other.flat()


def test_an_issue_prints_the_same_bytes_whatever_was_printed_before(printed: dict[str, Printed], tmp_path: Path) -> None:
    """A worker keeps one font configuration for every paper it prints: nothing of one issue may reach the next.

    The pool printed 2017-23 after other issues; printed again here, alone or
    after a different issue, it must come out byte for byte the same.
    """
    from generator.bulletin.render import render
    from generator.paper.layout import Layout

    project = Project.read(REPO / "mkdocs.yml", tmp_path)
    layout, office = Layout.of(project.theme, "bulletin"), loader.load(REPO / "records").office
    render(printed["2017-11"].content, office, layout, project.site_url)
    again = render(printed["2017-23"].content, office, layout, project.site_url)
    assert again.pdf == printed["2017-23"].pdf.read_bytes()
