"""Turn a Page into what mkdocs builds: its front matter (the Markdown source) and its content (HTML).

Content templates live in `theme/s365/` (one per page kind, shared partials),
rendered in an overlay of the theme's own Jinja environment with autoescape,
so editors' plain text is always text; Markdown bodies arrive already
sanitised (`generator.markup`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape

from generator import strings
from generator.charts import NARROW, WIDE
from generator.records.models import Record
from generator.records.public import PublicView
from generator.records.registry import Office
from generator.site.pages import PAGELESS, Page, record_url
from generator.site.sharing import SITE_CARD, card_path
from generator.templates import overlay


@dataclass(frozen=True)
class Lookups:
    """What the content templates look up beyond a page's own context: public records by id, unit pages by name.

    Plain data, so the rendering processes get it once per build; it holds
    only public copies, so nothing private leaves the build process.
    """

    as_of: dt.date
    office: Office
    records: dict[str, Record]
    unit_slugs: dict[str, str]

    @classmethod
    def of(cls, view: PublicView) -> Lookups:
        slugs = {name: unit.slug for name, (_, unit) in view.units.index.items()}
        return cls(view.on, view.office, view.records, slugs)

    def only(self, names: Iterable[str]) -> Lookups:
        """These lookups with only the records named (of those they hold): all that the pages referring to them look up."""
        return dataclasses.replace(self, records={name: self.records[name] for name in names if name in self.records})

    def unit_url(self, name: str) -> str | None:
        slug = self.unit_slugs.get(name)
        return f"unit/{slug}/" if slug else None


def environment(theme: Environment, templates: Path, lookups: Lookups) -> Environment:
    """The content templates' environment: the theme's own, overlaid with our template settings and the helpers they share."""
    env = overlay(theme, templates)
    env.globals.update(t=strings.SITE, issued=strings.ISSUED, kinds=strings.KIND, as_of=lookups.as_of, office=lookups.office, pageless=PAGELESS)
    env.globals.update(c=strings.CHART, frames={"wide": WIDE.pixels, "narrow": NARROW.pixels})
    env.globals.update(unit_url=lookups.unit_url, published=lookups.records.get)
    env.filters.update(record_url=record_url)
    return env


def to_html(env: Environment, page: Page) -> str:
    """The page's content: its template rendered, blank lines and indentation dropped."""
    html = env.get_template(page.template).render(root="../" * page.url.count("/"), **page.context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def front_matter(page: Page) -> str:
    """The Markdown source mkdocs is given: front matter only; the content comes as HTML.

    The HTML needs no Markdown processing, so the plugin hands it over after
    conversion (on_page_context) instead of making Python-Markdown parse it.
    """
    meta: dict[str, object] = {"title": str(escape(page.title)), "hide": list(page.hide)}  # material prints meta unescaped
    if page.description:
        meta["description"] = str(escape(page.description))
    meta["card"] = card_path(page.url) if page.card else SITE_CARD
    if page.search is not None:
        meta["search"] = {"exclude": True}  # indexed by the plugin, from its title and `search` text
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"
