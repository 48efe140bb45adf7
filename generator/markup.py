"""Editors' Markdown made safe for every output: rendered, then sanitised to an allow-list.

Record bodies are written in Markdown by editors; whatever they contain (raw
HTML, scripts, event attributes, javascript: links) is cut down to plain
structural tags before any template sees it.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "a", "code"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
SCHEMES = {"http", "https", "mailto"}
CJK_SOFT_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\n(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
"""A line break inside Chinese text: Markdown would turn it into a space, Chinese has none."""


def render_markdown(text: str) -> Markup:
    """HTML for a Markdown body, holding only allow-listed tags, attributes and URL schemes."""
    html = markdown.markdown(CJK_SOFT_BREAK.sub("", text), extensions=["tables", "sane_lists"], output_format="html")
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener nofollow"))
