"""The Jinja environment every output renders with: autoescaped, strict, with the shared filters.

Plain record fields are escaped wherever they land (site, bulletin, rundown);
Markdown bodies pass only through `markdown`, which sanitises them.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator import strings
from generator.markup import render_markdown


def environment(*folders: Path) -> Environment:
    """An environment loading templates from `folders`, the first that holds a name wins."""
    env = Environment(
        loader=FileSystemLoader(list(folders)),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        cn_date=strings.cn_date, cn_month=strings.cn_month, cn_number=strings.cn_number, markdown=render_markdown
    )
    return env
