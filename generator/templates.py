"""The Jinja environment every output renders with: autoescaped, strict, with the shared filters.

Plain record fields are escaped wherever they land (site, bulletin, rundown);
Markdown bodies pass only through `markdown`, which sanitises them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator import strings
from generator.markup import render_markdown


SETTINGS: dict[str, Any] = {
    "autoescape": select_autoescape(default=True), "undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True,
}
"""How every output's templates are read: escaped, strict, without the blank lines block tags leave."""
FILTERS: dict[str, Callable[..., Any]] = {
    "cn_date": strings.cn_date, "cn_month": strings.cn_month, "cn_number": strings.cn_number, "markdown": render_markdown,
}


def environment(*folders: Path) -> Environment:
    """An environment loading templates from `folders`, the first that holds a name wins."""
    env = Environment(loader=FileSystemLoader(list(folders)), **SETTINGS)
    env.filters.update(FILTERS)
    return env


def overlay(base: Environment, *folders: Path) -> Environment:
    """`base` (a host's own environment, e.g. the site theme's) reading templates from `folders` with our settings.

    The overlay keeps the host's filters and globals, and gets copies of them,
    so what is added for our templates never reaches the host's.
    """
    env = base.overlay(loader=FileSystemLoader(list(folders)), **SETTINGS)
    env.filters = {**base.filters, **FILTERS}
    env.globals = dict(base.globals)
    return env
