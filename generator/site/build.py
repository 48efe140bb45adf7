"""Build the site with mkdocs from Python, handing the plugin the catalog already loaded."""

from __future__ import annotations

import os
from pathlib import Path

from generator.records.catalog import Catalog

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before material is imported: no EOL banner

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from generator.site.plugin import Safety365Plugin  # noqa: E402


def build_site(catalog: Catalog, config_file: Path, site_dir: Path) -> None:
    """Render the whole site into `site_dir` from `catalog`."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    plugin = config.plugins["safety365"]
    assert isinstance(plugin, Safety365Plugin), "mkdocs.yml must enable the safety365 plugin"
    plugin.catalog = catalog
    build(config)
