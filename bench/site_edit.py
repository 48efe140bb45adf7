"""The site after one edit, against the same site from scratch: `python bench/site_edit.py RECORDS AS_OF [--runs N]`.

Copies RECORDS (the bench corpus is read only), builds the site with an empty
render cache, then, N times, edits the newest news item's title and builds
again with the cache (what a publish after one edit does). Prints the seconds
of the build from scratch, of each build after an edit, and how many pages
each edit rendered (the new entries in the cache).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(records: Path, as_of: dt.date, out: Path, cache: Path) -> float:
    """Seconds to read the records and build the site into `out` with the render cache at `cache`."""
    from generator.cache import Cache
    from generator.records import loader
    from generator.site.build import build_site

    started = time.perf_counter()
    build_site(loader.load(records), as_of, REPO / "mkdocs.yml", out, cache=Cache(cache))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("as_of", type=dt.date.fromisoformat)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-edit-") as tmp:
        folder = Path(tmp)
        records, cache = folder / "records", folder / "cache"
        shutil.copytree(args.records, records)
        edited = sorted((records / "news").rglob("*.yaml"))[-1]
        print(f"from scratch: {build(records, args.as_of, folder / 'scratch', cache):.2f} s")
        for run in range(args.runs):
            text = edited.read_text(encoding="utf-8")
            edited.write_text(re.sub(r"^title: .*$", f"title: 改过的标题第{run + 1}版", text, flags=re.M), encoding="utf-8")
            pages = len(list((cache / "page").iterdir()))
            seconds = build(records, args.as_of, folder / f"edit-{run}", cache)
            print(f"after one edit: {seconds:.2f} s ({len(list((cache / 'page').iterdir())) - pages} page(s) rendered)")


if __name__ == "__main__":
    main()
