"""Turn a Page into the Markdown source mkdocs builds: front matter plus one HTML block.

Content templates live in `theme/s365/` (one per page kind, shared partials),
rendered with autoescape, so editors' plain text is always text; Markdown
bodies arrive already sanitised (`generator.markup`).
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape

from generator import strings
from generator.charts import NARROW, WIDE
from generator.records.public import PublicView
from generator.site.pages import PAGELESS, Page, record_url
from generator.site.sharing import SITE_CARD, card_path
from generator.templates import environment as templates_environment


def environment(templates: Path, view: PublicView) -> Environment:
    """The Jinja environment of the content templates, with the helpers they share."""
    env = templates_environment(templates)
    env.globals.update(t=strings.SITE, issued=strings.ISSUED, kinds=strings.KIND, as_of=view.on, office=view.office, pageless=PAGELESS)
    env.globals.update(c=strings.CHART, frames={"wide": WIDE.pixels, "narrow": NARROW.pixels})
    env.filters.update(record_url=record_url)

    def unit_url(name: str) -> str | None:
        found = view.unit(name)
        return f"unit/{found[1].slug}/" if found else None

    env.globals.update(unit_url=unit_url, published=view.get)
    return env


def to_html(env: Environment, page: Page) -> str:
    """The page's content: its template rendered, blank lines and indentation dropped."""
    html = env.get_template(page.template).render(root="../" * page.url.count("/"), **page.context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def front_matter(page: Page) -> str:
    """The Markdown source mkdocs is given: front matter only; the content comes as HTML.

    The HTML needs no Markdown processing, so the plugin hands it over after
    conversion (on_page_content) instead of making Python-Markdown parse it.
    """
    meta: dict[str, object] = {"title": str(escape(page.title)), "hide": list(page.hide)}  # material prints meta unescaped
    if page.description:
        meta["description"] = str(escape(page.description))
    meta["card"] = card_path(page.url) if page.card else SITE_CARD
    if page.search is not None:
        meta["search"] = {"exclude": True}  # indexed by the plugin, from its title and `search` text
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"
