"""Write case papers into OUT/orders/: `<case-id>.pdf` and `.html`, `<case-id>.closure.pdf` and `.html`.

Each paper is rendered once per content, like a bulletin issue: its key is
the digest of its content, the office's details, the site address (the QR
code), the templates and the toolchain. Every paper is rendered (in worker
processes) before any file is placed, so a failure leaves OUT as it was.
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

from generator.cache import Built, Cache, digest, place, toolchain
from generator.editions.orders import Paper
from generator.orders.render import file_name, render
from generator.paper.layout import Layout
from generator.records.registry import Office

KIND = "orders"


def _print(paper: Paper, office: Office, layout: Layout, site_url: str, scratch: Path) -> None:
    """Render one paper's HTML and PDF into `scratch` (in a worker process)."""
    rendered = render(paper, office, layout, site_url)
    name = file_name(paper)
    (scratch / f"{name}.html").write_text(rendered.html, encoding="utf-8")
    (scratch / f"{name}.pdf").write_bytes(rendered.pdf)


def build_papers(
    papers: list[Paper], office: Office, layout: Layout, site_url: str, out: Path, cache: Cache, pool: Executor
) -> Built[Path]:
    """Every paper's PDF and HTML in OUT, rendering (in `pool`) only papers not in the cache; returns the PDFs."""
    toolchain_key, theme = toolchain(), layout.key()
    jobs = [(digest(KIND, toolchain_key, theme, site_url, office, paper), (paper, office, layout, site_url)) for paper in papers]
    entries, rendered = cache.fill(KIND, jobs, _print, pool)
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for entry, paper in zip(entries, papers, strict=True):
        name = file_name(paper)
        for suffix in (".pdf", ".html"):
            place(entry / f"{name}{suffix}", out / f"{name}{suffix}")
        pdfs.append(out / f"{name}.pdf")
    return Built(pdfs, [file_name(papers[index]) for index in rendered])
