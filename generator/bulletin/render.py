"""Render one bulletin issue to standalone HTML and to an A4 PDF.

The same HTML (print CSS, charts and QR code inlined) is saved for the web
and handed to WeasyPrint, so the two can never disagree.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator import strings
from generator.charts import Chart, ranking_lines
from generator.drawing import render_svg
from generator.editions.bulletin import IssueContent
from generator.editions.calendar import Issue
from generator.paper.layout import Layout
from generator.paper.pdf import Archival, write_pdf
from generator.paper.qr import qr_uri
from generator.records.models import Ranking
from generator.records.registry import Office

TEMPLATE = "issue.html"
STYLESHEET = "bulletin.css"

Drawer = Callable[[Chart], bytes]
"""What draws a chart as the printed issue sets it (SVG bytes): `print_svg`, or a build's stored copy of what it drew."""


def print_svg(chart: Chart) -> bytes:
    """A chart as the issue prints it.

    Its words are set as text in the face the issue is printed in, not as
    glyph outlines: WeasyPrint draws outlines one path at a time, which took
    a third of an issue's print time; as text they print alike, and a reader
    (or a screen reader) finds them in the PDF.
    """
    return render_svg(chart, outlines=False)


@dataclass(frozen=True)
class Rendered:
    html: str
    pdf: bytes


def issue_url(site_url: str, issue: Issue) -> str:
    """Where the issue's page lives on the site: the QR code's target."""
    return f"{site_url.rstrip('/')}/{issue.page}"


def render(content: IssueContent, office: Office, layout: Layout, site_url: str, drawer: Drawer = print_svg) -> Rendered:
    """HTML and PDF/A-2a of one issue: every issue prints as it would be archived, so the draft is what gets signed."""
    html = to_html(content, office, layout, site_url, drawer)
    return Rendered(html, write_pdf(html, layout.own, archival(content, office)))


def archival(content: IssueContent, office: Office) -> Archival:
    """What the issue's PDF says of itself: its number, its date and who issues it."""
    return archival_of(content.issue, content.dated, office)


def archival_of(issue: Issue, dated: dt.date, office: Office) -> Archival:
    number = strings.PRINT["year_number"].format(year=issue.year, n=issue.number)
    return Archival(f"{office.bulletin.title} {number}", dated, office.bulletin.issuer)


def to_html(content: IssueContent, office: Office, layout: Layout, site_url: str, drawer: Drawer = print_svg) -> str:
    editorial = content.editorial
    distribution = office.bulletin
    url = issue_url(site_url, content.issue)
    return layout.environment().get_template(TEMPLATE).render(
        p=strings.PRINT,
        s=strings.ISSUED,
        content=content,
        title=distribution.title,
        issuer=distribution.issuer,
        report_to=(editorial.report_to if editorial and editorial.report_to else distribution.report_to),
        send_to=(editorial.send_to if editorial and editorial.send_to else distribution.send_to),
        copies=(editorial.copies if editorial and editorial.copies else distribution.copies),
        url=url,
        qr=qr_uri(url),
        charts={table.ranking.id: _chart_uri(table.history, drawer) for table in content.rankings},
        css=layout.css(STYLESHEET),
    )


def _chart_uri(history: list[Ranking], drawer: Drawer) -> str | None:
    """A data URI of the series chart up to this ranking, or None for a series' first ranking."""
    if len(history) < 2:
        return None
    svg = drawer(ranking_lines(history, strings.PRINT["score"]))
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
