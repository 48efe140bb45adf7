"""Build episode packs into OUT/broadcast/, one process per core."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.broadcast.pack import Pack, write_pack
from generator.broadcast.rundown import build
from generator.editions.calendar import Episode
from generator.records.catalog import Catalog

WORKERS = max(1, min(2, os.cpu_count() or 1))


def _one(view: Catalog, episode: Episode, site_url: str, out: Path, templates: Path, preview: bool) -> Pack:
    return write_pack(build(view, episode, site_url), out, templates, preview=preview)


def build_packs(view: Catalog, episodes: list[Episode], site_url: str, out: Path, templates: Path, *, preview: bool = True) -> list[Pack]:
    """Every episode's pack, rendered in parallel; in episode order."""
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        jobs = [pool.submit(_one, view, episode, site_url, out, templates, preview) for episode in episodes]
        return [job.result() for job in jobs]
