"""The post room's papers for one bulletin issue: copies per recipient, a label sheet, a delivery receipt.

The recipients are office.yaml's distribution list as it stood on the issue's
date (an issue printed in March goes to the units on the list in March). Every
paper is an A4 PDF from WeasyPrint: `copies.pdf` (份数表), `labels.pdf` (2 x 7
labels of 99.1 x 38.1 mm, the common A4 sheet sold as L7163) and `receipt.pdf`
(签收单, a row per recipient to sign).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator import strings
from generator.editions.bulletin import compose
from generator.editions.calendar import Issue
from generator.errors import OutputError
from generator.paper.pdf import write_pdf
from generator.records.catalog import Catalog
from generator.records.public import published
from generator.records.registry import Recipient
from generator.records.vocabulary import RecipientGroup
from generator.templates import environment

FOLDER = "distribution"
PAPERS = {"copies.pdf": "copies.html", "labels.pdf": "labels.html", "receipt.pdf": "receipt.html"}
"""Each PDF and the template it is printed from."""
STYLESHEET = "post.css"
LABELS_PER_SHEET = 14
"""2 columns x 7 rows."""
P = strings.POST


@dataclass(frozen=True)
class Run:
    """One issue's print run as the post room sends it out."""

    issue: Issue
    on: dt.date
    """The issue's date: the end of its half-month, or today while it is running."""
    title: str
    issuer: str
    recipients: list[Recipient]

    @property
    def copies(self) -> int:
        return sum(recipient.copies for recipient in self.recipients)

    @property
    def sheets(self) -> list[list[Recipient]]:
        """The recipients a label sheet at a time."""
        return [self.recipients[i:i + LABELS_PER_SHEET] for i in range(0, len(self.recipients), LABELS_PER_SHEET)]

    def group(self, group: RecipientGroup) -> list[Recipient]:
        return [recipient for recipient in self.recipients if recipient.group is group]


def print_run(catalog: Catalog, issue: Issue, as_of: dt.date, office_file: Path) -> Run:
    """The recipients of `issue`, checked: the issue has something to print and every recipient an address."""
    on = issue.on(as_of)
    view = published(catalog, on)
    if compose(view, issue).empty:
        raise OutputError(f"{issue.id} has nothing to print: no public record dated {issue.period.start} to {on}, so nothing to send")
    office = view.office
    recipients = office.recipients(on)
    if not recipients:
        raise OutputError(f"{office_file}: the distribution list has no recipient on {on}; add entries under 'distribution'")
    missing = [recipient.name for recipient in recipients if not recipient.address]
    if missing:
        names = ", ".join(missing)
        raise OutputError(f"{office_file}: {len(missing)} recipient(s) on the distribution list have no address: {names}; add 'address' to their entries")
    return Run(issue, on, office.bulletin.title, office.bulletin.issuer, recipients)


def write(run: Run, templates: Path, folder: Path) -> list[Path]:
    """Print the run's papers into `folder`; returns the PDFs."""
    env = environment(templates)
    css = Markup((templates / STYLESHEET).read_text(encoding="utf-8"))  # ours, not editors': not escaped
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for pdf, template in PAPERS.items():
        html = env.get_template(template).render(p=P, run=run, css=css, groups=list(RecipientGroup))
        (folder / pdf).write_bytes(write_pdf(html, templates))
        made.append(folder / pdf)
    return made
