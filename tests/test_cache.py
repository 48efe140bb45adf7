"""The render cache: a rebuild reuses what did not change, and never shows anything stale.

Builds a short stretch of the sample records (June and July 2017, without the
archive of issued editions, so that every issue and episode is rendered) with
its own cache, then rebuilds it unchanged, after editing one record, and
after a template change.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cache import Cache, Shared
from generator.cli import main
from generator.editions.calendar import Episode, Issue
from tests.conftest import REPO

AS_OF = "2017-07-31"
EDITED = "news/2017/2017-06-16-safety-consultation-day.yaml"
OLD_TITLE = "安全宣传咨询日活动在县城举行"
NEW_TITLE = "更正后的标题甲乙丙"


def build(records: Path, out: Path, cache: Path, config: Path = REPO / "mkdocs.yml") -> Result:
    result = CliRunner().invoke(
        main, ["build", "--records", str(records), "--out", str(out), "--as-of", AS_OF, "--config", str(config), "--cache", str(cache)]
    )
    assert result.exit_code == 0, result.output
    return result


def rendered(result: Result, what: str) -> tuple[int, int]:
    """(rendered, unchanged) from the build's report line for `what` (bulletins, TV packs)."""
    match = re.search(rf"^{what}: \d+ \w+ \((\d+) rendered, (\d+) unchanged\)", result.output, re.M)
    assert match, result.output
    return int(match[1]), int(match[2])


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def copy_cache(cache: Path, to: Path) -> Path:
    """A copy of the module's cache (by hard links), so a test's pruning leaves the next test's alone."""
    shutil.copytree(cache, to, copy_function=os.link)
    return to


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Records copied from the sample, built once: (records, out, cache)."""
    root = tmp_path_factory.mktemp("cached")
    shutil.copytree(REPO / "records", root / "records", ignore=shutil.ignore_patterns("issued"))  # nothing issued: all rendered
    result = build(root / "records", root / "dist", root / "cache")
    issues, _ = rendered(result, "bulletins")
    packs, _ = rendered(result, "TV packs")
    assert issues >= 4 and packs >= 8
    return root / "records", root / "dist", root / "cache"


def test_an_unchanged_rebuild_renders_nothing_and_gives_the_same_bytes(first: tuple[Path, Path, Path], tmp_path: Path) -> None:
    records, out, cache = first
    before = files(out)
    again = build(records, out, cache)
    assert rendered(again, "bulletins")[0] == 0
    assert rendered(again, "TV packs")[0] == 0
    assert "site: unchanged" in again.output
    assert files(out) == before
    elsewhere = build(records, tmp_path / "elsewhere", cache)  # a new OUT: its site is made of the stored pages
    assert rendered(elsewhere, "bulletins")[0] == 0
    assert files(tmp_path / "elsewhere") == before


def test_the_bulletins_html_twins_placed_on_the_site_have_gzip_copies(first: tuple[Path, Path, Path]) -> None:
    _, out, _ = first
    twins = sorted((out / "site" / "bulletin").glob("*.html"))
    assert twins
    for twin in twins:
        assert gzip.decompress(twin.with_name(twin.name + ".gz").read_bytes()) == twin.read_bytes()


def test_an_edited_record_re_renders_its_issue_and_episode_and_nothing_else(first: tuple[Path, Path, Path], tmp_path: Path) -> None:
    records, out, cache = first
    cache = copy_cache(cache, tmp_path / "cache")
    edited = tmp_path / "records"
    shutil.copytree(records, edited)
    path = edited / EDITED
    text = path.read_text(encoding="utf-8")
    assert OLD_TITLE in text
    path.write_text(re.sub(r"^title: .*$", f"title: {NEW_TITLE}", text, flags=re.M), encoding="utf-8")
    day = dt.date(2017, 6, 16)
    issue, episode = Issue.covering(day).id, Episode.covering(day).id
    before = sorted(p.name for p in (cache / "bulletin").iterdir())

    result = build(edited, tmp_path / "dist", cache)
    assert rendered(result, "bulletins")[0] == 1
    assert rendered(result, "TV packs")[0] == 1
    assert "site: rendered" in result.output
    built = tmp_path / "dist"
    assert NEW_TITLE in pdf_text(built / "bulletins" / f"{issue}.pdf")
    assert NEW_TITLE in (built / "broadcast" / episode / "rundown.csv").read_text(encoding="utf-8")
    assert NEW_TITLE in (built / "site" / "news" / "2017-06-16-safety-consultation-day" / "index.html").read_text(encoding="utf-8")
    for name, data in files(built).items():  # the old title survives nowhere: not in a PDF, a pack, the site
        text = pdf_text(built / name) if name.endswith(".pdf") else data.decode("utf-8", "replace")
        assert OLD_TITLE not in text, name
    # Everything else is the first build's, byte for byte.
    earlier = files(out)
    changed = {name for name, data in files(built).items() if earlier.get(name) != data}
    assert {name.split("/")[1] for name in changed if name.startswith(("bulletins/", "broadcast/"))} == {
        f"{issue}.pdf", f"{issue}.html", episode  # an archived week's pack: no zip (see the test below)
    }
    # The edited issue's old entry is pruned; the cache holds one entry per issue.
    after = sorted(p.name for p in (cache / "bulletin").iterdir())
    assert len(after) == len(before) and len(set(before) - set(after)) == 1


def test_a_rebuild_moves_what_has_not_changed_from_the_spare_build_and_equals_a_build_from_scratch(
    first: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    records, _, cache = first
    cache = copy_cache(cache, tmp_path / "cache")
    edited = tmp_path / "records"
    shutil.copytree(records, edited)
    out = tmp_path / "dist"
    for _ in range(3):  # the third sets the first aside as the spare
        build(edited, out, cache)
    spare = tmp_path / ".dist.spare"
    week = Episode.covering(dt.date(2017, 7, 20)).id  # a week the edit does not reach
    folders = {
        "its pack": f"broadcast/{week}", "its thumbnails on the site": f"site/episode/{week}/thumbs",
        "a record's page": "site/news/2017-07-27-worst-roadside-market-relocated",
    }
    inodes = {what: (spare / folder).stat().st_ino for what, folder in folders.items()}
    path = edited / EDITED
    path.write_text(re.sub(r"^title: .*$", f"title: {NEW_TITLE}", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")

    build(edited, out, cache)
    for what, folder in folders.items():
        assert (out / folder).stat().st_ino == inodes[what], f"{what}: moved from the spare, not made again"
    build(edited, tmp_path / "scratch", cache)
    assert files(out) == files(tmp_path / "scratch"), "the same bytes as a build without a spare"


def test_a_template_change_re_renders_the_issue(first: tuple[Path, Path, Path], tmp_path: Path) -> None:
    records, _, cache = first
    cache = copy_cache(cache, tmp_path / "cache")
    stored = sum(1 for _ in (cache / "bulletin").iterdir())
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copytree(REPO / "content", project / "content")
    css = project / "theme" / "bulletin" / "bulletin.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 改版 */ h2 { color: #123456; }\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["bulletin", "2017-13", "--records", str(records), "--out", str(tmp_path / "dist"), "--as-of", AS_OF, "--config", str(project / "mkdocs.yml"), "--cache", str(cache)]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "dist" / "bulletins" / "2017-13.html").read_text(encoding="utf-8")
    assert "#123456" in html
    assert sum(1 for _ in (cache / "bulletin").iterdir()) == stored + 1  # rendered anew, beside the old entry


def test_a_slide_many_packs_show_is_stored_once(first: tuple[Path, Path, Path]) -> None:
    """Packs link their pictures from one store: equal bytes are one file on disk, drawn once."""
    _, out, cache = first
    broadcast, episodes = out / "broadcast", out / "site" / "episode"
    closings = list(episodes.glob("*/thumbs/*-closing.jpg"))
    assert len(closings) >= 8
    assert len({p.stat().st_ino for p in closings}) == 1  # the hotline's closing slide, in every week's page
    heads = list(episodes.glob("*/thumbs/[0-9][0-9][0-9]-inspection.jpg"))
    assert len(heads) >= 2 and len({p.stat().st_ino for p in heads}) == 1  # the 现场督查 head
    airing = sorted(broadcast.glob("*/slides/*-closing.png"))
    assert [p.parent.parent.name for p in airing] == ["2017-W30", "2017-W31"]  # full frames only in the packs made for airing
    assert len({p.stat().st_ino for p in airing}) == 1
    for pattern, suffix in (("broadcast/*/*/*.png", ".png"), ("site/episode/*/thumbs/*.jpg", ".jpg")):
        inodes: dict[bytes, set[int]] = {}
        for picture in out.glob(pattern):
            inodes.setdefault(picture.read_bytes(), set()).add(picture.stat().st_ino)
        assert all(len(found) == 1 for found in inodes.values())
        assert len(list((cache / ".shared").rglob(f"*{suffix}"))) == len(inodes)


def test_only_the_packs_about_to_air_carry_a_zip_and_the_newest_verifies(first: tuple[Path, Path, Path]) -> None:
    """A zip copies every slide of its pack once more: archived weeks keep their documents and manifest, no frames and no zip."""
    _, out, _ = first
    broadcast, episodes = out / "broadcast", out / "site" / "episode"
    assert sorted(p.name for p in broadcast.glob("*.zip")) == ["2017-W30.zip", "2017-W31.zip"]  # airing from 2017-07-24 on
    assert sorted(p.name for p in episodes.glob("*.zip")) == ["2017-W30.zip", "2017-W31.zip"]
    archived = broadcast / "2017-W25"
    assert {p.name for p in archived.iterdir()} == {
        "rundown.csv", "rundown.html", "captions.srt", "captions.vtt", "captions.ttml", "prompter.html", "prompter.txt", "manifest.json",
    }  # no printed script, slides, lower-thirds or timelines: those are made for airing
    assert "slides/001-opening.png" in (archived / "rundown.csv").read_text(encoding="utf-8")  # named as the pack made on demand holds it
    assert (episodes / "2017-W25" / "thumbs" / "001-opening.jpg").is_file()
    manifest = json.loads((episodes / "2017-W25" / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in manifest["files"]}
    assert listed == {p.relative_to(archived).as_posix() for p in archived.rglob("*") if p.is_file()} - {"manifest.json"}
    page = (episodes / "2017-W25" / "index.html").read_text(encoding="utf-8")
    assert "2017-W25.zip" not in page and "往期素材包不常备" in page and "2017-W25/manifest.json" in page
    index = (episodes / "index.html").read_text(encoding="utf-8")
    assert "2017-W31.zip" in index
    assert "按需制作" in index
    # what the station's script does with the fixed addresses: every member of the newest zip as its manifest says
    latest = json.loads((episodes / "latest" / "manifest.json").read_text(encoding="utf-8"))
    assert latest["episode"] == "2017-W31"
    with zipfile.ZipFile(episodes / "latest" / "pack.zip") as bundle:
        members = {name.removeprefix("2017-W31/"): bundle.read(name) for name in bundle.namelist()}
    assert {entry["path"] for entry in latest["files"]} == set(members) - {"manifest.json"}
    for entry in latest["files"]:
        data = members[entry["path"]]
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (entry["sha256"], entry["size"]), entry["path"]
    assert "prompter.pdf" in members


def test_pruning_keeps_the_shared_files_an_entry_links(tmp_path: Path) -> None:
    shared = Shared(tmp_path / "shared", "salt")
    kept, dropped = shared.put(shared.key("a"), ".png", b"kept"), shared.put(shared.key("b"), ".png", b"dropped")
    os.link(kept, tmp_path / "in-an-entry.png")
    assert shared.prune() == 1
    assert kept.read_bytes() == b"kept" and not dropped.exists()


def test_a_relative_cache_is_the_one_in_the_folder_the_build_runs_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--cache cache` run beside the records, with mkdocs.yml elsewhere: the site is rendered where the build looks for it."""
    monkeypatch.chdir(tmp_path)
    scratch = Cache(Path("cache")).scratch()
    assert scratch.is_absolute() and scratch.parent == tmp_path / "cache" / ".scratch"


def test_notes_are_read_out_of_an_entry_once_and_keep_only_what_the_last_build_asked_for(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    reads: list[str] = []

    def read(key: str) -> str:
        reads.append(key)
        return f"entries of {key}"

    first = cache.notes("page")
    assert [first.get(key, lambda key=key: read(key)) for key in ("a", "b")] == ["entries of a", "entries of b"]
    first.save()
    second = cache.notes("page")  # the next build
    assert second.get("a", lambda: read("a")) == "entries of a"
    assert second.get("c", lambda: read("c")) == "entries of c"
    second.save()
    assert reads == ["a", "b", "c"]  # "a" came from the notes the second time
    third = cache.notes("page")
    assert third.get("b", lambda: read("b")) == "entries of b"
    assert reads == ["a", "b", "c", "b"]  # "b" was not asked for by the second build: its note went


def test_an_entry_is_found_whether_stored_before_or_after_the_cache_first_looked(tmp_path: Path) -> None:
    earlier = Cache(tmp_path)
    before = earlier.keep("page", "stored-before", lambda scratch: (scratch / "index.html").write_text("前"))
    cache = Cache(tmp_path)  # the next build's
    assert cache.entry("page", "stored-before") == before
    assert cache.entry("page", "not-yet") is None
    after = earlier.keep("page", "not-yet", lambda scratch: (scratch / "index.html").write_text("后"))  # stored meanwhile
    assert cache.entry("page", "not-yet") == after
    assert cache.entry("drawing", "never") is None
