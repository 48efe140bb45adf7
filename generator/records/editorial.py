"""Editorial files: what editors add to one bulletin issue or one TV episode.

They live at `records/bulletins/2017-23.yaml` and `records/episodes/2017-W23.yaml`
and are optional: without one, an issue or episode is still complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from generator.records.models import Model, Publishable, RecordId
from generator.records.refs import Loc
from generator.strings import CHECK

ISSUE_ID = re.compile(r"^(\d{4})-(0[1-9]|1\d|2[0-4])$")
"""A bulletin issue: the year and its number 01-24 (two a month)."""
EPISODE_ID = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")
"""A TV episode: the ISO year and week it airs in."""


def editorial_key(folder: str, name: str) -> str:
    """What the editorial file `folder/name.yaml` is known by (`episodes/2017-W50`): among the files read, in problems,
    and in what an edition notes it read."""
    return f"{folder}/{name}"


class Article(Model):
    title: str = Field(min_length=1, title="标题", examples=["扎实开展冬春火灾防控工作"])
    body: str = Field(min_length=1, title="正文", description="Markdown 格式")


class CorrectionNote(Model):
    """Why a record printed in an earlier issue was corrected: printed after the 更正 this issue carries for it."""

    record: RecordId
    reason: str = Field(min_length=1, title="更正原因", examples=["原稿责任单位名称有误"])


class BulletinEditorial(Publishable):
    """records/bulletins/<issue>.yaml: lead article, editor's note, next steps, distribution, reasons for corrections."""

    model_config = {"title": "通报编辑稿"}

    lead: Article | None = Field(default=None, title="头条文章")
    note: str | None = Field(default=None, title="编者按")
    next_steps: list[str] = Field(default_factory=list, title="下步工作")
    report_to: list[str] | None = Field(default=None, title="报送", description="不填则用 office.yaml 中的名单")
    send_to: list[str] | None = Field(default=None, title="发送", description="不填则用 office.yaml 中的名单")
    copies: int | None = Field(default=None, ge=1, title="印发份数")
    corrections: list[CorrectionNote] = Field(
        default_factory=list, title="更正说明", description="本期更正往期内容时，可为每条记录写明更正原因"
    )


Segment = Literal["news", "inspection", "listing", "ranking", "tip"]
SEGMENT_KINDS: dict[str, tuple[str, ...]] = {
    "news": ("news",),
    "inspection": ("inspection", "case"),
    "listing": ("listing",),
    "ranking": ("ranking",),
    "tip": ("tip",),
}
"""The record kinds each segment of the programme can show: a case is followed up in 现场督查."""
SEGMENT_OF = {kind: segment for segment, kinds in SEGMENT_KINDS.items() for kind in kinds}
"""The segment a record of each kind goes in when the editorial file does not say."""


class EpisodeItem(Model):
    """One item of the running order: a record, and optionally its segment, host line and length."""

    record: RecordId
    segment: Segment | None = Field(default=None, title="板块", description="不填则按记录种类归入板块")
    host: str | None = Field(default=None, title="主持人串词")
    duration: float | None = Field(default=None, ge=3, le=300, title="时长（秒）")


class EpisodeEditorial(Publishable):
    """records/episodes/<week>.yaml: host lines, and records dropped, added or put in order."""

    model_config = {"title": "节目编辑稿"}

    opening: str | None = Field(default=None, title="开场白")
    closing: str | None = Field(default=None, title="结束语")
    items: list[EpisodeItem] | None = Field(default=None, title="完整串联顺序", description="填写后替代默认串联单")
    drop: list[RecordId] = Field(default_factory=list, title="撤下的记录")
    add: list[EpisodeItem] = Field(default_factory=list, title="增加的记录", description="如跟踪报道的督办事项、往期安全知识")

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if self.items is not None and (self.drop or self.add):
            yield ("items",), CHECK["items_or_changes"]

    def entries(self) -> Iterator[tuple[Loc, EpisodeItem]]:
        """Every item the file puts on screen (the whole order, or the added records), with its location."""
        for index, item in enumerate(self.items or []):
            yield ("items", index), item
        for index, item in enumerate(self.add):
            yield ("add", index), item
