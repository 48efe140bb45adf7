"""mkdocs plugin `safety365`: loads and validates the records for every site build.

A build with broken records stops with the same `path:line:col` problems that
`safety365 check` prints; `mkdocs serve` rebuilds when a record changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from generator.errors import RecordsError
from generator.records import loader
from generator.records.catalog import Catalog


class Safety365Config(base.Config):
    records = c.Type(str, default="records")
    """Records folder, relative to mkdocs.yml."""


class Safety365Plugin(BasePlugin[Safety365Config]):
    catalog: Catalog | None = None

    def records_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.records

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.catalog is not None:  # handed over by `safety365 build`
            return config
        try:
            self.catalog = loader.load(self.records_dir(config))
        except RecordsError as exc:
            raise PluginError(f"the records have problems:\n{exc}") from None
        return config

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.records_dir(config)))
        return server
