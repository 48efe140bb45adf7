"""What the site shows of an episode: its TV pack's summary, or an aired episode's sealed text.

The site never reads the broadcast code; `generator.build` fills these from
the packs it has just written, so producers find each pack on its page. An
episode aired and issued has no pack any more: its page comes from the
archive (`aired_pages`), in a full build and a plain `mkdocs build` alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.editions import withdrawals
from generator.editions.aired import SEALED, Aired
from generator.editions.ledger import Archive
from generator.records.catalog import Catalog
from generator.records.issued import Entry


@dataclass(frozen=True)
class EpisodePage:
    id: str
    air_date: dt.date
    total: str
    """Running time as a timecode."""
    rundown: list[dict[str, str]]
    thumbnails: list[str]
    """Slide thumbnails, relative to the episode's folder on the site."""
    captions: list[tuple[str, str]]
    """(start timecode, text) of every caption."""
    slides: list[tuple[str, str]] = field(default_factory=list)
    """(start timecode, text) of every slide: shown instead of thumbnails for an aired, issued episode."""
    sealed: bool = False
    """Aired and issued: the page comes from the archive's text, and the pack is not offered (it is not rendered again)."""
    zipped: bool = True
    """The pack was made for airing and its zip is offered; an archived week's is made on request (`safety365 episode`)."""


def aired_pages(catalog: Catalog, archive: Archive, as_of: dt.date) -> list[EpisodePage]:
    """The pages of the episodes issued by `as_of`, from their sealed text, without what has been withdrawn by then."""
    return [_aired_page(catalog, archive, entry, as_of) for entry in archive.originals("episode")]


def _aired_page(catalog: Catalog, archive: Archive, entry: Entry, as_of: dt.date) -> EpisodePage:
    name = next(name for name in entry.files if name.endswith(f"/{SEALED}"))
    gone = withdrawals.withdrawn(entry, catalog, as_of)
    aired = Aired.from_json(archive.json(entry, name)).without({record: w.basis for record, w in gone.items()})
    return EpisodePage(
        aired.episode, aired.air_date, aired.total, [item.row for item in aired.items], [],
        [(caption.start, caption.text) for item in aired.items for caption in item.captions],
        [(slide.start, slide.text) for item in aired.items for slide in item.slides], sealed=True,
    )
