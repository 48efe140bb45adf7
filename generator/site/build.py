"""Build the site with mkdocs from Python, handing the plugin the catalog already loaded.

Always strict: a warning (a broken link, a missing nav target) fails the build.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.cache import Cache
from generator.editions.bulletin import IssueContent
from generator.editions.corrections import Issued
from generator.errors import OutputError
from generator.records.catalog import Catalog
from generator.records.public import Views
from generator.site.episodes import EpisodePage
from generator.site.plugin import Inputs, plugin_of


def build_site(
    catalog: Catalog,
    as_of: dt.date,
    config_file: Path,
    site_dir: Path,
    episodes: list[EpisodePage] | None = None,
    issues: list[IssueContent] | None = None,
    corrected: list[Issued] | None = None,
    pool: Executor | None = None,
    cache: Cache | None = None,
    views: Views | None = None,
    spare: Path | None = None,
) -> None:
    """Render the whole site into `site_dir` from `catalog` as the public sees it on `as_of`.

    In the build's `pool` if given; with `cache`, only the pages and drawings not stored there are rendered;
    `views`: those of `catalog` the caller made its editions from; `spare`: an earlier build's site to move unchanged
    pages from (`Inputs.spare`).
    """
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    plugin_of(config).provide(Inputs(catalog, as_of, episodes, issues, corrected, pool, cache=cache, views=views, spare=spare))
    try:
        build(config)
    except MkDocsException as exc:
        raise OutputError(f"site: {exc}") from None
