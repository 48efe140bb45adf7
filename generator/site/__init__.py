"""The public site: an mkdocs plugin that turns the catalog into pages."""

import os

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before any module here imports material: no end-of-life banner
