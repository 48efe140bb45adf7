"""The running order (串联单) of one episode, with every slide, lower-third and caption timed.

Default order: opening, the five segments (news, inspections with the
overdue supervised cases followed up again, red/black boards, rankings,
safety tips), closing with the tip-off hotline. An editorial file may drop,
add or order records and set host lines and lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import captions, strings
from generator.broadcast.slides import Page, Slide, paginate
from generator.captions import FPS, Cue
from generator.charts import ranking_bars
from generator.editions.calendar import Episode
from generator.editions.programme import SEGMENTS, Entry, episode_editorial, running_order
from generator.frames import RED, YELLOW
from generator.records.models import Case, Inspection, Listing, News, Ranking, Tip
from generator.records.public import PublicView
from generator.records.vocabulary import Board

TV = strings.TV
GRID = 5
"""Slides change on a 1/5 s grid (5 frames), so the preview can be piped at 5 stills a second."""
PAGE_FRAMES = 4 * FPS
"""The least time a slide stays up: long enough to read its heading."""


@dataclass
class Item:
    """One line of the rundown: what is shown, said and captioned."""

    segment: str
    title: str
    name: str
    """ASCII part of its file names: a record id, or opening / closing / segment name."""
    record_ids: list[str]
    slides: list[Slide]
    texts: list[str]
    lower_third: tuple[str, str] | None = None
    fixed: float | None = None
    pages: list[Page] = field(default_factory=list)
    """The slides as laid out on screens; filled by `lay_out`, as are the timings below."""
    start: int = 0
    frames: int = 0
    cues: list[Cue] = field(default_factory=list)
    page_frames: list[int] = field(default_factory=list)


@dataclass
class Rundown:
    episode: Episode
    items: list[Item]

    @property
    def frames(self) -> int:
        return sum(item.frames for item in self.items)

    @property
    def cues(self) -> list[Cue]:
        return [cue for item in self.items for cue in item.cues]

    @property
    def record_ids(self) -> list[str]:
        return list(dict.fromkeys(rid for item in self.items for rid in item.record_ids))


def plan(view: PublicView, episode: Episode, site_url: str) -> Rundown:
    """What `episode` shows and says, from the public view on the date it speaks for (`Episode.on`); not yet laid out or timed.

    Cheap, so a build plans every episode and renders only those whose plan
    changed; `lay_out` (measuring text on slides) runs where the pack is drawn.
    """
    plan = episode_editorial(view, episode)
    chosen = running_order(view, episode)
    office = view.office
    air = episode.air_date
    premiere = office.broadcast.premiere
    items = [
        Item("opening", strings.SEGMENT["opening"], "opening", [], [Slide(
            "title", body=(strings.cn_date(air) + f" {premiere.weekday} {premiere.time}", office.broadcast.channel),
        )], [plan.opening if plan and plan.opening else TV["opening_caption"]]),
    ]
    for segment, _ in SEGMENTS:
        entries = chosen[segment]
        if not entries:
            continue
        label = strings.SEGMENT[segment]
        items.append(Item(segment, label, segment, [], [Slide("segment", label=label, heading=label)],
                          [TV["segment_caption"].format(segment=label)]))
        if segment == "listing":
            items.extend(_boards(label, entries))
        else:
            items.extend(_item(label, segment, entry, view) for entry in entries)
    items.append(Item("closing", strings.SEGMENT["closing"], "closing", [], [Slide(
        "end", label=strings.SEGMENT["closing"], heading=TV["hotline_title"], big=office.hotline,
        body=(office.reward_note,), url=site_url.rstrip("/") + "/report/",
    )], [plan.closing if plan and plan.closing else TV["closing_caption"].format(hotline=office.hotline, note=office.reward_note)]))
    return Rundown(episode, items)


def lay_out(rundown: Rundown) -> Rundown:
    """Split every item's slides into screens and time items, screens and captions."""
    for item in rundown.items:
        item.pages = [page for slide in item.slides for page in paginate(slide)]
    _schedule(rundown.items)
    return rundown


def _item(label: str, segment: str, entry: Entry, view: PublicView) -> Item:
    record, host, duration = entry
    texts: list[str]
    lower: tuple[str, str] | None = None
    if isinstance(record, News):
        slides = [Slide("card", label=label, heading=record.title, facts=record.town or "", body=(record.summary,))]
        texts = [record.summary]
        lower = (record.town, record.title) if record.town else None
    elif isinstance(record, Inspection):
        findings = [TV["finding"].format(n=i, text=f.description, disposition=f.disposition) for i, f in enumerate(record.findings, 1)]
        facts = TV["facts_inspection"].format(town=record.town, mode=record.mode, scope=record.scope, team=record.team)
        slides = [Slide("card", label=label, heading=record.title, facts=facts, body=(record.summary, *findings))]
        texts = [record.summary] + [f"{f.description}，{f.disposition}。" for f in record.findings]
        first = record.findings[0] if record.findings else None
        lower = (record.town, TV["lower_inspection"].format(unit=first.unit or record.town, finding=first.description) if first else record.summary)
    elif isinstance(record, Case):
        days = (view.on - record.deadline).days
        overdue = TV["overdue"].format(deadline=strings.cn_date(record.deadline), days=days) if days > 0 else ""
        latest = [record.followups[-1].note] if record.followups else []
        body = tuple(t for t in (record.description, overdue, *latest) if t)
        slides = [Slide("card", label=label, heading=f"{TV['follow_up']}：{record.title}",
                        facts=TV["facts_case"].format(unit=record.unit, order_no=record.order_no), body=body)]
        texts = list(body)
        lower = (record.town, f"{record.unit}：{record.title}")
    elif isinstance(record, Ranking):
        ranks, moves = record.ranks(), view.movement(record)
        ordered = sorted(record.scores, key=lambda s: ranks[s.unit])
        rows = tuple((str(ranks[s.unit]), s.unit, f"{s.score:g}", _move(moves[s.unit])) for s in ordered)
        chart = ranking_bars(record, TV["score"])
        slides = [
            Slide("table", label=label, heading=record.title, facts=record.period, rows=rows),
            Slide("chart", label=label, heading=TV["chart"].format(series=record.series), chart=chart),
        ]
        leaders = "、".join(s.unit for s in ordered if ranks[s.unit] == 1)
        texts = [TV["ranking_caption"].format(title=record.title, leader=leaders)] + ([record.comment] if record.comment else [])
    else:
        assert isinstance(record, Tip)
        points = tuple(TV["tip_point"].format(n=i, text=p) for i, p in enumerate(record.points, 1))
        slides = [Slide("card", label=label, heading=record.title, facts=f"{record.topic} · {record.season}", body=points)]
        texts = list(record.points)
    if host:
        texts.insert(0, host)
    return Item(segment, record.headline, record.id, [record.id], slides, texts, lower, duration)


def _move(change: int | None) -> str:
    if change is None:
        return TV["new_entry"]
    if change == 0:
        return TV["same"]
    return f"↑{change}" if change > 0 else f"↓{-change}"


def _boards(label: str, entries: list[Entry]) -> list[Item]:
    items = []
    for board, accent in ((Board.RED, RED), (Board.BLACK, YELLOW)):
        listed = [record for record, _, _ in entries if isinstance(record, Listing) and record.board == board]
        if not listed:
            continue
        rows = tuple((entry.unit, entry.reason) for entry in listed)
        slides = [Slide("board", label=label, heading=board, facts=TV["board_new"], rows=rows, accent=accent)]
        texts = [TV["listing_caption"].format(board=board, unit=e.unit, reason=e.reason) for e in listed]
        name = board.name.lower()
        items.append(Item("listing", board, f"board-{name}", [e.id for e in listed], slides, texts))
    return items


def _schedule(items: list[Item]) -> None:
    """Time every item from frame 0: captions at reading pace, each slide at least PAGE_FRAMES."""
    at = 0
    for item in items:
        item.start = at
        item.cues, end = captions.schedule(item.texts, at)
        needed = max(end - at, len(item.pages) * PAGE_FRAMES, round((item.fixed or 0) * FPS))
        steps = -(-needed // GRID)  # whole grid steps, rounded up
        share, extra = divmod(steps, len(item.pages))
        item.page_frames = [(share + (1 if i < extra else 0)) * GRID for i in range(len(item.pages))]
        item.frames = steps * GRID
        at += item.frames
