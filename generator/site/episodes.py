"""What the site shows of an episode's TV pack: plain data handed over by the build.

The site never reads the broadcast code; `generator.build` fills these from
the packs it has just written, so producers find each pack on its page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
