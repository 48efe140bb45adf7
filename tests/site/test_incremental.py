"""An edit to one record re-renders only the pages it reaches; the rest keep their bytes, and equal a build from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.records import loader
from generator.site.build import build_site
from generator.site.store import PAGE
from tests.conftest import REPO
from tests.site.conftest import AS_OF

NEWS = "news/2017/2017-12-20-annual-target-assessment.yaml"
"""A December news item no other record names, in the bulletin issue of the second half of December."""


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def rendered(cache: Cache) -> set[str]:
    """Keys of the pages the cache holds: a page rendered by a build adds one."""
    return {entry.name for entry in (cache.root / PAGE).iterdir()}


def with_gzip(*names: str) -> set[str]:
    """Each file and its gzip copy (every text file the build writes has one)."""
    return {*names, *(f"{name}.gz" for name in names)}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Cache, dict[str, bytes]]:
    """(a copy of the sample records, the render cache, the site built from them)."""
    root = tmp_path_factory.mktemp("incremental")
    records = root / "records"
    shutil.copytree(REPO / "records", records)
    cache = Cache(root / "cache")
    build_site(loader.load(records), AS_OF, REPO / "mkdocs.yml", root / "first", cache=cache)
    return records, cache, files(root / "first")


def again(records: Path, cache: Cache, out: Path) -> dict[str, bytes]:
    build_site(loader.load(records), AS_OF, REPO / "mkdocs.yml", out, cache=cache)
    return files(out)


def test_an_edit_changes_only_the_pages_that_show_the_record_and_equals_a_build_from_scratch(
    first: tuple[Path, Cache, dict[str, bytes]], tmp_path: Path
) -> None:
    records, cache, before = first
    path = records / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace("全县年度安全生产目标考核启动", "全县年度安全生产目标考核全面启动"), encoding="utf-8")
    try:
        stored = rendered(cache)
        after = again(records, cache, tmp_path / "edited")
        assert len(rendered(cache) - stored) == 2, "the workers rendered the edited record's page and its bulletin issue's page alone"
        assert changed(before, after) == {
            # the record's own page and its sharing card (the title is drawn on it)
            *with_gzip("news/2017-12-20-annual-target-assessment/index.html"), "news/2017-12-20-annual-target-assessment/card.png",
            # the pages that list it: its section, the home page's week, the bulletin issue that carries it
            *with_gzip("news/index.html", "index.html", "bulletin/2017-24/index.html"),
            # the search index, the feed and the open data
            *with_gzip("search/search_index.json", "feed.xml", "data/news.json", "data/news.csv"),
        }
        scratch = again(records, Cache(tmp_path / "cold"), tmp_path / "scratch")
        assert scratch == after
    finally:
        shutil.copy(REPO / "records" / NEWS, path)


def test_adding_and_removing_a_record_changes_only_what_lists_it(first: tuple[Path, Cache, dict[str, bytes]], tmp_path: Path) -> None:
    records, cache, before = first
    path = records / NEWS
    path.unlink()
    stored = rendered(cache)
    try:
        removed = again(records, cache, tmp_path / "removed")
        assert changed(before, removed) == {
            *with_gzip("news/2017-12-20-annual-target-assessment/index.html"), "news/2017-12-20-annual-target-assessment/card.png",
            *with_gzip("news/index.html", "index.html", "bulletin/2017-24/index.html", "sitemap.xml", "data/index.html"),
            *with_gzip("search/search_index.json", "feed.xml", "data/news.json", "data/news.csv"),
        }
        assert len(rendered(cache) - stored) == 1, "the workers rendered the bulletin issue's page without it alone"
    finally:
        shutil.copy(REPO / "records" / NEWS, path)
    stored = rendered(cache)
    assert again(records, cache, tmp_path / "added") == before
    assert rendered(cache) == stored, "no page rendered again: the record's page and its issue's came back from the cache"


def test_pages_an_earlier_site_holds_unchanged_are_moved_from_it_and_nothing_else_is(
    first: tuple[Path, Cache, dict[str, bytes]], tmp_path: Path
) -> None:
    records, cache, _ = first
    spare = tmp_path / "spare"
    again(records, cache, spare)  # the site of a build no longer served nor kept for rollback
    untouched, strayed, tampered = sorted(folder for folder in (spare / "case").iterdir() if folder.is_dir())[:3]
    (strayed / "notes.txt").write_text("left here by hand", encoding="utf-8")
    html = (tampered / "index.html").read_bytes()
    (tampered / "index.html").unlink()  # the same bytes, but not the stored page's own file
    (tampered / "index.html").write_bytes(html)
    path = records / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace("全县年度安全生产目标考核启动", "全县年度安全生产目标考核全面启动"), encoding="utf-8")
    try:
        out = tmp_path / "edited"
        build_site(loader.load(records), AS_OF, REPO / "mkdocs.yml", out, cache=cache, spare=spare)
        assert files(out) == again(records, Cache(tmp_path / "cold"), tmp_path / "scratch"), "the same site as from scratch"
    finally:
        shutil.copy(REPO / "records" / NEWS, path)
    assert not untouched.exists() and (out / "case" / untouched.name / "index.html").is_file(), "moved, not linked anew"
    assert (strayed / "notes.txt").is_file() and not (out / "case" / strayed.name / "notes.txt").exists()
    assert (tampered / "index.html").is_file(), "a page that is not the stored one stays where it was"
    edited = "news/2017-12-20-annual-target-assessment/index.html"
    assert "全面启动" not in (spare / edited).read_text(encoding="utf-8") and "全面启动" in (out / edited).read_text(encoding="utf-8")
