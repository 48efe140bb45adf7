"""Baseline for the site build: the same pages as plain Markdown files, for a plain `mkdocs build`.

`python bench/plain_site.py RECORDS OUT AS_OF` writes OUT/mkdocs.yml and OUT/docs/
holding every page the plugin would generate (same text, same navigation: sections
listed, record and unit pages left out) and the same charts and downloads, so
`mkdocs build -f OUT/mkdocs.yml` does what our build does minus reading the records.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

from generator.drawing import render_svg
from generator.records import loader
from generator.records.public import published
from generator.site.assets import site_charts, site_files
from generator.site.pages import Site
from generator.site.render import environment, front_matter, to_html
from generator.stats import monthly

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    records, out, as_of = Path(sys.argv[1]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    docs = out / "docs"
    shutil.copytree(REPO / "content", docs)
    view = published(loader.load(records), as_of)
    env = environment(REPO / "theme" / "s365", view, as_of)
    per_month = monthly(view, as_of)
    for page in Site(view, as_of, per_month).pages():
        path = docs / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(page) + "\n" + to_html(env, page) + "\n", encoding="utf-8")
    drawn = [(name, render_svg(chart)) for name, chart in site_charts(view, per_month)]
    for name, content in [*site_files(view, as_of, "https://safety365.example.org/"), *drawn]:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    yaml = YAML()
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str(REPO / "theme")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "safety365" in p)]
    config["not_in_nav"] = "/*/2*.md\n/unit/*/index.md\n"
    with (out / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)


if __name__ == "__main__":
    main()
