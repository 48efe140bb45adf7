"""What of the site survives Zensical: `python bench/zensical_site.py PLAIN RECORDS AS_OF --shot PNG`.

Zensical reads `mkdocs.yml` but runs no third-party plugin, so the
`safety365` plugin never runs under it: the pages must be written before the
build. `plain_site.py` is that pre-build writer (every page of
`Site(...).pages()` through `render.to_html` and `render.front_matter` as a
Markdown file, with the charts and downloads beside them, and a `mkdocs.yml`
without our plugin). `configure` gives Zensical its own copy of that
configuration, so its site and cache stay apart from plain mkdocs'; `run.py`
times `zensical build --clean -f PLAIN/zensical.yml` beside our build.

After a build, this script opens Zensical's output and prints one JSON line:
the pages it wrote; its search index (entries, and whether every record is
found by each Chinese word of its title and gist, as `findable.py` asks of
ours); whether our template overrides (`theme/main.html`: sharing meta, the
script that holds Material's index file back) and the boards' markup reached the pages; and a
screenshot of the red and black boards in a 390 px wide browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import sys
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))

import findable  # noqa: E402

SITE = "zensical-site"
CONFIG = "zensical.yml"
CHROMIUM = "/usr/bin/chromium"
BOARD = "listing/"
"""The red and black boards: the page the screenshot shows."""


def configure(plain: Path) -> Path:
    """PLAIN/zensical.yml: plain_site.py's configuration with a site folder of Zensical's own."""
    yaml = YAML()
    config = yaml.load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = SITE
    target = plain / CONFIG
    with target.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return target


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request."""


def screenshot(site: Path, url: str, shot: Path) -> None:
    """The page at `url` of `site`, served over HTTP as a web server would, in a 390 px wide headless chromium."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{url}", wait_until="networkidle")
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=False)
            browser.close()
    finally:
        server.shutdown()


def survey(plain: Path, records: Path, as_of: dt.date, shot: Path) -> dict[str, Any]:
    """What Zensical's build in PLAIN holds of the site (see the module's text)."""
    site = plain / SITE
    entries = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    checked, words, missed = findable.misses(records, as_of, entries, findable.separator(plain / CONFIG))
    home = (site / "index.html").read_text(encoding="utf-8")
    boards = (site / BOARD / "index.html").read_text(encoding="utf-8")
    screenshot(site, BOARD, shot)
    return {
        "pages": sum(1 for _ in site.rglob("index.html")),
        "search_entries": len(entries),
        "segmented": sum("\u200b" in entry["text"] for entry in entries),
        "records_checked": checked,
        "words": words,
        "missed": len(missed),
        "missed_sample": missed[:5],
        "sharing_meta": 'property="og:title"' in home,
        "hold_back_script": "s365SearchIndex" in home,
        "material_index": (site / "search" / "search_index.json").exists(),
        "boards": "s365-board--red" in boards and "s365-board--black" in boards,
        "shot": str(shot),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plain", type=Path, help="a folder plain_site.py wrote, built by `zensical build -f PLAIN/zensical.yml`")
    parser.add_argument("records", type=Path)
    parser.add_argument("as_of", type=dt.date.fromisoformat)
    parser.add_argument("--shot", type=Path, required=True, help="where the 390 px screenshot of the boards goes")
    args = parser.parse_args()
    print(json.dumps(survey(args.plain, args.records, args.as_of, args.shot), ensure_ascii=False))


if __name__ == "__main__":
    main()
