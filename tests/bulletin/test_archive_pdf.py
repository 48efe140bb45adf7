"""The archive PDF: PDF/A-2a, tagged, with the issue's metadata and text that copies out exactly (checked with pikepdf)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from generator.bulletin.render import render
from generator.editions.bulletin import issue_content
from generator.editions.calendar import Issue
from generator.paper.layout import Layout
from generator.records import loader
from generator.records.public import Views
from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue 2017-11 of the fixture records, dated as signed on 2017-06-15."""
    catalog = loader.load(FIXTURES / "valid")
    content = issue_content(Views(catalog, dt.date(2017, 6, 15)), Issue(2017, 11), dt.date(2017, 6, 15))
    rendered = render(dataclasses.replace(content, issued=dt.date(2017, 6, 15)), catalog.office, Layout.of(REPO / "theme", "bulletin"), "https://example.org/")
    path = tmp_path_factory.mktemp("archive") / "2017-11.pdf"
    path.write_bytes(rendered.pdf)
    return path


def structure(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node`, depth first (reading order)."""
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from structure(kid)


def test_it_declares_pdf_a_2a_with_the_issue_number_date_and_office(pdf: Path) -> None:
    with pikepdf.open(pdf) as document:
        meta = document.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "A")
        assert meta["dc:title"] == "安全生产通报 2017年第11期"
        assert meta["dc:identifier"] == "安全生产通报 2017年第11期"
        assert meta["dc:date"] == ["2017-06-15"]
        assert meta["dc:publisher"] == {"平邑县安全生产委员会办公室"}
        assert str(document.docinfo["/Title"]) == "安全生产通报 2017年第11期"
        assert "/OutputIntents" in document.Root


def test_it_is_tagged_in_chinese_with_headings_tables_and_figures_with_alt_text(pdf: Path) -> None:
    with pikepdf.open(pdf) as document:
        root = document.Root
        assert str(root.Lang) == "zh-CN"
        assert bool(root.MarkInfo.Marked) is True
        elements = list(structure(root.StructTreeRoot))
        kinds = [str(element.S) for element in elements]
        assert "/H1" in kinds and "/H2" in kinds and "/Table" in kinds and "/TH" in kinds and "/P" in kinds
        figures = [element for element in elements if element.S == "/Figure"]
        assert figures and all(str(figure.get("/Alt", "")) for figure in figures)
        headings = [element for element in elements if str(element.S) in ("/H1", "/H2")]
        assert kinds.index("/H1") < kinds.index("/H2"), "the masthead comes first in reading order"
        assert len(headings) >= 4


def test_fonts_are_embedded_with_unicode_maps_and_no_image_is_interpolated(pdf: Path) -> None:
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                assert "/ToUnicode" in font
                descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        for image in (obj for obj in document.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"):
            assert image.get("/Interpolate", False) is False


def test_the_text_copies_out_exactly(pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in io.StringIO(text)]
    assert "安全生产通报" in lines
    assert "（一）全县安全生产月活动启动" in lines
    assert "县安委办举行安全生产月启动仪式。" in lines
    assert "2017年6月15日印发" in "".join(lines)
