"""HTML to PDF through WeasyPrint, the same way for every printed output.

A paper the office signs and archives (an issued bulletin, an order) is
printed as PDF/A-2a: archival (fonts embedded, colours defined, metadata in
XMP) and tagged (a structure tree of headings, paragraphs, tables and figures
with their alt text, in reading order, and `/Lang` from `<html lang>`), so a
screen reader reads it and a county archive accepts it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

ARCHIVAL = "pdf/a-2a"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration


@dataclass(frozen=True)
class Archival:
    """What an archived paper says of itself in its XMP metadata.

    Dublin Core only: PDF/A accepts its properties without an extension
    schema (a property of our own would need one).
    """

    identifier: str
    """The paper's number, e.g. 安全生产通报 2017年第23期."""
    date: dt.date
    publisher: str
    language: str = "zh-CN"


def write_pdf(html: str, base: Path, archival: Archival | None = None) -> bytes:
    """The PDF of `html` (PDF/A-2a with `archival`'s metadata when given); relative addresses resolve against `base`.

    WeasyPrint is imported here, in the process that prints, because it is
    slow to import and most commands never print.
    """
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(base)).render(font_config=fonts())
    if archival is None:
        return bytes(document.write_pdf())
    metadata = document.metadata
    plain = metadata.generate_rdf_metadata

    def with_dublin_core(*args: Any) -> bytes:
        return _dublin_core(plain(*args), archival)

    metadata.generate_rdf_metadata = with_dublin_core  # WeasyPrint writes no dc:identifier/date/publisher of its own
    return bytes(document.write_pdf(pdf_variant=ARCHIVAL))


@cache
def fonts() -> FontConfiguration:
    """The process's one font configuration, reused by every paper it prints.

    WeasyPrint makes a new one per document unless given one: fontconfig's
    list of fonts loaded again and a fresh Pango font map, so the CJK faces are
    opened and their glyphs shaped anew for every issue. Our stylesheets
    declare no @font-face, so nothing of one document stays behind for the next
    (the PDFs are byte-identical either way).
    """
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _dublin_core(rdf: bytes, archival: Archival) -> bytes:
    """WeasyPrint's RDF with one more description: identifier, date, publisher and language."""
    root = ElementTree.fromstring(rdf)
    description = ElementTree.SubElement(root, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    ElementTree.SubElement(description, f"{{{DC}}}identifier").text = archival.identifier
    for name, container, value in (
        ("date", "Seq", archival.date.isoformat()), ("publisher", "Bag", archival.publisher), ("language", "Bag", archival.language),
    ):
        holder = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}{name}"), f"{{{RDF}}}{container}")
        ElementTree.SubElement(holder, f"{{{RDF}}}li").text = value
    return ElementTree.tostring(root, encoding="utf-8")
