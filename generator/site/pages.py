"""Every page of the public site, as data: where it lives, its title, template and context.

Nothing here renders; `render.py` turns a Page into Markdown for mkdocs. Every
record comes from the public view on the build date (bulletin issues from the
views on their own dates, composed by the caller), so no page can show a
record the public may not see.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, get_args

from generator import strings
from generator.cards import Card
from generator.charts import ranking_lines, year_charts
from generator.editions.bulletin import IssueContent
from generator.editions.calendar import Episode, Issue
from generator.editions.corrections import Issued
from generator.editions.programme import segments, supervised_overdue
from generator.records.addresses import PAGELESS, record_url
from generator.records.models import (
    KINDS,
    Case,
    CaseDisposition,
    Inspection,
    Listing,
    News,
    Ranking,
    Record,
    Tip,
)
from generator.records.public import PublicView
from generator.records.vocabulary import AccountabilityType, Board, CaseStatus, Disposition, UnitKind
from generator.records.refs import referred
from generator.site import sharing
from generator.site.episodes import EpisodePage
from generator.stats import Monthly, figures, years

SECTIONS: tuple[tuple[str, type[Record]], ...] = (("news", News), ("inspection", Inspection), ("tip", Tip))
"""Sections listed by month, newest first; cases, listings and rankings have boards of their own."""


@dataclass
class Page:
    """One page: `url` relative to the site root ('' for home, 'case/' or 'case/<id>/')."""

    url: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    listed: bool = False
    hide: tuple[str, ...] = ("navigation", "toc")
    search: str | None = ""
    """What the search index holds of the page besides its title, instead of its whole text; None: the whole text.

    Records are found by the words of their own pages' titles and gists;
    indexing lists, boards and fact tables whole would repeat every record
    many times over. Bulletin issues and episodes, written for reading, are
    indexed whole.
    """
    description: str = ""
    """What a search engine or a shared link shows under the title; empty: the site's description."""
    card: Card | None = None
    """The page's own sharing card, drawn to `card_path(url)`; None: the site's card."""

    @property
    def src(self) -> str:
        """The Markdown source path mkdocs knows the page by."""
        return self.url + "index.md" if self.url.endswith("/") or not self.url else self.url.rstrip("/") + ".md"


def record_pages(view: PublicView) -> set[str]:
    """URLs of the records that have a page of their own."""
    return {record_url(record) for record in view.records.values() if record.kind not in PAGELESS}


def slug_of(text: str) -> str:
    """A short stable ASCII name for a Chinese label (URLs must stay ASCII)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def chart_paths(stem: str) -> dict[str, str]:
    """Where a chart's two drawings live, relative to the site root: wide screens and print, and phones."""
    return {"wide": f"{stem}.svg", "narrow": f"{stem}-phone.svg"}


class Made:
    """Pages from one site of a session to the next (the editors' preview): a record's, unit's or bulletin issue's page
    whose inputs are the very objects they were is taken over, not made again.

    The views hand a build the same public copy of every record a change
    left alone (`Views(earlier=...)`), and the composed store the same issue
    (`Composed`), so a page's inputs are the same objects or the page may
    differ. A page taken over is the same object, so what is made of it once
    per object (its key, `store.Keys`) is not made again either: at ten
    years a save otherwise made eight thousand pages and their keys anew for
    the few it changed. Holds the pages of the last site only.
    """

    def __init__(self) -> None:
        self.frame: tuple[object, ...] = ()
        """What every page shows besides its inputs: the date and the office (on its card)."""
        self.earlier: dict[str, tuple[tuple[object, ...], tuple[object, ...], Page]] = {}
        self.now: dict[str, tuple[tuple[object, ...], tuple[object, ...], Page]] = {}

    def begin(self, frame: tuple[object, ...]) -> None:
        """A new site: the pages of the last one are those it may take over (none when the frame changed)."""
        self.earlier = self.now if frame == self.frame else {}
        self.now, self.frame = {}, frame

    def take(self, url: str, inputs: tuple[object, ...], values: tuple[object, ...], make: Callable[[], Page]) -> Page:
        """The last site's page at `url` if its `inputs` are the very same objects and its `values` equal, else `make()`;
        kept for the next site either way."""
        found = self.earlier.get(url)
        if found is None or len(found[0]) != len(inputs) or found[1] != values or not all(map(operator.is_, found[0], inputs)):
            found = (inputs, values, make())
        self.now[url] = found
        return found[2]


class Site:
    """The pages of the site from the public view on its date, with the bulletin issues and TV packs made for it."""

    def __init__(
        self, view: PublicView, per_month: Monthly, issues: list[IssueContent], episodes: list[EpisodePage] | None = None,
        corrected: list[Issued] | None = None, made: Made | None = None,
    ) -> None:
        self.view = view
        self.as_of = view.on
        self.made = made
        """Where pages are taken over from the last site and kept for the next; None: every page is made."""
        if made is not None:
            made.begin((self.as_of, view.office))
        self.per_month = per_month
        self.issues = issues
        self.episodes = episodes or []
        mentions: dict[str, dict[str, Record]] = defaultdict(dict)
        for record in view.records.values():
            for value in referred(record):
                mentions[value][record.id] = record
        self.mentions = {value: list(records.values()) for value, records in mentions.items()}
        """Records that name a unit (by unit name) or refer to a record (by id), once each."""
        self.corrections = corrected or []
        self.correction_notes: dict[str, list[tuple[str, str]]] = defaultdict(list)
        """Per record: (note, issue id) of each issued correction, "本条于…更正，见第M期"."""
        for correction in self.corrections:
            issue = Issue.parse(correction.carried_by)
            note = strings.ISSUED["corrected_note"].format(date=strings.cn_date(correction.date), year=issue.year, n=issue.number)
            if (note, issue.id) not in self.correction_notes[correction.correction.record]:
                self.correction_notes[correction.correction.record].append((note, issue.id))

    def pages(self) -> Iterator[Page]:
        yield from self.lists()
        yield self.unit_index()
        yield from self.unit_pages()
        yield self.statistics()
        yield from self.bulletins()
        yield from self.episode_pages()
        yield self.data_page()
        for record in self.view.records.values():
            if record.kind not in PAGELESS:
                yield self.record_page(record)

    def lists(self) -> Iterator[Page]:
        """The listed pages that show records by title: what an edit to any record may change."""
        yield self.home()
        for kind, model in SECTIONS:
            yield self.section(kind, model)
        yield self.case_board()
        yield self.boards()
        yield self.rankings()

    # --- home and sections -------------------------------------------------

    def home(self) -> Page:
        episode = Episode.airing_in_week_of(self.as_of)
        office = self.view.office
        week = segments(self.view, episode.period)
        supervised = [c for c in self.view.of(Case) if c.disposition is Disposition.SUPERVISED and c.status(self.as_of) != CaseStatus.CLOSED]
        year = figures(self.view, dt.date(self.as_of.year, 1, 1), self.as_of)
        return Page(
            "",
            strings.PROGRAMME,
            "home.html",
            {
                "episode": episode,
                "premiere": office.broadcast.premiere,
                "reruns": office.broadcast.reruns,
                "channel": office.broadcast.channel,
                "week": week,
                "returning": supervised_overdue(self.view),
                "supervised": sorted(supervised, key=lambda c: c.deadline),
                "year": self.as_of.year,
                "figures": year,
                "hotline": office.hotline,
                "reward_note": office.reward_note,
            },
            listed=True,
            card=sharing.site_card(self.view),
        )

    def section(self, kind: str, model: type[Record]) -> Page:
        records = sorted(self.view.of(model), key=lambda r: (r.date, r.id), reverse=True)
        months_ = [(month, list(group)) for month, group in groupby(records, key=lambda r: strings.cn_month(r.date))]
        return Page(f"{kind}/", strings.KIND[kind], f"{kind}-index.html", {"months": months_, "towns": self._towns(records)}, listed=True)

    def case_board(self) -> Page:
        groups: dict[CaseStatus, list[Case]] = {status: [] for status in (CaseStatus.OVERDUE, CaseStatus.OPEN, CaseStatus.CLOSED)}
        for case in self.view.of(Case):
            groups[case.status(self.as_of)].append(case)
        groups[CaseStatus.OVERDUE].sort(key=lambda c: c.deadline)
        groups[CaseStatus.OPEN].sort(key=lambda c: c.deadline)
        groups[CaseStatus.CLOSED].sort(key=lambda c: c.closed or c.date, reverse=True)
        card = sharing.case_board_card(self.view, {status: len(cases) for status, cases in groups.items()}, self.as_of)
        context = {"groups": groups, "towns": self._towns(self.view.of(Case)), "types": get_args(CaseDisposition)}
        return Page("case/", strings.KIND["case"], "case-index.html", context, listed=True, card=card)

    def boards(self) -> Page:
        entries = sorted(self.view.of(Listing), key=lambda r: (r.date, r.id), reverse=True)
        red, black = [e for e in entries if e.board is Board.RED], [e for e in entries if e.board is Board.BLACK]
        card = sharing.listing_board_card(self.view, len(red), len(black), self.as_of)
        return Page("listing/", strings.KIND["listing"], "listing-index.html", {"red": red, "black": black}, listed=True, card=card)

    def rankings(self) -> Page:
        series = []
        for name, group in groupby(sorted(self.view.of(Ranking), key=lambda r: (r.series, r.date)), key=lambda r: r.series):
            items = list(group)
            slug = slug_of(name)
            chart = ranking_lines(items, strings.SITE["score"])
            series.append({"name": name, "slug": slug, "rankings": items[::-1], "chart": chart, "paths": chart_paths(f"ranking/chart-{slug}")})
        latest = max(self.view.of(Ranking), key=lambda r: (r.date, r.id), default=None)
        card = sharing.ranking_board_card(self.view, len(series), latest)
        return Page("ranking/", strings.KIND["ranking"], "ranking-index.html", {"series": series}, listed=True, card=card)

    # --- units and statistics ---------------------------------------------

    def unit_index(self) -> Page:
        groups = [(kind, [u for k, u in self._units() if k == kind]) for kind in UnitKind]
        return Page("unit/", strings.SITE["unit_index"], "unit-index.html", {"groups": [(k, us) for k, us in groups if us]}, listed=True)

    def unit_pages(self) -> Iterator[Page]:
        for kind, unit in self._units():
            mentioned = self.mentions.get(unit.name, [])
            yield self._taken(f"unit/{unit.slug}/", (unit, *mentioned), (kind,), functools.partial(self._unit_page, kind, unit, mentioned))

    def _unit_page(self, kind: str, unit: Any, mentioned: list[Record]) -> Page:
        named = sorted(mentioned, key=lambda r: (r.date, r.id), reverse=True)
        by_kind = {k: [r for r in named if r.kind == k] for k in strings.KIND}
        return Page(f"unit/{unit.slug}/", unit.name, "unit.html", {"unit": unit, "unit_kind": kind, "by_kind": by_kind}, search=kind)

    def statistics(self) -> Page:
        per_year = [(year, figures(self.view, dt.date(year, 1, 1), dt.date(year, 12, 31))) for year in years(self.view)]
        return Page(
            "stats/",
            strings.SITE["stats"],
            "stats.html",
            {
                "per_year": per_year, "per_month": self.per_month, "types": list(AccountabilityType),
                "charts": {year: (chart, chart_paths(f"stats/chart-{year}")) for year, chart in year_charts(self.per_month).items()},
            },
            listed=True,
        )

    def bulletins(self) -> Iterator[Page]:
        """The archive of 《安全生产通报》 and a page per issue (what its QR code opens)."""
        issues = self.issues[::-1]
        yield Page("bulletin/", strings.BULLETIN, "bulletin-index.html", {"issues": issues}, listed=True)
        for content in issues:
            yield self._taken(content.issue.page, (content,), (), functools.partial(self._issue_page, content))

    def _issue_page(self, content: IssueContent) -> Page:
        title = strings.PRINT["year_number"].format(year=content.issue.year, n=content.issue.number)
        return Page(
            content.issue.page, f"{strings.BULLETIN} {title}", "bulletin.html", {"content": content}, search=None,
            description=sharing.issue_description(content), card=sharing.issue_card(self.view, content),
        )

    def episode_pages(self) -> Iterator[Page]:
        """The programme archive: a page per episode with its rundown, slides, captions and pack.

        Packs come from `safety365 build`; a plain `mkdocs build` has none and
        shows the archive empty. The newest episode's page is also at
        episode/latest/, beside a copy of its zip and manifest, so the station
        fetches each week by the same addresses.
        """
        office = self.view.office.broadcast
        newest = sorted(self.episodes, key=lambda e: e.air_date, reverse=True)
        station = strings.STATION
        yield Page("episode/", strings.SITE["episodes"], "episode-index.html", {"episodes": newest, "station": station}, listed=True)
        for episode in newest:
            title = strings.SITE["episode_title"].format(date=strings.cn_date(episode.air_date))
            context = {"episode": episode, "broadcast": office, "station": station, "latest": False}
            yield Page(f"episode/{episode.id}/", title, "episode.html", context, search=None)
        if newest:
            title = f"{station['latest']}：" + strings.SITE["episode_title"].format(date=strings.cn_date(newest[0].air_date))
            context = {"episode": newest[0], "broadcast": office, "station": station, "latest": True}
            yield Page("episode/latest/", title, "episode.html", context, search=None)

    def data_page(self) -> Page:
        counts = {kind: len(self.view.of(model)) for kind, model in KINDS.items()}
        corrected = sum(1 for c in self.corrections if self.view.get(c.correction.record) is not None)
        return Page("data/", strings.SITE["data"], "data.html", {"counts": counts, "corrected": corrected}, listed=True)

    # --- records ------------------------------------------------------------

    def record_page(self, record: Record) -> Page:
        mentioned_by, notes = self.mentions.get(record.id, []), self.correction_notes.get(record.id, [])
        previous = self.view.previous(record) if isinstance(record, Ranking) else None
        make = functools.partial(self._record_page, record, mentioned_by, notes, previous)
        return self._taken(record_url(record), (record, previous, *mentioned_by), tuple(notes), make)

    def _record_page(self, record: Record, mentioned_by: list[Record], notes: list[tuple[str, str]], previous: Ranking | None) -> Page:
        context: dict[str, Any] = {"record": record, "mentioned_by": mentioned_by, "corrected": notes}
        if isinstance(record, Case):
            context["status"] = record.status(self.as_of)
        if isinstance(record, Ranking):
            context["ranks"] = record.ranks()
            context["movement"] = self.view.movement(record)
            context["previous"] = previous
            context["series_slug"] = slug_of(record.series)
        return Page(
            record_url(record), record.headline, f"{record.kind}.html", context, search=record.gist,
            description=sharing.record_description(record, self.as_of), card=sharing.record_card(self.view, record, self.as_of),
        )

    # --- helpers --------------------------------------------------------------

    def _taken(self, url: str, inputs: tuple[object, ...], values: tuple[object, ...], make: Callable[[], Page]) -> Page:
        """The page at `url`: taken over from the last site while its inputs are the same (`Made.take`), else made."""
        return make() if self.made is None else self.made.take(url, inputs, values, make)

    def _units(self) -> Iterator[tuple[str, Any]]:
        for _, kind, unit in self.view.units.entries():
            yield kind, unit

    @staticmethod
    def _towns(records: list[Any]) -> list[str]:
        return sorted({r.town for r in records if getattr(r, "town", None)})
