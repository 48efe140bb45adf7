"""The preview's server is woken by the record files written, made, renamed or removed, not by those only read: every
build reads the theme's templates, and a registry change reads every record file again."""

from __future__ import annotations

import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator.site.serve import Changes


class Noting(FileSystemEventHandler):
    def __init__(self) -> None:
        self.seen: list[FileSystemEvent] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.seen.append(event)


def settled(noting: Noting, count: int = 0, timeout: float = 10) -> list[str]:
    """The kinds of the events noted, once at least `count` came (or a moment passed, for none)."""
    end = time.monotonic() + timeout
    time.sleep(0.3)
    while len(noting.seen) < count and time.monotonic() < end:
        time.sleep(0.05)
    return [event.event_type for event in noting.seen]


def test_reading_a_watched_file_wakes_nothing_and_writing_renaming_and_removing_one_do(tmp_path: Path) -> None:
    folder = tmp_path / "records" / "news"
    folder.mkdir(parents=True)
    record = folder / "2017-06-16-safety-consultation-day.yaml"
    record.write_text("title: 安全宣传咨询日\n", encoding="utf-8")
    noting, observer = Noting(), Changes()
    observer.schedule(noting, str(tmp_path / "records"), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            assert record.read_text(encoding="utf-8").startswith("title:")
        assert settled(noting) == []
        record.write_text("title: 改过的标题\n", encoding="utf-8")
        assert "modified" in settled(noting, 1)
        noting.seen.clear()
        moved = record.with_name("2017-06-17-safety-consultation-day.yaml")
        record.rename(moved)
        assert settled(noting, 1) == ["moved"]
        noting.seen.clear()
        moved.unlink()
        assert settled(noting, 1) == ["deleted"]
    finally:
        observer.stop()
        observer.join()
