"""What a shared link to a page shows: a one-paragraph description and a sharing card.

Chat apps and social sites read a page's Open Graph and Twitter meta (drawn
from these by `theme/partials/s365-share.html`) and show the card beside the
title. Records, boards and bulletin issues get a card of their own; every
other page shows the site's card (the home page's).
"""

from __future__ import annotations

import datetime as dt

from generator import strings
from generator.cards import Card, Tone
from generator.editions.bulletin import IssueContent
from generator.records.models import Case, Inspection, Listing, News, Ranking, Record, Tip
from generator.records.public import PublicView
from generator.records.vocabulary import Board, CaseStatus

DESCRIPTION = 120
"""Characters of a description: about what a chat app shows under a link's title."""
SITE_CARD = "card.png"
"""The site's own card, at the site root: the home page's, shown for pages without one."""

S = strings.SHARE


def card_path(url: str) -> str:
    """Where the card of the page at `url` lives, relative to the site root."""
    return url + SITE_CARD


def shorten(text: str, limit: int = DESCRIPTION) -> str:
    """`text` on one line, cut with an ellipsis past `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _card(view: PublicView, label: str, title: str, details: tuple[str, ...], tone: Tone = "red") -> Card:
    return Card(label, title, details, tone, strings.PROGRAMME, view.office.name)


def site_card(view: PublicView) -> Card:
    return _card(view, strings.PROGRAMME, f"《{strings.PROGRAMME}》{S['tagline']}", (view.office.name, S["hotline"].format(hotline=view.office.hotline)))


def countdown(case: Case, as_of: dt.date) -> str:
    days = (case.deadline - as_of).days
    if days > 0:
        return strings.SITE["days_left"].format(n=days)
    return strings.SITE["due_today"] if days == 0 else strings.SITE["days_overdue"].format(n=-days)


def case_state(case: Case, as_of: dt.date) -> tuple[str, Tone]:
    """A case's state in a line, and the card's tone: red overdue, amber open, green closed."""
    status = case.status(as_of)
    if status == CaseStatus.CLOSED:
        return S["case_closed"].format(date=strings.cn_date(case.closed or case.date)), "green"
    line = S["case_overdue" if status == CaseStatus.OVERDUE else "case_open"]
    return line.format(date=strings.cn_date(case.deadline), countdown=countdown(case, as_of)), "red" if status == CaseStatus.OVERDUE else "amber"


def record_card(view: PublicView, record: Record, as_of: dt.date) -> Card:
    """The card of a record's page: its kind, headline and the two facts that matter most."""
    if isinstance(record, Case):
        state, tone = case_state(record, as_of)
        label = S["case_label"].format(disposition=record.disposition)
        return _card(view, label, record.title, (S["unit_town"].format(unit=record.unit, town=record.town), state), tone)
    if isinstance(record, Inspection):
        line = S["inspection_line"].format(date=strings.cn_date(record.date), town=record.town, team=record.team)
        return _card(view, S["inspection_label"].format(mode=record.mode), record.title, (line, S["findings"].format(n=len(record.findings))))
    if isinstance(record, Listing):
        line = S["listing_line"].format(town=record.town, industry=record.industry, date=strings.cn_date(record.publicity_end))
        return _card(view, record.board, record.unit, (line, record.reason), "red" if record.board is Board.RED else "black")
    if isinstance(record, Ranking):
        leaders = "、".join(unit for unit, rank in record.ranks().items() if rank == 1)
        return _card(view, strings.KIND["ranking"], record.title, (S["ranking_leader"].format(period=record.period, units=leaders),))
    if isinstance(record, Tip):
        return _card(view, strings.KIND["tip"], record.title, (S["tip_line"].format(topic=record.topic, season=record.season),))
    if isinstance(record, News):
        return _card(view, strings.KIND["news"], record.title, (strings.cn_date(record.date), record.summary))
    return _card(view, strings.KIND[record.kind], record.headline, (strings.cn_date(record.date),))


def record_description(record: Record, as_of: dt.date) -> str:
    """A record in a sentence or two, for the page's description meta."""
    if isinstance(record, Case):
        state, _ = case_state(record, as_of)
        text = S["case_description"].format(
            unit=record.unit, town=record.town, description=record.description, disposition=record.disposition, state=state
        )
    elif isinstance(record, Listing):
        text = f"{record.board}：{record.unit}（{record.town}，{record.industry}）。{record.reason}"
    elif isinstance(record, Ranking):
        leaders = "、".join(unit for unit, rank in record.ranks().items() if rank == 1)
        text = f"{record.title}。{S['ranking_leader'].format(period=record.period, units=leaders)}。{record.comment or ''}"
    elif isinstance(record, Tip):
        text = f"{record.title}：{'；'.join(record.points)}"
    elif isinstance(record, (News, Inspection)):
        text = record.summary
    else:
        text = record.gist or record.headline
    return shorten(text)


def case_board_card(view: PublicView, counts: dict[CaseStatus, int], as_of: dt.date) -> Card:
    line = S["case_board_line"].format(
        overdue=counts[CaseStatus.OVERDUE], open=counts[CaseStatus.OPEN], closed=counts[CaseStatus.CLOSED]
    )
    return _card(view, strings.KIND["case"], S["case_board"], (line, S["as_of"].format(date=strings.cn_date(as_of))))


def listing_board_card(view: PublicView, red: int, black: int, as_of: dt.date) -> Card:
    line = S["listing_board_line"].format(red=red, black=black)
    return _card(view, strings.KIND["listing"], S["listing_board"], (line, S["as_of"].format(date=strings.cn_date(as_of))), "black")


def ranking_board_card(view: PublicView, series: int, latest: Ranking | None) -> Card:
    details = (S["ranking_board_line"].format(n=series, title=latest.title),) if latest else ()
    return _card(view, strings.KIND["ranking"], S["ranking_board"], details)


def issue_card(view: PublicView, content: IssueContent) -> Card:
    title = S["issue_title"].format(year=content.issue.year, n=content.issue.number)
    period = S["issue_period"].format(start=strings.cn_date(content.period.start), end=strings.cn_date(content.period.end))
    return _card(view, f"《{strings.BULLETIN}》", title, (period, view.office.bulletin.issuer))


def issue_description(content: IssueContent) -> str:
    title = S["issue_title"].format(year=content.issue.year, n=content.issue.number)
    headlines = [r.headline for r in (*content.news, *content.inspections, *content.cases_opened)]
    return shorten(f"《{strings.BULLETIN}》{title}：" + "；".join(headlines))
