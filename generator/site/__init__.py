"""The public site: an mkdocs plugin that turns the catalog into pages."""
