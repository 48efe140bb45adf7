"""Build bulletin issues into OUT/bulletins/: `<issue>.pdf` and `<issue>.html`, each printed once per content.

An issue's key is the digest of its content, the office's details, the site
address (the QR code), the templates and the toolchain; issues whose key is
in the cache are placed from there, the others are rendered in parallel.
Their charts are kept in the cache's shared store by what they show, so
issuing an issue whose draft was built draws none again.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Built, Cache, Filling, Shared, digest, place, toolchain
from generator.charts import Chart
from generator.editions.bulletin import IssueContent
from generator.paper.layout import Layout
from generator.records.registry import Office

KIND = "bulletin"
CHARTS = "charts"
"""The folder of an issue's entry that links the charts it printed, so the shared store keeps them while the entry lives."""


def _print(content: IssueContent, office: Office, layout: Layout, site_url: str, shared: Shared, scratch: Path) -> None:
    """Render one issue's HTML and PDF into `scratch` (in a worker process, which has WeasyPrint and matplotlib loaded).

    A chart the issue shares with one printed before (its draft, when it is
    issued) is read from `shared`, not drawn: drawing one is about a fifth of
    a second, and cutting its title into words loads jieba's dictionary.
    """
    from generator.bulletin.render import print_svg, render  # not in the process that only plans: it would import both again

    def drawer(chart: Chart) -> bytes:
        key = shared.key("print-chart", chart)
        target = scratch / CHARTS / f"{key}.svg"
        target.parent.mkdir(exist_ok=True)
        shared.link(key, ".svg", lambda: print_svg(chart), target)
        return target.read_bytes()

    rendered = render(content, office, layout, site_url, drawer)
    (scratch / f"{content.issue.id}.html").write_text(rendered.html, encoding="utf-8")
    (scratch / f"{content.issue.id}.pdf").write_bytes(rendered.pdf)


@dataclass
class Printing:
    """Issues being printed in the pool (`start_issues`): the build goes on meanwhile and places them last."""

    filling: Filling
    contents: list[IssueContent]
    out: Path

    def placed(self) -> Built[Path]:
        """Wait for the issues and put each one's PDF and HTML into OUT; returns the PDFs."""
        entries, rendered = self.filling.wait()
        self.out.mkdir(parents=True, exist_ok=True)
        pdfs = []
        for entry, content in zip(entries, self.contents, strict=True):
            for suffix in (".pdf", ".html"):
                place(entry / f"{content.issue.id}{suffix}", self.out / f"{content.issue.id}{suffix}")
            pdfs.append(self.out / f"{content.issue.id}.pdf")
        return Built(pdfs, [self.contents[index].issue.id for index in rendered])

    def cancel(self) -> None:
        """Stop the printing (the build failed elsewhere meanwhile): nothing of it is kept."""
        self.filling.cancel()


def start_issues(
    contents: list[IssueContent], office: Office, layout: Layout, site_url: str, out: Path, cache: Cache, pool: Executor
) -> Printing:
    """Hand every issue not in the cache to `pool` to print; `Printing.placed` puts them all into OUT."""
    toolchain_key, theme, shared = toolchain(), layout.key(), cache.shared()
    jobs = [
        (digest(KIND, toolchain_key, theme, site_url, office, content), (content, office, layout, site_url, shared))
        for content in contents
    ]
    return Printing(cache.start(KIND, jobs, _print, pool), contents, out)


def build_issues(
    contents: list[IssueContent], office: Office, layout: Layout, site_url: str, out: Path, cache: Cache, pool: Executor
) -> Built[Path]:
    """Every issue's PDF and HTML in OUT, rendering only issues not in the cache; returns the PDFs."""
    return start_issues(contents, office, layout, site_url, out, cache, pool).placed()
