"""mkdocs.yml as users write it: a plain `theme: material` builds the site too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.records import loader
from generator.site.build import build_site
from tests.conftest import REPO


def test_a_plain_material_theme_builds(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: 安全365\nsite_url: https://example.org/\ndocs_dir: {REPO / 'content'}\ntheme: material\n"
        f"plugins:\n  - search\n  - safety365:\n      records: {REPO / 'records'}\n      theme: {REPO / 'theme'}\n",
        encoding="utf-8",
    )
    build_site(loader.load(REPO / "records"), dt.date(2017, 12, 31), config, tmp_path / "site")
    assert "督办事项" in (tmp_path / "site" / "case" / "index.html").read_text(encoding="utf-8")
