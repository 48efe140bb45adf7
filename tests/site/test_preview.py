"""The preview's builds, driven directly: a save moves the pages it left alone out of the site it replaced (the first
save, out of a linked copy of the first site), a section at a time, leaving the site a first build makes; the sitemap
follows the records added and removed; and a saved template builds again from the records as read."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from generator import processes
from generator.cache import Cache
from generator.errors import Problem
from generator.site.serve import PROBLEMS, Preview
from tests.conftest import REPO
from tests.site.test_serve import NEWS, PAGE, retitle

CASE = "case/2017-06-16-high-steep-slope-jinshi-quarry/"


def test_a_save_moves_the_pages_it_left_alone_and_places_the_edited_one_anew(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    problems: list[Problem] = []
    site = tmp_path / "site"
    with processes.pool() as pool:
        preview = Preview(records, REPO / "mkdocs.yml", dt.date(2017, 12, 31), site, problems.extend, pool, Cache(tmp_path / "cache"))
        assert preview.build()
        first = os.stat(site / CASE).st_ino
        case_page = (site / CASE / "index.html").read_bytes()
        preview.settle()  # the first site's copy, its files linked, for the first save to take pages from
        assert (preview.spare / CASE / "index.html").samefile(site / CASE / "index.html")
        copied = os.stat(preview.spare / CASE).st_ino
        retitle(records / NEWS, "第一次保存的标题")
        preview.rebuild()  # the first site is set aside: nothing is served from it any more
        assert os.stat(site / CASE).st_ino == copied, "the first save moved the case's page folder from the copy"
        retitle(records / NEWS, "第二次保存的标题")
        preview.rebuild()
    assert problems == []
    assert os.stat(site / CASE).st_ino == first, "the case's page folder was moved from the site two saves back"
    assert (site / CASE / "index.html").read_bytes() == case_page
    shown = (site / PAGE / "index.html").read_text(encoding="utf-8")
    assert "第二次保存的标题" in shown and "第一次保存的标题" not in shown
    assert "第二次保存的标题" in (site / "news" / "index.html").read_text(encoding="utf-8")


def sitemap(site: Path) -> set[str]:
    """The addresses the sitemap lists, relative to the site's root."""
    locations = ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return {loc.text.split("/", 3)[3] for loc in locations if loc.text}


def test_a_record_added_and_removed_again_comes_and_goes_in_the_sitemap_with_every_other_page(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    problems: list[Problem] = []
    site = tmp_path / "site"
    added = records / "news/2017/2017-12-20-winter-heating-checks.yaml"
    with processes.pool() as pool:
        preview = Preview(records, REPO / "mkdocs.yml", dt.date(2017, 12, 31), site, problems.extend, pool, Cache(tmp_path / "cache"))
        assert preview.build()
        first = sitemap(site)
        added.write_text((records / NEWS).read_text(encoding="utf-8").replace("2017-06-16", "2017-12-20"), encoding="utf-8")
        preview.rebuild()
        with_it = sitemap(site)
        added.unlink()
        preview.rebuild()
        without = sitemap(site)
    assert problems == []
    assert CASE in first and PAGE in first and len(first) > 200
    assert with_it == first | {"news/2017-12-20-winter-heating-checks/"}
    assert without == first


def test_a_template_saved_builds_again_from_the_records_as_read(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copytree(REPO / "content", project / "content")
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    problems: list[Problem] = []
    site = tmp_path / "site"
    template = project / "theme" / "s365" / "tip.html"
    with processes.pool() as pool:
        preview = Preview(records, project / "mkdocs.yml", dt.date(2017, 12, 31), site, problems.extend, pool, Cache(tmp_path / "cache"))
        assert preview.build()
        archive = preview.archive
        template.write_text(template.read_text(encoding="utf-8").replace("<h2>{{ t.points }}</h2>", "<h2>{{ t.points }}（模板改过）</h2>"), encoding="utf-8")
        preview.rebuild()
    assert problems == []
    assert preview.archive is archive, "no record was read again"
    assert "（模板改过）" in (site / "tip" / "2017-06-07-summer-electricity-safety" / "index.html").read_text(encoding="utf-8")


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a site by its path in it (the problems file aside: the preview's, not the site's)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file() and path.name != PROBLEMS}


def test_after_saves_that_move_sections_whole_the_site_is_the_one_a_first_build_makes(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    problems: list[Problem] = []
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    added = records / "news/2017/2017-12-20-winter-heating-checks.yaml"
    with processes.pool() as pool:
        preview = Preview(records, REPO / "mkdocs.yml", dt.date(2017, 12, 31), site, problems.extend, pool, Cache(tmp_path / "cache"))
        assert preview.build()
        preview.settle()  # the first save moves the sections of a copy whose files are the site's on show, linked
        with (site / "news" / "index.html").open("rb") as listed:
            shown = listed.read()
            retitle(records / NEWS, "第一次保存的标题")
            preview.rebuild()
            listed.seek(0)
            assert listed.read() == shown, "the news list the browser was shown was written over"
        added.write_text((records / NEWS).read_text(encoding="utf-8").replace("2017-06-16", "2017-12-20"), encoding="utf-8")
        preview.rebuild()
        (records / "news/2017/2017-12-13-year-end-covert-inspection-findings.yaml").unlink()
        preview.rebuild()
        retitle(records / NEWS, "第四次保存的标题")
        preview.rebuild()
        assert problems == []
        assert not (site / "news/2017-12-13-year-end-covert-inspection-findings").exists() and (site / CASE / "index.html").is_file()
        first = Preview(records, REPO / "mkdocs.yml", dt.date(2017, 12, 31), fresh, problems.extend, pool, Cache(tmp_path / "cache2"))
        assert first.build()
        first.settle()
    assert problems == []
    ours, theirs = tree(site), tree(fresh)
    assert ours.keys() == theirs.keys()
    assert [path for path in ours if ours[path] != theirs[path]] == []
    assert "第四次保存的标题" in ours["news/index.html"].decode("utf-8")
