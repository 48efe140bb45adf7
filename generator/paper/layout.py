"""Where a printed output's templates live: its own folder, with the shared page folder below it.

The bulletin and the orders each keep their templates in `theme/<output>/`;
the page geometry, the masthead and the 版记 live once in `theme/paper/`, and
both outputs render through the same loader, so they print on one layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from generator.cache import tree
from generator.templates import environment

SHARED = "paper"
"""The theme folder of the shared page."""
STYLESHEET = "paper.css"


@dataclass(frozen=True)
class Layout:
    """The template folders of one printed output: its own first, then the shared page."""

    own: Path
    shared: Path

    @classmethod
    def of(cls, theme: Path, output: str) -> Layout:
        """The layout of `output` (a folder name under the theme folder)."""
        return cls(theme / output, theme / SHARED)

    def environment(self) -> Environment:
        return environment(self.own, self.shared)

    def css(self, stylesheet: str) -> Markup:
        """The shared stylesheet, then the output's own, ready to inline (ours, not editors': not escaped)."""
        shared = (self.shared / STYLESHEET).read_text(encoding="utf-8")
        return Markup(shared + (self.own / stylesheet).read_text(encoding="utf-8"))

    def key(self) -> str:
        """A digest of every template and stylesheet the output prints with: part of its cache key."""
        return tree(self.own) + tree(self.shared)
