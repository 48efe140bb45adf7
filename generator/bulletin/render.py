"""Render one bulletin issue to standalone HTML and to an A4 PDF.

The same HTML (print CSS, charts and QR code inlined) is saved for the web
and handed to WeasyPrint, so the two can never disagree.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from pathlib import Path

import segno
from markupsafe import Markup

from generator import strings
from generator.charts import ranking_lines
from generator.drawing import render_svg
from generator.editions.bulletin import IssueContent
from generator.editions.calendar import Issue
from generator.records.models import Ranking
from generator.records.registry import Office
from generator.templates import environment

TEMPLATE = "issue.html"
STYLESHEET = "bulletin.css"


@dataclass(frozen=True)
class Rendered:
    html: str
    pdf: bytes


def issue_url(site_url: str, issue: Issue) -> str:
    """Where the issue's page lives on the site: the QR code's target."""
    return f"{site_url.rstrip('/')}/{issue.page}"


def render(content: IssueContent, office: Office, templates: Path, site_url: str) -> Rendered:
    """HTML and PDF of one issue."""
    from weasyprint import HTML  # heavy; imported in the worker that renders

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = to_html(content, office, templates, site_url)
    return Rendered(html, HTML(string=html, base_url=str(templates)).write_pdf())


def to_html(content: IssueContent, office: Office, templates: Path, site_url: str) -> str:
    env = environment(templates)
    editorial = content.editorial
    distribution = office.bulletin
    url = issue_url(site_url, content.issue)
    return env.get_template(TEMPLATE).render(
        p=strings.PRINT,
        content=content,
        title=distribution.title,
        issuer=distribution.issuer,
        report_to=(editorial.report_to if editorial and editorial.report_to else distribution.report_to),
        send_to=(editorial.send_to if editorial and editorial.send_to else distribution.send_to),
        copies=(editorial.copies if editorial and editorial.copies else distribution.copies),
        url=url,
        qr=segno.make(url, error="m").svg_data_uri(scale=4, border=0),
        charts={table.ranking.id: _chart_uri(table.history) for table in content.rankings},
        css=Markup((templates / STYLESHEET).read_text(encoding="utf-8")),  # ours, not editors': not escaped
    )


def _chart_uri(history: list[Ranking]) -> str | None:
    """A data URI of the series chart up to this ranking, or None for a series' first ranking."""
    if len(history) < 2:
        return None
    svg = render_svg(ranking_lines(history, strings.PRINT["score"]))
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
