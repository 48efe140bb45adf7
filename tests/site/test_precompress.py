"""Gzip copies of the site's text files, for web servers that send them as they are (nginx gzip_static)."""

from __future__ import annotations

import gzip
from pathlib import Path

from generator.site.precompress import gzip_copy
from tests.site.conftest import Built


def test_every_text_file_has_an_identical_gzip_copy(site: Built) -> None:
    checked = 0
    for path in site.root.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml") or path.stat().st_size < 256:
            continue
        packed = path.with_name(path.name + ".gz")
        assert packed.is_file(), path
        assert gzip.decompress(packed.read_bytes()) == path.read_bytes(), path
        checked += 1
    assert checked > 300  # every page, the search index, stylesheets, scripts, charts, feed, sitemap
    assert (site.root / "search" / "search_index.json.gz").is_file()


def test_gzip_copies_are_the_same_bytes_on_every_build(site: Built, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes((site.root / "index.html").read_bytes())
    gzip_copy(page)
    first = (tmp_path / "index.html.gz").read_bytes()
    assert first[3] & 0x08 == 0, "no file name in the header"
    assert first[4:8] == b"\0\0\0\0", "no time in the header"
    gzip_copy(page)
    assert (tmp_path / "index.html.gz").read_bytes() == first == (site.root / "index.html.gz").read_bytes()
