"""The sample site, built once per test run as the public saw it on 2017-12-31."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.records import loader
from generator.records.catalog import Catalog
from generator.site.build import build_site
from tests.conftest import REPO

AS_OF = dt.date(2017, 12, 31)


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
    build_site(catalog, AS_OF, REPO / "mkdocs.yml", root)
    return Built(root, catalog, AS_OF)
