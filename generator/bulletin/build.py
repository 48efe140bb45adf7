"""Build bulletin issues into OUT/bulletins/: `<issue>.pdf` and `<issue>.html`, in parallel."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.bulletin.render import render
from generator.editions.bulletin import IssueContent
from generator.records.registry import Office

WORKERS = max(1, min(2, os.cpu_count() or 1))


def build_issues(contents: list[IssueContent], office: Office, templates: Path, site_url: str, out: Path) -> list[Path]:
    """Render every issue (a process per core) and write its PDF and HTML; returns the PDFs."""
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        jobs = [(content.issue.id, pool.submit(render, content, office, templates, site_url)) for content in contents]
        written = []
        for issue_id, job in jobs:
            rendered = job.result()
            (out / f"{issue_id}.html").write_text(rendered.html, encoding="utf-8")
            pdf = out / f"{issue_id}.pdf"
            pdf.write_bytes(rendered.pdf)
            written.append(pdf)
    return written
