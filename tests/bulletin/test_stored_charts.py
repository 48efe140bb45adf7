"""A bulletin's charts are drawn once by what they show: the issued copy prints the very chart its draft drew."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from pathlib import Path

from generator.build import Project, build_bulletins, bulletins
from generator.processes import pool
from generator.records import loader
from generator.records.public import Views
from tests.conftest import REPO

ISSUE = "2017-15"
"""1–15 August 2017: the July standardisation ranking, the first to continue its series, prints its chart."""


def test_the_issued_copy_links_the_charts_its_draft_printed(tmp_path: Path) -> None:
    views = Views(loader.load(REPO / "records"))
    draft = bulletins(views, dt.date(2017, 8, 31), ISSUE)[0]
    signed = dataclasses.replace(draft, issued=dt.date(2017, 8, 16))
    project = Project.read(REPO / "mkdocs.yml", tmp_path / "cache")
    entries = project.cache.root / "bulletin"
    with project.cache.in_use(), pool(1) as workers:
        build_bulletins([draft], views, project, tmp_path / "draft", workers)
        first = {entry.name for entry in entries.iterdir()}
        build_bulletins([signed], views, project, tmp_path / "signed", workers)
    drawn, = (sorted((entries / name / "charts").glob("*.svg")) for name in first)
    again, = (sorted((entry / "charts").glob("*.svg")) for entry in entries.iterdir() if entry.name not in first)
    assert len(drawn) == 1  # one series continues in this issue
    assert [p.name for p in again] == [p.name for p in drawn]
    assert again[0].stat().st_ino == drawn[0].stat().st_ino  # linked from the store, not drawn again
    assert drawn[0].stat().st_nlink == 3  # the store and both entries
    uri = base64.b64encode(drawn[0].read_bytes()).decode("ascii")
    for folder in ("draft", "signed"):
        assert uri in (tmp_path / folder / f"{ISSUE}.html").read_text(encoding="utf-8")
