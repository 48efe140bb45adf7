"""Lighthouse on the sample site, mobile: `python bench/lighthouse.py [--site DIR] [--json FILE]`.

Builds the sample records as of 2017-12-31 (unless --site names a built site),
serves the site as nginx with gzip_static would, audits the pages people land
on and prints each page's four scores, its performance metrics and the audits
that failed. Targets: performance 90, accessibility, best practices and SEO 95.
Exit status 1 when a page misses one.

Lighthouse simulates a mid-range phone from what it observes on this machine:
on a loaded machine (its benchmark index, printed, below 1000) the blocking
time, and so the performance score, come out worse than on a quiet one.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.records import loader  # noqa: E402
from generator.site.audit import Report, audit, landing_pages, served  # noqa: E402
from generator.site.build import build_site  # noqa: E402

AS_OF = dt.date(2017, 12, 31)
TARGETS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}


def run(site: Path, chosen: dict[str, str]) -> list[tuple[str, Report]]:
    reports = []
    with served(site) as base:
        for name, url in chosen.items():
            report = audit(REPO, base + url)
            reports.append((name, report))
            print(show(name, report), flush=True)
    return reports


def show(name: str, report: Report) -> str:
    scores = "  ".join(f"{category} {report.scores.get(category, '-')}" for category in TARGETS)
    metrics = "  ".join(f"{key.replace('-', ' ')} {value}" for key, value in report.metrics.items())
    lines = [f"{name:<18} {scores}", f"{'':<18} {metrics}; machine benchmark index {report.benchmark:.0f}"]
    lines += [f"{'':<18} - {f.id} ({f.score:.2f}) {f.title}{': ' + f.value if f.value else ''}" for f in report.failing]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build the sample records)")
    parser.add_argument("--json", type=Path, help="also write the scores and failing audits here")
    args = parser.parse_args()
    catalog = loader.load(REPO / "records")
    chosen = landing_pages(catalog, AS_OF)
    with tempfile.TemporaryDirectory(prefix="safety365-lh-site-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch)
            build_site(catalog, AS_OF, REPO / "mkdocs.yml", site)
        reports = run(site, chosen)
    if args.json:
        args.json.write_text(json.dumps([{"page": n, **dataclasses.asdict(r)} for n, r in reports], ensure_ascii=False, indent=1))
    missed = [(n, c) for n, r in reports for c, target in TARGETS.items() if r.scores.get(c, 0) < target]
    for name, category in missed:
        print(f"below target: {name} {category}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
