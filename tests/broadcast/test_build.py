"""Packs as the station gets them: whole or not at all, warnings where producers see them, a fixed address for the newest."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

from generator.broadcast.build import Placed
from generator.broadcast.pack import Pack
from generator.build import publish_latest, publish_pack
from tests.conftest import REPO, run

EDITORIAL = """opening: 观众朋友们好。
drop: [2017-06-14-tower-cranes]
add:
  - record: 2017-06-14-tower-cranes
    duration: 3
"""
"""Gives the week's inspection 3 s: its summary and two findings take 11 s to say."""


def episode(records: Path, *more: str) -> list[str]:
    return ["episode", "2017-W25", "--records", str(records), "--out", "out", "--as-of", "2017-06-30", "--no-preview",
            "--config", str(REPO / "mkdocs.yml"), *more]


def test_an_overrun_is_reported_on_stderr_and_in_the_rundown(records: Path) -> None:
    (records / "episodes").mkdir()
    (records / "episodes" / "2017-W25.yaml").write_text(EDITORIAL, encoding="utf-8")
    result = run(*episode(records))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("out/broadcast/2017-W25.zip")
    # said at 4 characters a second: 13 characters (82 frames), 12 + 4 (100), 14 (88), with 2 frames after each: 276
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: 2017-W25 item 3 (现场督查 · 城区建筑工地塔吊专项督查): the host needs 11.0 s to say it at 4 characters/s, "
        "the slot set is 3 s; it runs 11.2 s"
    ]
    with Path("out/broadcast/2017-W25/rundown.csv").open(encoding="utf-8-sig", newline="") as handle:
        notes = {row["内容"]: row["提示"] for row in csv.DictReader(handle)}
    assert notes["城区建筑工地塔吊专项督查"].startswith("口播需") and "超出设定时长3秒" in notes["城区建筑工地塔吊专项督查"]
    assert all(note == "" for title, note in notes.items() if title != "城区建筑工地塔吊专项督查")
    assert "超出设定时长3秒" in Path("out/broadcast/2017-W25/rundown.html").read_text(encoding="utf-8")


def test_a_pack_that_fails_leaves_the_last_good_one_untouched(records: Path) -> None:
    project = records.parent / "project"
    project.mkdir()
    for part in ("mkdocs.yml", "theme", "content"):
        copy = shutil.copytree if (REPO / part).is_dir() else shutil.copy
        copy(REPO / part, project / part)
    config = ["--config", str(project / "mkdocs.yml")]
    assert run(*episode(records), *config).exit_code == 0
    folder = Path("out/broadcast/2017-W25")
    before = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    script = project / "theme" / "broadcast" / "prompter.html"  # drawn after the slides, captions and rundown
    script.write_text(script.read_text(encoding="utf-8").replace("{% for block in blocks %}", "{% for block in %}"), encoding="utf-8")
    result = run(*episode(records), *config)
    assert result.exit_code == 1
    assert re.search(r"prompter\.html:\d+: template error: ", result.stderr), result.stderr
    after = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in Path("out/broadcast").iterdir()) == ["2017-W25", "2017-W25.zip"]


def test_a_pack_placed_again_drops_files_it_no_longer_has(records: Path) -> None:
    assert run(*episode(records)).exit_code == 0
    stray = Path("out/broadcast/2017-W25/preview.mp4")
    stray.write_bytes(b"an older pack's preview")
    assert run(*episode(records)).exit_code == 0  # unchanged: placed from the render cache
    assert not stray.exists()
    manifest = json.loads(Path("out/broadcast/2017-W25/manifest.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to("out/broadcast/2017-W25").as_posix() for p in Path("out/broadcast/2017-W25").rglob("*") if p.is_file()}
    assert {entry["path"] for entry in manifest["files"]} == on_disk - {"manifest.json"}


def test_the_newest_pack_is_at_a_fixed_address_and_verifies(placed: Placed, pack: Pack, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_pack(placed, site)
    publish_latest([placed], site)
    latest = site / "episode" / "latest"
    assert (latest / "pack.zip").read_bytes() == pack.archive.read_bytes()
    assert (latest / "manifest.json").read_bytes() == (site / "episode" / "2017-W50" / "manifest.json").read_bytes()
    # what the station's script does: fetch both, check every file of the zip against the manifest
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(latest / "pack.zip") as bundle:
        members = {name.removeprefix("2017-W50/"): bundle.read(name) for name in bundle.namelist()}
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for name, entry in listed.items():
        assert (hashlib.sha256(members[name]).hexdigest(), len(members[name])) == (entry["sha256"], entry["size"]), name
    for name in ("timeline.otio", "timeline.xml", "timeline.fcpxml", "timeline.edl", "timeline.kdenlive", "timeline.xges",
                 "captions.ttml", "prompter.html", "prompter.pdf", "prompter.txt", "preview.mp4"):
        assert name in listed, name
