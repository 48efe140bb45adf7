"""Build bulletin issues into OUT/bulletins/: `<issue>.pdf` and `<issue>.html`, each printed once per content.

An issue's key is the digest of its content, the office's details, the site
address (the QR code), the templates and the toolchain; issues whose key is
in the cache are placed from there, the others are rendered in parallel.
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

from generator.cache import Built, Cache, digest, place, toolchain
from generator.editions.bulletin import IssueContent
from generator.paper.layout import Layout
from generator.records.registry import Office

KIND = "bulletin"


def _print(content: IssueContent, office: Office, layout: Layout, site_url: str, scratch: Path) -> None:
    """Render one issue's HTML and PDF into `scratch` (in a worker process, which has WeasyPrint and matplotlib loaded)."""
    from generator.bulletin.render import render  # not in the process that only plans: it would import both again

    rendered = render(content, office, layout, site_url)
    (scratch / f"{content.issue.id}.html").write_text(rendered.html, encoding="utf-8")
    (scratch / f"{content.issue.id}.pdf").write_bytes(rendered.pdf)


def build_issues(
    contents: list[IssueContent], office: Office, layout: Layout, site_url: str, out: Path, cache: Cache, pool: Executor
) -> Built[Path]:
    """Every issue's PDF and HTML in OUT, rendering only issues not in the cache; returns the PDFs."""
    out.mkdir(parents=True, exist_ok=True)
    toolchain_key, theme = toolchain(), layout.key()
    jobs = [
        (digest(KIND, toolchain_key, theme, site_url, office, content), (content, office, layout, site_url))
        for content in contents
    ]
    entries, rendered = cache.fill(KIND, jobs, _print, pool)
    pdfs = []
    for entry, content in zip(entries, contents, strict=True):
        for suffix in (".pdf", ".html"):
            place(entry / f"{content.issue.id}{suffix}", out / f"{content.issue.id}{suffix}")
        pdfs.append(out / f"{content.issue.id}.pdf")
    return Built(pdfs, [contents[index].issue.id for index in rendered])
