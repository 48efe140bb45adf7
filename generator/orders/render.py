"""Print one case paper (an order or a 销号 notice) to standalone HTML and an A4 PDF.

`render` is a pure function of the paper's content, the office's details,
the templates and the site's address: the same inputs give the same bytes,
so a paper can be sealed once it is sent and printed again unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import strings
from generator.editions.orders import ClosureContent, Paper
from generator.paper.layout import Layout
from generator.paper.pdf import write_pdf
from generator.paper.qr import qr_uri
from generator.records.models import Case
from generator.records.registry import Office
from generator.urls import absolute, record_path

STYLESHEET = "orders.css"

@dataclass(frozen=True)
class Rendered:
    html: str
    pdf: bytes


def file_name(paper: Paper) -> str:
    """`<case-id>` for an order, `<case-id>.closure` for its 销号 notice (ids hold no dots: no clash)."""
    if isinstance(paper, ClosureContent):
        return f"{paper.order.case_id}.closure"
    return paper.case_id


def render(paper: Paper, office: Office, layout: Layout, site_url: str) -> Rendered:
    """HTML and PDF of one paper."""
    html = to_html(paper, office, layout, site_url)
    return Rendered(html, write_pdf(html, layout.own))


def to_html(paper: Paper, office: Office, layout: Layout, site_url: str) -> str:
    order = paper.order if isinstance(paper, ClosureContent) else paper
    url = absolute(site_url, record_path(Case.kind, order.case_id)) if paper.published else None
    template = "closure.html" if isinstance(paper, ClosureContent) else "order.html"
    return layout.environment().get_template(template).render(
        o=strings.ORDER,
        paper=paper,
        order=order,
        office=office,
        url=url,
        qr=qr_uri(url) if url else None,
        css=layout.css(STYLESHEET),
    )
