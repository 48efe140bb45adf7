"""Build every bulletin issue of a records folder: `python bench/bulletins.py RECORDS OUT AS_OF [--serial]`.

`--serial` renders the issues one after another in this process: the baseline
for the parallel build, measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from generator.build import Project, build_bulletins, bulletins
from generator.processes import pool
from generator.bulletin.render import render
from generator.paper.layout import Layout
from generator.records import loader
from generator.records.public import Views

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("as_of", type=dt.date.fromisoformat)
    parser.add_argument("--serial", action="store_true")
    args = parser.parse_args()
    views = Views(loader.load(args.records))
    contents = bulletins(views, args.as_of)
    project = Project.read(REPO / "mkdocs.yml", Path(tempfile.mkdtemp(prefix="bench-cache-")))  # cold: nothing cached
    args.out.mkdir(parents=True, exist_ok=True)
    if args.serial:
        for content in contents:
            rendered = render(content, views.catalog.office, Layout.of(project.theme, "bulletin"), project.site_url)
            (args.out / f"{content.issue.id}.pdf").write_bytes(rendered.pdf)
    else:
        with project.cache.in_use(), pool() as workers:
            build_bulletins(contents, views, project, args.out, workers)


if __name__ == "__main__":
    main()
