"""Build episode packs into OUT/broadcast/: each drawn once per content, one process per core.

A pack's key is the digest of its planned rundown (what it shows and says),
the templates, the toolchain and whether it carries a preview; a pack whose
key is in the cache is placed from there, every other one is laid out and
drawn in a worker process.
"""

from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import Executor
from pathlib import Path

from generator.broadcast.pack import Pack, write_pack
from generator.broadcast.rundown import Rundown, lay_out
from generator.cache import Built, Cache, digest, place, toolchain, tree

KIND = "pack"
SAVED = "pack.pickle"
"""The Pack as drawn, beside its files in the cache entry, for the site's episode page."""


def _draw(rundown: Rundown, templates: Path, preview: bool, scratch: Path) -> None:
    """Lay out and draw one pack into `scratch` (in a worker process)."""
    pack = write_pack(lay_out(rundown), scratch, templates, preview=preview)
    (scratch / SAVED).write_bytes(pickle.dumps(dataclasses.replace(pack, folder=Path(), archive=Path(), thumbs=Path())))


def build_packs(
    rundowns: list[Rundown], out: Path, templates: Path, cache: Cache, previews: set[str], pool: Executor
) -> Built[Pack]:
    """Every episode's pack (with a preview video for the episodes in `previews`), in episode order."""
    out.mkdir(parents=True, exist_ok=True)
    toolchain_key, theme = toolchain(), tree(templates)
    jobs = []
    for rundown in rundowns:
        preview = rundown.episode.id in previews
        jobs.append((digest(KIND, toolchain_key, theme, rundown, preview), (rundown, templates, preview)))
    entries, rendered = cache.fill(KIND, jobs, _draw, pool)
    packs = []
    for entry, rundown in zip(entries, rundowns, strict=True):
        name = rundown.episode.id
        place(entry / name, out / name)
        place(entry / f"{name}.zip", out / f"{name}.zip")
        saved: Pack = pickle.loads((entry / SAVED).read_bytes())  # written by _draw, keyed by this very source
        packs.append(dataclasses.replace(saved, folder=out / name, archive=out / f"{name}.zip", thumbs=entry / "thumbs"))
    return Built(packs, [rundowns[index].episode.id for index in rendered])
