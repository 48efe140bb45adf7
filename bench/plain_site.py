"""Baselines for the site build: the same pages as plain files, for a plain `mkdocs build` and for Hugo.

`python bench/plain_site.py RECORDS OUT AS_OF` writes

- OUT/mkdocs.yml and OUT/docs/: every page the plugin would generate (same text,
  same navigation: sections listed, record and unit pages left out, every page
  indexed for search as mkdocs does by default) and the same charts and
  downloads, so `mkdocs build -f OUT/mkdocs.yml` does what our build does
  minus reading the records;
- OUT/hugo/: the same pages as HTML content for Debian's Hugo, with one minimal
  template (title, the sections' menu, the content) and the same static files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import jinja2
from ruamel.yaml import YAML

from generator.drawing import render_svg
from generator.records import loader
from generator.editions.bulletin import issues_with_records
from generator.records.public import Views
from generator.site.assets import site_charts, site_files
from generator.site.pages import Site
from generator.site.render import Lookups, environment, front_matter, to_html
from generator.stats import monthly

REPO = Path(__file__).resolve().parent.parent


HUGO_TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav>
<main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main></body></html>
"""


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main() -> None:
    records, out, as_of = Path(sys.argv[1]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    docs = out / "docs"
    shutil.copytree(REPO / "content", docs)
    views = Views(loader.load(records), as_of)
    view = views.on(as_of)
    env = environment(jinja2.Environment(), REPO / "theme" / "s365", Lookups.of(view))  # no mkdocs theme: the pages alone
    per_month = monthly(view)
    hugo = out / "hugo"
    menu = []
    for page in Site(view, per_month, issues_with_records(views, as_of)).pages():
        html = to_html(env, page)
        whole = front_matter(dataclasses.replace(page, search=None)) + "\n" + html + "\n"
        write(docs / page.src, whole.encode("utf-8"))
        bundle = "_index.html" if page.listed else "index.html"
        write(hugo / "content" / page.url / bundle, whole.encode("utf-8"))
        if page.listed:
            menu.append({"name": page.title, "url": "/" + page.url, "weight": len(menu)})
    drawn = [(name, render_svg(chart, frame)) for name, chart, frame in site_charts(view, per_month)]
    for name, content in [*site_files(view, "https://safety365.example.org/"), *drawn]:
        write(docs / name, content)
        write(hugo / "static" / name, content)
    settings = {
        "baseURL": "https://safety365.example.org/", "languageCode": "zh-CN", "title": "安全365",
        "disableKinds": ["taxonomy", "term"], "menu": {"main": menu},
    }
    write(hugo / "config.json", json.dumps(settings, ensure_ascii=False).encode("utf-8"))
    write(hugo / "layouts" / "_default" / "baseof.html", HUGO_TEMPLATE.encode("utf-8"))
    for name in ("single.html", "list.html"):
        write(hugo / "layouts" / "_default" / name, b'{{ define "main" }}{{ .Content }}{{ end }}')
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
