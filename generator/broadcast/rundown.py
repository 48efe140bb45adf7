"""The running order (串联单) of one episode, with every slide, lower-third and caption timed.

Default order: opening, the five segments (news, inspections with the
overdue supervised cases followed up again — the oldest few one by one, the
rest on one list — red/black boards, rankings, safety tips), closing with the
tip-off hotline. An editorial file may drop,
add or order records and set host lines and lengths.

Every caption is said by the host at the office's speaking rate, so an item
lasts at least as long as its spoken text; a length the editor set that is
too short for it is kept as a warning (`overruns`) and the item runs longer.
Slides change between two captions, never under one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator import captions, strings
from generator.cache import Whole
from generator.broadcast.slides import Page, Slide, paginate
from generator.captions import FPS, GAP, Cue
from generator.charts import ranking_bars
from generator.editions.calendar import Episode
from generator.editions.programme import SEGMENTS, Entry, episode_editorial, returning, running_order
from generator.errors import OutputError
from generator.frames import RED, YELLOW
from generator.records.models import Case, Inspection, Listing, News, Ranking, Tip
from generator.records.public import PublicView
from generator.records.vocabulary import Board

TV = strings.TV
GRID = 5
"""Slides change on a 1/5 s grid (5 frames), so the preview can be piped at 5 stills a second."""
PAGE_FRAMES = 4 * FPS
"""The least time a slide stays up: long enough to read its heading."""
LOWER_IN, LOWER_HOLD = FPS, 6 * FPS
"""A lower-third comes up a second into its item and holds 6 s (and leaves a second before the item ends)."""


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
    spoken: int = 0
    """Frames the host takes to say the texts, pauses between subtitles included."""
    lower: tuple[int, int] | None = None
    """In and out frame of the lower-third, when the item has one."""
    listed: bool = False
    """Names many records on one list (the overdue cases not followed up one by one): no field footage over it."""

    @property
    def end(self) -> int:
        return self.start + self.frames

    @property
    def cuts(self) -> list[int]:
        """Frames where a slide of this item begins: the item's start, then each page change."""
        return [self.start + sum(self.page_frames[:i]) for i in range(len(self.page_frames))]

    @property
    def footage(self) -> bool:
        """A 现场督查 item: the station cuts its field footage in over it."""
        return self.segment == "inspection" and bool(self.record_ids) and not self.listed

    @property
    def slot(self) -> int | None:
        """The length the editor set, in frames, if any."""
        return round(self.fixed * FPS) if self.fixed else None

    @property
    def overrun(self) -> bool:
        """The spoken text needs longer than the length the editor set."""
        return self.slot is not None and self.spoken > self.slot


@dataclass
class Rundown(Whole):
    episode: Episode
    items: list[Item]
    rate: float
    """The host's speaking rate, characters a second (office.yaml)."""

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
    listed = returning(view, episode).listed
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
        more = [_overdue_list(strings.SEGMENT[segment], listed)] if segment == "inspection" and listed else []
        if not entries and not more:
            continue
        label = strings.SEGMENT[segment]
        items.append(Item(segment, label, segment, [], [Slide("segment", label=label, heading=label)],
                          [TV["segment_caption"].format(segment=label)]))
        if segment == "listing":
            items.extend(_boards(label, entries))
        else:
            items.extend(_item(label, segment, entry, view) for entry in entries)
        items.extend(more)
    items.append(Item("closing", strings.SEGMENT["closing"], "closing", [], [Slide(
        "end", label=strings.SEGMENT["closing"], heading=TV["hotline_title"], big=office.hotline,
        body=(office.reward_note,), url=site_url.rstrip("/") + "/report/",
    )], [plan.closing if plan and plan.closing else TV["closing_caption"].format(hotline=office.hotline, note=office.reward_note)]))
    return Rundown(episode, items, office.broadcast.speaking_rate)


def lay_out(rundown: Rundown) -> Rundown:
    """Split every item's slides into screens and time items, screens and captions."""
    for item in rundown.items:
        item.pages = [page for slide in item.slides for page in paginate(slide)]
    _schedule(rundown.items, rundown.rate)
    return rundown


def overruns(rundown: Rundown) -> list[str]:
    """A line for the producer about every item whose spoken text does not fit the length set for it."""
    return [
        f"{rundown.episode.id} item {number} ({strings.SEGMENT[item.segment]} · {item.title}): the host needs "
        f"{item.spoken / FPS:.1f} s to say it at {rundown.rate:g} characters/s, the slot set is {item.fixed:g} s; "
        f"it runs {item.frames / FPS:.1f} s"
        for number, item in enumerate(rundown.items, 1)
        if item.overrun and item.fixed
    ]


def check(rundown: Rundown) -> None:
    """Refuse a laid-out rundown whose timings do not add up, with the item to fix.

    What the pack's files promise the station — one running order, slides
    back to back from frame 0, captions inside their item and never across a
    slide change — is checked here once, before anything is written.
    """
    at = 0
    for number, item in enumerate(rundown.items, 1):
        name = f"{rundown.episode.id} item {number} ({item.title})"
        if not item.pages:
            raise OutputError(f"{name}: has no slide to show")
        if item.start != at:
            raise OutputError(f"{name}: starts at frame {item.start}, but the item before it ends at frame {at}")
        if len(item.page_frames) != len(item.pages) or sum(item.page_frames) != item.frames or min(item.page_frames) <= 0:
            raise OutputError(f"{name}: its slides last {sum(item.page_frames)} frames in all, the item {item.frames}")
        for cue in item.cues:
            if not item.start <= cue.start < cue.end <= item.end:
                raise OutputError(f"{name}: caption '{cue.text}' runs outside the item (frames {cue.start}-{cue.end})")
            if any(cue.start < cut < cue.end for cut in item.cuts):
                raise OutputError(f"{name}: caption '{cue.text}' crosses a slide change")
        if item.lower is not None and not item.start <= item.lower[0] < item.lower[1] <= item.end:
            raise OutputError(f"{name}: its lower-third runs outside the item")
        at = item.end


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
        deadline = strings.cn_date(record.deadline)
        shown = strings.RETURNING["deadline"].format(deadline=deadline) if days > 0 else ""
        said = TV["overdue"].format(deadline=deadline, days=days) if days > 0 else ""
        latest = [record.followups[-1].note] if record.followups else []
        body = tuple(t for t in (record.description, shown, *latest) if t)
        # the days overdue are said, not shown: the slide stays the same week after week, drawn once
        slides = [Slide("card", label=label, heading=f"{TV['follow_up']}：{record.title}",
                        facts=TV["facts_case"].format(unit=record.unit, order_no=record.order_no), body=body)]
        texts = [t for t in (record.description, said, *latest) if t]
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


def _overdue_list(label: str, cases: list[Case]) -> Item:
    """One item naming every overdue case not followed up on its own, oldest overdue first, on one (paged) list."""
    words = strings.RETURNING
    rows = tuple(
        (case.unit, words["list_row"].format(order_no=case.order_no, title=case.title, deadline=strings.cn_date(case.deadline)))
        for case in cases
    )
    slides = [Slide("board", label=label, heading=words["list_title"], facts=words["list_facts"].format(n=len(cases)), rows=rows, accent=YELLOW)]
    texts = [words["list_caption"].format(n=len(cases))]
    return Item("inspection", words["list_title"], "overdue-list", [case.id for case in cases], slides, texts, listed=True)


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


def _schedule(items: list[Item], rate: float) -> None:
    """Time every item from frame 0: captions as the host says them, each slide at least PAGE_FRAMES, on the grid."""
    at = 0
    for item in items:
        item.start = at
        cues, end = captions.schedule(item.texts, at, rate)
        item.spoken = end - at
        length = max(item.spoken, len(item.pages) * PAGE_FRAMES, item.slot or 0)
        cuts, item.cues = _page_cuts(at, length, len(item.pages), cues)
        last = item.cues[-1].end + GAP if item.cues else at
        stop = _grid(max(at + length, last, cuts[-1] + PAGE_FRAMES))
        edges = [*cuts, stop]
        item.page_frames = [b - a for a, b in zip(edges, edges[1:])]
        item.frames = stop - at
        if item.lower_third:
            begin = at + LOWER_IN
            item.lower = (begin, max(begin + GRID, min(begin + LOWER_HOLD, stop - LOWER_IN)))
        at = stop


def _grid(frame: int) -> int:
    """`frame` rounded up to the 1/5 s grid slides change on."""
    return -(-frame // GRID) * GRID


def _page_cuts(start: int, length: int, pages: int, cues: list[Cue]) -> tuple[list[int], list[Cue]]:
    """Where each page of an item begins, and its cues moved where a page change needs room.

    Pages share the item evenly, each at least PAGE_FRAMES, on the grid. A
    change that would fall under a caption waits for its end (on the grid),
    and the captions after it wait for the change: a subtitle never runs
    across a cut, as broadcast practice wants.
    """
    cuts = [start]
    for k in range(1, pages):
        cut = _grid(max(start + k * length // pages, cuts[-1] + PAGE_FRAMES))
        under = next((cue for cue in cues if cue.start < cut < cue.end), None)
        if under is not None:
            cut = _grid(under.end)
            later = [cue for cue in cues if cue.start >= under.end]
            shift = max(0, cut - later[0].start) if later else 0
            cues = [replace(cue, start=cue.start + shift, end=cue.end + shift) if cue.start >= under.end else cue for cue in cues]
        cuts.append(cut)
    return cuts, cues
