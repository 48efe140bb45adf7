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
from pathlib import Path

from generator.broadcast.pack import Pack, write_pack
from generator.broadcast.rundown import Rundown, lay_out
from generator.cache import Built, Cache, Shared, digest, place, toolchain, tree

KIND = "pack"
SAVED = "pack.pickle"
"""The Pack as drawn, beside its files in the cache entry, for the site's episode page."""


def _draw(rundown: Rundown, templates: Path, preview: bool, airing: bool, shared: Shared, scratch: Path) -> None:
    """Lay out and draw one pack into `scratch` (in a worker process), its pictures linked from `shared`."""
    pack = write_pack(lay_out(rundown), scratch, templates, shared, preview=preview, airing=airing)
    (scratch / SAVED).write_bytes(pickle.dumps(dataclasses.replace(pack, folder=Path(), archive=None, thumbs=Path())))


def build_packs(
    rundowns: list[Rundown], out: Path, templates: Path, cache: Cache, airing: set[str], previews: set[str], pool: Executor
) -> Built[Pack]:
    """Every episode's pack, in episode order: made for airing (zip included) for the episodes in `airing`, with a preview video for those in `previews`."""
    out.mkdir(parents=True, exist_ok=True)
    toolchain_key, theme, shared = toolchain(), tree(templates), cache.shared()
    jobs = []
    for rundown in rundowns:
        preview, whole = rundown.episode.id in previews, rundown.episode.id in airing
        jobs.append((digest(KIND, toolchain_key, theme, rundown, preview, whole), (rundown, templates, preview, whole, shared)))
    entries, rendered = cache.fill(KIND, jobs, _draw, pool)
    packs = []
    for entry, rundown in zip(entries, rundowns, strict=True):
        name = rundown.episode.id
        _swap(entry / name, out / name)
        archive = out / f"{name}.zip"
        if (entry / archive.name).is_file():
            _swap(entry / archive.name, archive)
        else:  # an archived week's pack: a zip left by an earlier build would no longer match its folder
            archive.unlink(missing_ok=True)
        saved: Pack = pickle.loads((entry / SAVED).read_bytes())  # written by _draw, keyed by this very source
        packs.append(dataclasses.replace(saved, folder=out / name, archive=archive if archive.is_file() else None, thumbs=entry / "thumbs"))
    return Built(packs, [rundowns[index].episode.id for index in rendered])


def _swap(source: Path, target: Path) -> None:
    """Place `source` at `target` whole: linked in beside it, then renamed over it.

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
    place(source, fresh)
    if fresh.is_file():
        os.replace(fresh, target)
        return
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
