"""The public copy of an issued bulletin after a withdrawal (撤回): the sealed HTML with the item blacked out.

The issue is never composed again from the records: the copy starts from the
HTML that was signed (the PDF's own source), removes every element the
template marked with a withdrawn record's id (`data-record`) and puts in its
place a black bar and the notice with its legal basis; then it prints that
HTML as the original was printed. Everything else on the page is the
signed text. The archive keeps the original; the copy has its own ledger entry.
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

from generator.bulletin.render import Rendered
from generator.paper.layout import Layout
from generator.paper.pdf import Archival, write_pdf
from generator.strings import ISSUED


def redacted_copy(signed_html: str, withdrawn: dict[str, str], layout: Layout, archival: Archival) -> Rendered:
    """HTML and PDF/A of the copy of `signed_html` without the records in `withdrawn` (id → legal basis)."""
    html = redact(signed_html, withdrawn)
    return Rendered(html, write_pdf(html, layout.own, archival))


def redact(html: str, withdrawn: dict[str, str]) -> str:
    """`html` with each element of a withdrawn record replaced by a black bar and "此条已依法撤回（依据：…）"."""
    document = lxml.html.document_fromstring(html)
    found = False
    for element in document.xpath("//*[@data-record]"):
        basis = withdrawn.get(element.get("data-record", ""))
        if basis is None:
            continue
        found = True
        notice = ISSUED["withdrawn_basis"].format(basis=basis)
        if element.tag == "tr":
            cells, tail = len(element), element.tail
            element.clear()
            element.tail = tail
            element.set("class", "redacted")
            element.append(_notice("td", notice, colspan=str(cells)))
        else:
            replacement = _notice("p", notice)
            replacement.tail = element.tail
            element.getparent().replace(element, replacement)
    main = document.find(".//main")
    if found and main is not None:
        note = lxml.html.Element("p", {"class": "redacted-note"})
        note.text = ISSUED["redacted_copy"]
        main.insert(0, note)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!doctype html>")


def _notice(tag: str, text: str, **attributes: str) -> HtmlElement:
    element = lxml.html.Element(tag, {"class": "redacted", **attributes})
    bar = lxml.html.Element("span", {"class": "bar", "aria-hidden": "true"})
    bar.tail = text
    element.append(bar)
    return element
