"""The WeChat platform's limits on an article, checked before anything is written.

From the official account's draft API (新增草稿): title at most 32 characters,
author 16, digest 128; content fewer than 20,000 characters — tags and inline
styles count — and under 1 MB, no script, no external stylesheet; the "read
more" address at most 1 KB. A picture inside an article is a jpg or png under
1 MB (上传图文消息内的图片). The API sets no number of pictures per article:
MAX_IMAGES is the office's ceiling, the platform's own for a picture post
(图片消息), which keeps an article a phone's read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TITLE = 32
AUTHOR = 16
DIGEST = 128
CONTENT_CHARS = 20_000
"""The content must stay below this many characters."""
CONTENT_BYTES = 1_000_000
"""…and below this many bytes (UTF-8)."""
SOURCE_URL_BYTES = 1024
IMAGE_BYTES = 1_000_000
MAX_IMAGES = 20
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
FORBIDDEN = ("script", "style", "link", "iframe", "form")
"""Tags the platform strips or refuses: the article must not rely on them."""


@dataclass(frozen=True)
class Draft:
    """An article as the platform receives it."""

    title: str
    author: str
    digest: str
    content: str
    """The HTML pasted into the editor (the body), every style inline."""
    source_url: str
    site_url: str
    """Every link and picture address must start with this."""
    images: dict[str, bytes]
    """Files of the pictures the content shows, by file name, in order (cover and thumbnail not included)."""
    fix: dict[str, str] = field(default_factory=dict)
    """Per field, what to edit when it is over its limit (e.g. the editorial file that gave the title)."""


class _Markup(HTMLParser):
    """The tags and addresses of an HTML fragment, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append((f"{tag} {name}", value))
                if tag == "img" and name == "src":
                    self.images.append(value)


def parse(content: str) -> _Markup:
    markup = _Markup()
    markup.feed(content)
    markup.close()
    return markup


def lint(draft: Draft) -> list[str]:
    """Every limit `draft` breaks, each naming the field, its value and the limit; empty when it may go."""
    problems = []

    def over(name: str, value: int, limit: int, unit: str, below: bool = False) -> None:
        if value >= limit if below else value > limit:
            bound = f"fewer than {limit:,}" if below else f"at most {limit:,}"
            hint = draft.fix.get(name)
            problems.append(f"{name} has {value:,} {unit}; WeChat takes {bound}" + (f": {hint}" if hint else ""))

    over("title", len(draft.title), TITLE, "characters")
    over("author", len(draft.author), AUTHOR, "characters")
    over("digest", len(draft.digest), DIGEST, "characters")
    over("content", len(draft.content), CONTENT_CHARS, "characters", below=True)
    over("content", len(draft.content.encode("utf-8")), CONTENT_BYTES, "bytes", below=True)
    over("source URL", len(draft.source_url.encode("utf-8")), SOURCE_URL_BYTES, "bytes")
    markup = parse(draft.content)
    over("images", len(markup.images), MAX_IMAGES, "pictures")
    for tag in dict.fromkeys(t for t in markup.tags if t in FORBIDDEN):
        problems.append(f"content has a <{tag}> tag; WeChat articles carry inline styles only and no scripts")
    for where, url in markup.urls:
        if not url.startswith(draft.site_url):
            problems.append(f"content has {where}=\"{url}\"; links and pictures must be absolute addresses on {draft.site_url}")
    for name, data in draft.images.items():
        if not name.lower().endswith(IMAGE_SUFFIXES):
            problems.append(f"image {name} is not a png or jpg file; WeChat takes only those")
        over(f"image {name}", len(data), IMAGE_BYTES, "bytes", below=True)
    return problems
