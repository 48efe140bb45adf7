"""Case papers checked on real PDFs made from the sample records: one order of each kind and a 销号 notice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import processes
from generator.build import Project
from generator.editions.orders import papers
from generator.orders.build import build_papers
from generator.orders.render import render
from generator.paper.layout import Layout
from generator.records import loader
from tests.conftest import REPO, run

AS_OF = dt.date(2017, 12, 31)
MM = 72 / 25.4
SUPERVISED = "2017-06-16-high-steep-slope-jinshi-quarry"
HANDED = "2017-06-03-foundation-pit-edge-protection-hengtai"
REFERRED = "2017-12-13-limin-fireworks-lightning-protection"
CLOSED = "2017-12-07-hongda-stone-overhead-crane"


@dataclass
class Paper:
    pdf: Path

    def text(self, page: int | None = None) -> str:
        pages = ["-f", str(page), "-l", str(page)] if page else []
        return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(self.pdf), "-"], capture_output=True, text=True, check=True).stdout

    def flat(self, page: int | None = None) -> str:
        """Text with whitespace removed, so words wrapped across lines still match."""
        return re.sub(r"\s+", "", self.text(page))

    def pages(self) -> int:
        info = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]

    def bottom_of(self, words: str, page: int) -> float:
        """How far down `page` (mm from the top edge) the line holding `words` ends."""
        xml = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(self.pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for match in re.finditer(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', xml, re.S):
            if words in "".join(re.findall(r">([^<]+)</word>", match[2])):
                return float(match[1]) / MM
        raise AssertionError(f"{words!r} not on page {page}")

    @property
    def html(self) -> str:
        return self.pdf.with_suffix(".html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Paper]:
    catalog = loader.load(REPO / "records")
    chosen = [papers(catalog, AS_OF, case_id)[0] for case_id in (SUPERVISED, HANDED, REFERRED)]
    chosen += papers(catalog, AS_OF, CLOSED, closing=True)
    project = Project.read(REPO / "mkdocs.yml", tmp_path_factory.mktemp("cache"))
    out = tmp_path_factory.mktemp("orders")
    with processes.pool() as workers:
        layout = Layout.of(project.theme, "orders")
        pdfs = build_papers(chosen, catalog.office, layout, project.site_url, out, project.cache, workers).outputs
    return {pdf.name.removesuffix(".pdf"): Paper(pdf) for pdf in pdfs}


def test_supervision_notice_says_what_was_found_what_to_do_and_by_when(printed: dict[str, Paper]) -> None:
    paper = printed[SUPERVISED]
    first = paper.flat(1)
    assert paper.text(1).lstrip().startswith("平邑县安全生产委员会办公室")
    for expected in (
        "平安办督〔2017〕15号",
        "安全生产隐患挂牌督办通知书",
        "武台镇金石采石场：",
        "2017年6月15日，督查一科在武台镇开展暗访专项督查（非煤矿山及汛期安全）时发现，武台镇金石采石场存在以下问题：",
        "采石场未按设计自上而下分台阶开采，西侧形成约40米高陡边坡，坡面浮石较多。责令立即停止边坡下方作业，编制边坡治理方案，"
        "经专家论证后削坡减载、清理浮石，治理完成前不得在西侧采面作业。隐患等级：重大。",
        "决定对该隐患实行县级挂牌督办，验收销号前不得摘牌。",
        "（一）立即停止西侧边坡下方作业。",
        "（三）按方案削坡减载、清理浮石，治理完成前不得在西侧采面作业。",
        "请于2017年9月30日前整改到位，并将《整改情况回执》（附件）报送平邑县安委办",
        "联系人：赵敏，电话：0539-4218806。",
        "附件：整改情况回执",
        "2017年6月16日",
    ):
        assert expected in first, expected


def test_reply_form_is_page_two_and_the_end_block_its_foot(printed: dict[str, Paper]) -> None:
    paper = printed[SUPERVISED]
    assert paper.pages() == 2
    second = paper.flat(2)
    for expected in ("附件", "整改情况回执", "平安办督〔2017〕15号", "金石采石场违规开采形成高陡边坡", "整改措施", "完成时间", "责任人", "联系电话", "单位负责人（签字）", "单位（盖章）"):
        assert expected in second, expected
    assert "抄送：武台镇，非煤矿山安全专业委员会。" in second and "2017年6月16日印发" in second
    assert 235 < paper.bottom_of("印发", 2) <= 262, "the 版记 sits at the foot of the 225 mm text block"
    assert "整改措施" not in paper.flat(1) and "印发" not in paper.flat(1), "page one is the order alone"


def test_hand_over_order_goes_to_the_unit_with_its_town_and_committee_copied(printed: dict[str, Paper]) -> None:
    paper = printed[HANDED]
    text = paper.flat()
    for expected in (
        "平安办交〔2017〕4号", "安全生产隐患整改交办单", "平邑县恒泰建筑安装有限公司：", "现将该隐患交你单位，请按以下要求整改：",
        "请于2017年6月13日前整改到位", "抄送：平邑街道，建筑施工安全专业委员会。", "2017年6月3日印发",
    ):
        assert expected in text, expected
    assert "挂牌督办" not in text


def test_referral_goes_to_the_department_with_authority(printed: dict[str, Paper]) -> None:
    paper = printed[REFERRED]
    text = paper.flat()
    for expected in (
        "平安办转〔2017〕86号", "安全生产问题转办单", "县安全生产监督管理局：", "卞桥镇利民烟花爆竹批发部存在以下问题：",
        "库区防雷装置检测报告已过有效期，2号库房避雷针接地线锈蚀断开。", "该问题属你单位职责范围", "现转你单位依法处理",
        "（一）委托有资质的机构检测防雷装置。", "（二）修复2号库房避雷针接地线。",
        "请于2018年1月10日前整改到位", "整改单位县安全生产监督管理局", "抄送：卞桥镇，危险化学品安全专业委员会。",
    ):
        assert expected in text, expected


def test_closure_notice_lists_the_follow_ups_the_evidence_and_the_date(printed: dict[str, Paper]) -> None:
    paper = printed[f"{CLOSED}.closure"]
    assert paper.pages() == 1
    text = paper.flat()
    for expected in (
        "隐患整改销号通知", "平安办转〔2017〕84号", "县质量技术监督局：",
        "2017年12月7日，我办以《安全生产问题转办单》（平安办转〔2017〕84号）交办的“宏达石材加工厂桥式起重机未经检验使用”问题，经复查验收，已整改到位。",
        "同意该隐患销号",
        "2017年12月8日起重机停止使用，更换全部吊装钢丝绳。",
        "2017年12月15日特种设备检验机构完成检验，企业办理使用登记。",
        "销号依据：起重机检验报告和使用登记证，县质量技术监督局复查意见。",
        "销号日期：2017年12月19日。",
        "抄送：仲村镇，工贸行业安全专业委员会。", "2017年12月19日印发",
    ):
        assert expected in text, expected
    assert text.index("2017年12月8日") < text.index("2017年12月15日"), "follow-ups in date order"
    assert 235 < paper.bottom_of("印发", 1) <= 262


def test_no_internal_note_reaches_a_paper(printed: dict[str, Paper]) -> None:
    note = "企业多次以资金困难为由拖延"  # the supervised case's internal note
    assert note not in printed[SUPERVISED].flat() and note not in printed[SUPERVISED].html


def test_published_case_carries_a_qr_code_to_its_page(printed: dict[str, Paper]) -> None:
    html = printed[SUPERVISED].html
    assert 'alt="https://safety365.example.org/case/2017-06-16-high-steep-slope-jinshi-quarry/"' in html
    assert 'src="data:image/svg+xml' in html


def test_unpublished_case_has_no_qr_code(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    path = records / "case" / "2017" / f"{HANDED}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "public: false\n", encoding="utf-8")
    paper = papers(loader.load(records), AS_OF, HANDED)[0]
    project = Project.read(REPO / "mkdocs.yml", tmp_path / "cache")
    html = render(paper, loader.load(records).office, Layout.of(project.theme, "orders"), project.site_url).html
    assert "safety365.example.org/case/" not in html and "data:image/svg+xml" not in html
    assert "平安办交〔2017〕4号" in html


def test_every_font_is_embedded_and_subset(printed: dict[str, Paper]) -> None:
    for paper in printed.values():
        rows = subprocess.run(["pdffonts", str(paper.pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            assert row.split()[-5:-2] == ["yes", "yes", "yes"], (paper.pdf.name, row)


def test_the_same_case_prints_the_same_bytes(printed: dict[str, Paper], tmp_path: Path) -> None:
    """What a sealed order will rely on: the paper is a function of its inputs alone."""
    catalog = loader.load(REPO / "records")
    project = Project.read(REPO / "mkdocs.yml", tmp_path / "cache")
    again = render(papers(catalog, AS_OF, SUPERVISED)[0], catalog.office, Layout.of(project.theme, "orders"), project.site_url)
    assert again.pdf == printed[SUPERVISED].pdf.read_bytes()


def test_order_command_prints_every_order_of_the_cases_opened_by_the_date(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = run("order", "--records", str(REPO / "records"), "--out", str(out), "--as-of", "2017-06-05", "--config", str(REPO / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "orders").iterdir()) == [
        "2017-06-03-foundation-pit-edge-protection-hengtai.html",
        "2017-06-03-foundation-pit-edge-protection-hengtai.pdf",
        "2017-06-03-tower-crane-torque-limiter-xincheng.html",
        "2017-06-03-tower-crane-torque-limiter-xincheng.pdf",
    ]
