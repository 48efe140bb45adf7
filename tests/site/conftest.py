"""The sample site, built once per test run as the public saw it on 2017-12-31, and a browser to read it with.

The site carries the aired episodes' pages from the archive and one episode's page as
`safety365 build` would hand it over from the TV pack (the pack itself is not made here).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.editions.ledger import Archive
from generator.records import loader
from generator.records.catalog import Catalog
from generator.site.build import build_site
from generator.site.episodes import EpisodePage, aired_pages
from tests.conftest import REPO

AS_OF = dt.date(2017, 12, 31)
EPISODE = EpisodePage(
    "2017-W50", dt.date(2017, 12, 13), "00:02:18:20",
    [{"序号": "1", "板块": "片头", "内容": "《安全365》片头", "来源记录": "", "开始": "00:00:00:00", "时长": "00:00:08:00"}],
    ["thumbs/001-opening.jpg"], [("00:00:00:00", "欢迎收看《安全365》")],
)


@dataclass
class Built:
    root: Path
    catalog: Catalog
    as_of: dt.date

    def page(self, url: str) -> str:
        return (self.root / url / "index.html").read_text(encoding="utf-8")

    def all_text(self) -> str:
        """Every text file of the site (pages, search index, feed, downloads) as one string."""
        parts = []
        for path in sorted(self.root.rglob("*")):
            if path.suffix in (".html", ".json", ".xml", ".csv", ".svg") and "assets" not in path.parts:
                parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(parts)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    catalog = loader.load(REPO / "records")
    root = tmp_path_factory.mktemp("site")
    aired = aired_pages(catalog, Archive(catalog.issued, AS_OF), AS_OF)  # as `safety365 build` hands them over
    build_site(catalog, AS_OF, REPO / "mkdocs.yml", root, aired + [EPISODE])
    return Built(root, catalog, AS_OF)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of one line per request."""


@pytest.fixture(scope="session")
def base_url(site: Built) -> Iterator[str]:
    """The built site served over HTTP by a plain static server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()

