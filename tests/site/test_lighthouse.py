"""Lighthouse's accessibility audit (mobile, Debian's chromium) on the pages people land on.

The site is served as it is deployed, precompressed copies included. The
other categories (performance, best practices, SEO) are measured by
`bench/lighthouse.py`: their scores depend on the machine's load. Each audit
takes about 15 s, so the suite audits the three page kinds a link shared in a
chat leads to most (home, the case board, a case); `bench/lighthouse.py`
audits every landing page.
"""

from __future__ import annotations

from generator.site.audit import audit, landing_pages, served
from tests.conftest import REPO
from tests.site.conftest import Built

TARGET = 95
AUDITED = ("home", "case board", "a case")


def test_accessibility_scores_at_least_95(site: Built) -> None:
    below = {}
    with served(site.root) as base:
        pages = landing_pages(site.catalog, site.as_of)
        for name in AUDITED:
            url = pages[name]
            report = audit(REPO, base + url, ("accessibility",))
            if report.scores["accessibility"] < TARGET:
                below[name] = (report.scores["accessibility"], [f"{f.id}: {f.title}" for f in report.failing])
    assert below == {}
