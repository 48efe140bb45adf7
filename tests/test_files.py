"""Files are written whole or not at all: a reader never finds one half-written, and a failed write leaves the old one."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from generator.files import write_atomic, write_atomic_with


def test_a_write_that_fails_halfway_leaves_the_file_as_it_was_and_no_scrap(tmp_path: Path) -> None:
    target = tmp_path / "memo.pickle"
    write_atomic(target, b"as saved before")

    def failing(file: BinaryIO) -> None:
        file.write(b"the first half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic_with(target, failing)
    assert target.read_bytes() == b"as saved before"
    assert [path.name for path in tmp_path.iterdir()] == ["memo.pickle"]


def test_what_is_written_in_pieces_arrives_whole(tmp_path: Path) -> None:
    target = tmp_path / "new" / "records.pickle"

    def pieces(file: BinaryIO) -> None:
        for piece in (b"one,", b"two,", b"three"):
            file.write(piece)

    write_atomic_with(target, pieces)
    assert target.read_bytes() == b"one,two,three"
