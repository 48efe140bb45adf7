"""Build episode packs into OUT/broadcast/: each drawn once per content, one process per core.

A pack's key is the digest of its planned rundown (what it shows and says),
the templates, the toolchain, whether it is made for airing and whether it
carries a preview; a pack whose
key is in the cache is placed from there, every other one is laid out and
drawn in a worker process.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.broadcast.rundown import Rundown, lay_out
from generator.cache import Built, Cache, Filling, Shared, digest, place, place_again, toolchain, tree
from generator.editions.calendar import Episode
from generator.editions.composed import Edition

if TYPE_CHECKING:
    from generator.broadcast.pack import Pack

KIND = "pack"
SAVED = "pack.pickle"
"""The Pack as drawn, beside its files in the cache entry."""


@dataclass(frozen=True)
class Placed:
    """A pack placed into OUT from its cache entry; the Pack as drawn is read from the entry only when asked for.

    A build of ten years places 522 packs, and reading back each one's
    slides, captions and rundown took half a second of a rebuild after one
    edit; what it shows of most of them is kept by their `key` instead.
    """

    episode: Episode
    key: str
    """What the pack was drawn from (its cache key): equal keys, equal packs."""
    folder: Path
    archive: Path | None
    """The zip of a pack made for airing; None for an archived week's."""
    thumbs: Path
    entry: Path

    def pack(self) -> Pack:
        """The Pack as drawn, with the paths it was placed at."""
        saved: Pack = pickle.loads((self.entry / SAVED).read_bytes())  # written by _draw, keyed by this very source
        return dataclasses.replace(saved, folder=self.folder, archive=self.archive, thumbs=self.thumbs)


def _draw(rundown: Rundown, templates: Path, preview: bool, airing: bool, shared: Shared, scratch: Path) -> None:
    """Lay out and draw one pack into `scratch` (in a worker process), its pictures linked from `shared`."""
    from generator.broadcast.pack import write_pack  # Pillow, the timeline writers: the build itself draws nothing
    pack = write_pack(lay_out(rundown), scratch, templates, shared, preview=preview, airing=airing)
    (scratch / SAVED).write_bytes(pickle.dumps(dataclasses.replace(pack, folder=Path(), archive=None, thumbs=Path())))


@dataclass
class Packing:
    """Packs being drawn in the pool (`start_packs`): the build goes on meanwhile and places them when it needs them."""

    filling: Filling
    episodes: list[Episode]
    keys: list[str]
    out: Path
    spare: Path | None

    def placed(self) -> Built[Placed]:
        """Wait for the packs and put each one into OUT, in episode order."""
        entries, rendered = self.filling.wait()
        packs = []
        for key, entry, episode in zip(self.keys, entries, self.episodes, strict=True):
            name = episode.id
            _swap(entry / name, self.out / name, self.spare / name if self.spare is not None else None)
            archive = self.out / f"{name}.zip"
            if (entry / archive.name).is_file():
                _swap(entry / archive.name, archive)
            else:  # an archived week's pack: a zip left by an earlier build would no longer match its folder
                archive.unlink(missing_ok=True)
            packs.append(Placed(episode, key, self.out / name, archive if archive.is_file() else None, entry / "thumbs", entry))
        return Built(packs, [self.episodes[index].id for index in rendered])

    def cancel(self) -> None:
        """Stop the drawing (the build failed elsewhere meanwhile): nothing of it is kept."""
        self.filling.cancel()


def start_packs(
    rundowns: list[tuple[Episode, Edition[Rundown]]], out: Path, templates: Path, cache: Cache, airing: set[str], previews: set[str],
    pool: Executor, spare: Path | None = None,
) -> Packing:
    """Hand every episode's pack not in the cache to `pool` to draw: made for airing (zip included) for the episodes in
    `airing`, with a preview video for those in `previews`; `Packing.placed` puts them all into OUT.

    A pack is keyed by its rundown's digest: only the rundowns of the packs to draw are read back. A pack's folder that
    `spare` (the packs' folder of an earlier build set aside) holds as stored is moved from there (`cache.place_again`).
    """
    out.mkdir(parents=True, exist_ok=True)
    toolchain_key, theme, shared = toolchain(), tree(templates), cache.shared()
    jobs: list[tuple[str, tuple[object, ...]]] = []
    for episode, rundown in rundowns:
        preview, whole = episode.id in previews, episode.id in airing
        key = digest(KIND, toolchain_key, theme, rundown.digest, preview, whole)
        stored = cache.entry(KIND, key) is not None  # `start` draws only what is not: it never reads these arguments
        jobs.append((key, () if stored else (rundown.get(), templates, preview, whole, shared)))
    filling = cache.start(KIND, jobs, _draw, pool)
    return Packing(filling, [episode for episode, _ in rundowns], [key for key, _ in jobs], out, spare)


def _swap(source: Path, target: Path, spare: Path | None = None) -> None:
    """Place `source` at `target` whole: linked in beside it (or moved from `spare`, see `cache.place_again`), then renamed over it.

    A pack placed over an older one never mixes their files (a preview the new
    pack no longer has, say), and nobody sees one half-placed.
    """
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for stale in (fresh, old):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    if source.is_dir():
        place_again(source, fresh, spare)
    else:
        place(source, fresh)
    if fresh.is_file():
        os.replace(fresh, target)
        return
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
