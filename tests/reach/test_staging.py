"""An edition's channel folder is replaced whole, or left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.reach.staging import replacing


def test_a_finished_folder_replaces_the_old_one_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "wechat" / "2017-W50"
    folder.mkdir(parents=True)
    (folder / "stale.png").write_bytes(b"old")
    with replacing(folder) as fresh:
        (fresh / "article.html").write_text("new", encoding="utf-8")
        assert not (folder / "article.html").exists()  # nothing shows until the block is done
    assert sorted(p.name for p in folder.iterdir()) == ["article.html"]
    assert [p.name for p in (tmp_path / "wechat").iterdir()] == ["2017-W50"]


def test_a_failure_leaves_the_old_folder_and_no_half_written_one(tmp_path: Path) -> None:
    folder = tmp_path / "clips" / "2017-W50"
    folder.mkdir(parents=True)
    (folder / "01-board-red.mp4").write_bytes(b"earlier")
    with pytest.raises(RuntimeError), replacing(folder) as fresh:
        (fresh / "01-board-red.mp4").write_bytes(b"half")
        raise RuntimeError("ffmpeg died")
    assert (folder / "01-board-red.mp4").read_bytes() == b"earlier"
    assert [p.name for p in (tmp_path / "clips").iterdir()] == ["2017-W50"]
