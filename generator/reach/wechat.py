"""The WeChat (公众号) article of an edition: `article.html` to paste, its pictures and `manifest.json`.

The template's stylesheet is inlined into every tag by css-inline (the editor
keeps only `style` attributes), editors' Markdown loses its links (the
platform opens only its own articles), and the result is checked against the
platform's limits before a file is written. Pictures are separate files
referenced in order by their address on the site (`<site>/wechat/<edition>/`),
where the platform's editor can fetch them; the manifest lists them in the same
order for an upload through the platform's API.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import css_inline
import nh3
from markupsafe import Markup

from generator import strings
from generator.editions.bulletin import IssueContent, compose
from generator.editions.calendar import Episode, Issue
from generator.errors import OutputError
from generator.markup import ATTRIBUTES, TAGS, render_markdown
from generator.reach import pictures
from generator.reach.limits import DIGEST, Draft, lint, parse
from generator.reach.story import Board, Movers, boards, movers, overdue, page_url, week
from generator.records.catalog import Catalog
from generator.records.public import PublicView, published
from generator.records.registry import Office
from generator.templates import environment

FOLDER = "wechat"
"""OUT/wechat/<edition>/ and, on the site, where the article's pictures are fetched from."""
ARTICLE, MANIFEST, COVER, THUMB = "article.html", "manifest.json", "cover.png", "thumb.png"
STYLESHEET = "wechat.css"
OVERDUE_SHOWN = 10
"""Overdue cases listed by name, longest overdue first; the rest are counted (the content has 20,000 characters)."""
W = strings.WECHAT


@dataclass
class Article:
    """One article before it is rendered: its fields, its template and what the template shows."""

    edition: str
    template: str
    title: str
    author: str
    digest: str
    source_url: str
    cover: bytes
    thumb: bytes
    context: dict[str, Any]
    pictures: dict[str, bytes] = field(default_factory=dict)
    """Body pictures by file name, numbered in the order the template shows them."""
    fix: dict[str, str] = field(default_factory=dict)
    """Per field, what an editor changes when it is over the platform's limit."""

    def picture(self, name: str, data: bytes) -> str:
        """Keep a body picture; returns its file name, numbered in the order pictures are added."""
        file = f"{len(self.pictures) + 1:02d}-{name}.png"
        self.pictures[file] = data
        return file


def pictures_url(site_url: str, edition: str) -> str:
    """Where the article's pictures are published on the site, for the platform's editor to fetch."""
    return f"{site_url.rstrip('/')}/{FOLDER}/{edition}/"


def _digest(parts: list[str]) -> str:
    """As many of the headline facts as fit the platform's 128 characters, in order of weight."""
    text = ""
    for part in parts:
        candidate = (text + W["digest_sep"] if text else "") + part
        if len(candidate + W["digest_end"]) > DIGEST:
            break
        text = candidate
    return text + W["digest_end"] if text else ""


def _board_pictures(article: Article, found: list[Board], caption: str) -> dict[str, str]:
    return {board.slug: article.picture(f"board-{board.slug}", pictures.board(board, caption)) for board in found}


def _ranking_pictures(article: Article, found: list[Movers]) -> dict[str, str]:
    return {m.ranking.id: article.picture(f"ranking-{index}", pictures.ranking_chart(m.ranking)) for index, m in enumerate(found, 1)}


def _leading(found: list[Movers]) -> list[str]:
    return [W["digest_ranking"].format(series=m.ranking.series, leader=W["list_sep"].join(m.leaders)) for m in found[:1]]


def week_article(view: PublicView, episode: Episode, site_url: str, editorial_file: Path) -> Article:
    """The week's article: boards, overdue cases, the rankings' movers, one safety tip, the hotline.

    `view` is the public view on the date the episode speaks for (`Episode.on`).
    """
    story = week(view, episode)
    if story.empty:
        raise OutputError(
            f"{episode.id} has nothing for a WeChat article: no red or black list entry, ranking or safety tip "
            f"in its running order and no overdue case on {story.on}"
        )
    office = view.office
    air = strings.cn_date(episode.air_date)
    red = sum(len(b.listings) for b in story.boards if b.slug == "red")
    black = sum(len(b.listings) for b in story.boards if b.slug == "black")
    parts = [W["digest_boards"].format(red=red, black=black)] if story.boards else []
    parts += [W["digest_overdue"].format(n=len(story.overdue))] if story.overdue else []
    parts += _leading(story.rankings)
    parts += [W["digest_tip"].format(title=story.tips[0].tip.title)] if story.tips else []
    source = page_url(site_url, episode)
    article = Article(
        episode.id, "week.html", W["week_title"].format(date=air),
        office.short_name, _digest(parts), source, pictures.week_cover(air), pictures.week_thumb(), {},
        fix={"content": f"drop records from the week in {editorial_file} ('drop')"},
    )
    premiere = office.broadcast.premiere
    article.context = {
        "intro": W["week_intro"].format(date=air, weekday=premiere.weekday, time=premiere.time, channel=office.broadcast.channel),
        "story": story,
        "boards": _board_pictures(article, story.boards, W["picture_source"].format(name=strings.PROGRAMME, when=air)),
        "charts": _ranking_pictures(article, story.rankings),
        "overdue_on": story.on,
        "tip": story.tips[0] if story.tips else None,
        "scan": W["scan_week"],
        "qr": article.picture("qr", pictures.qr(source)),
    }
    return article


def issue_article(view: PublicView, content: IssueContent, site_url: str, editorial_file: Path) -> Article:
    """The bulletin's digest: its headline items, the lead article and the editor's note, the hotline.

    `view` is the public view on the date the issue speaks for (`Issue.on`).
    """
    issue = content.issue
    if content.empty:
        raise OutputError(f"{issue.id} has nothing to show: no public record dated {issue.period.start} to {content.on}")
    office = view.office
    editorial = content.editorial
    lead = editorial.lead if editorial else None
    note = editorial.note if editorial else None
    title = W["issue_title_lead"].format(n=issue.number, lead=lead.title) if lead else W["issue_title"].format(year=issue.year, n=issue.number)
    digest = note or _digest([W["digest_issue"].format(
        news=len(content.news), inspections=len(content.inspections), opened=len(content.cases_opened),
        closed=len(content.cases_closed), overdue=len(content.cases_overdue),
    )] + _leading([movers(t.ranking, t.movement) for t in content.rankings]))
    fix = {"content": f"shorten the lead article or the editor's note in {editorial_file}"}
    if lead:
        fix["title"] = f"shorten the lead article's title (lead: title) in {editorial_file}"
    if note:
        fix["digest"] = f"shorten the editor's note (note) in {editorial_file}"
    article = Article(
        issue.id, "issue.html", title, office.short_name, digest, page_url(site_url, issue),
        pictures.issue_cover(office.bulletin.title, issue.year, issue.number), pictures.issue_thumb(issue.number), {}, fix=fix,
    )
    ranked = [movers(t.ranking, t.movement) for t in content.rankings]
    found = boards(content.listings)
    article.context = {
        "intro": W["issue_intro"].format(
            issuer=office.bulletin.issuer, year=issue.year, n=issue.number,
            start=strings.cn_date(issue.period.start), end=strings.cn_date(content.on),
        ),
        "content": content,
        "lead": lead,
        "note": note,
        "found_boards": found,
        "ranked": ranked,
        "late": overdue(content.cases_overdue, content.on),
        "overdue_on": content.on,
        "findings": sum(len(i.findings) for i in content.inspections),
        "boards": _board_pictures(article, found, W["picture_source"].format(
            name=office.bulletin.title, when=W["cover_issue"].format(year=issue.year, n=issue.number))),
        "charts": _ranking_pictures(article, ranked),
        "scan": W["scan_issue"],
        "qr": article.picture("qr", pictures.qr(article.source_url)),
    }
    return article


def _unlinked(html: Markup) -> Markup:
    """Editors' Markdown without its links, text kept: the platform opens no address but its own."""
    attributes = {tag: names for tag, names in ATTRIBUTES.items() if tag != "a"}
    return Markup(nh3.clean(str(html), tags=TAGS - {"a"}, attributes=attributes))


def article(catalog: Catalog, chosen: Episode | Issue, as_of: dt.date, site_url: str, records: Path) -> tuple[Article, Office]:
    """The article of an episode (the week's) or a bulletin issue (its digest), as the public saw it on its date."""
    view = published(catalog, chosen.on(as_of))
    if isinstance(chosen, Episode):
        return week_article(view, chosen, site_url, records / "episodes" / f"{chosen.id}.yaml"), view.office
    return issue_article(view, compose(view, chosen), site_url, records / "bulletins" / f"{chosen.id}.yaml"), view.office


def render(article: Article, office: Office, templates: Path, site_url: str) -> tuple[str, str]:
    """The content fragment (every style inlined) and the whole `article.html` around it."""
    env = environment(templates)
    env.filters["wechat_markdown"] = lambda text: _unlinked(render_markdown(text))
    base = pictures_url(site_url, article.edition)
    url: Callable[[str], str] = lambda name: base + name  # noqa: E731
    fragment = env.get_template(article.template).render(
        w=W, article=article, office=office, url=url, shown=OVERDUE_SHOWN, **article.context,
    )
    content = css_inline.inline_fragment(fragment, (templates / STYLESHEET).read_text(encoding="utf-8"), load_remote_stylesheets=False)
    page = env.get_template("page.html").render(article=article, content=Markup(content))  # inlined by us: not escaped
    return content, page


def write(article: Article, office: Office, templates: Path, site_url: str, folder: Path) -> list[str]:
    """Render, check against the platform's limits, then write everything into `folder`; returns the pictures in order.

    Raises OutputError naming every limit broken, before anything is written.
    """
    content, page = render(article, office, templates, site_url)
    order = [src.rsplit("/", 1)[-1] for src in parse(content).images]
    assert order == list(article.pictures), (order, list(article.pictures))  # numbered in the order shown
    draft = Draft(article.title, article.author, article.digest, content, article.source_url, site_url.rstrip("/") + "/",
                  article.pictures, article.fix)
    problems = lint(draft)
    if problems:
        raise OutputError(f"{article.edition}: the WeChat article breaks the platform's limits: " + "; ".join(problems))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ARTICLE).write_text(page, encoding="utf-8")
    (folder / COVER).write_bytes(article.cover)
    (folder / THUMB).write_bytes(article.thumb)
    for name, data in article.pictures.items():
        (folder / name).write_bytes(data)
    base = pictures_url(site_url, article.edition)
    manifest = {
        "edition": article.edition,
        "title": article.title,
        "author": article.author,
        "digest": article.digest,
        "content_source_url": article.source_url,
        "article": ARTICLE,
        "content_characters": len(content),
        "content_bytes": len(content.encode("utf-8")),
        "cover": {"file": COVER, "size": list(pictures.COVER)},
        "thumb": {"file": THUMB, "size": list(pictures.THUMB)},
        "images": [{"file": name, "url": base + name, "bytes": len(data)} for name, data in article.pictures.items()],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return order

