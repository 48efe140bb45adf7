"""HTML to PDF through WeasyPrint, the same way for every printed output."""

from __future__ import annotations

import logging
from pathlib import Path


def write_pdf(html: str, base: Path) -> bytes:
    """The PDF of `html`; relative addresses resolve against `base`.

    WeasyPrint is imported here, in the process that prints, because it is
    slow to import and most commands never print.
    """
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(base)).write_pdf()
