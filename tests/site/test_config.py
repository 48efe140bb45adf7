"""mkdocs.yml as users write it: a plain `theme: material` builds the site too."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest

from generator.records import loader
from generator.site import plugin
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


def test_a_failure_while_the_pages_are_handed_out_reaches_the_caller_as_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the downloads are written: the build stops with that error (which the command reports as
    `path: reason`), not with one of its own clean-up."""
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site" / "data"))

    def no_room(*args: object) -> object:
        raise full

    monkeypatch.setattr(plugin, "downloads", no_room)
    with pytest.raises(OSError) as raised:
        build_site(loader.load(REPO / "records"), dt.date(2017, 12, 31), REPO / "mkdocs.yml", tmp_path / "site")
    assert raised.value is full
