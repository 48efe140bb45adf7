"""Editorial files: what editors add to one bulletin issue or one TV episode.

They live at `records/bulletins/2017-23.yaml` and `records/episodes/2017-W23.yaml`
and are optional: without one, an issue or episode is still complete.
"""

from __future__ import annotations

import re

from pydantic import Field

from generator.records.models import Model

ISSUE_ID = re.compile(r"^(\d{4})-(0[1-9]|1\d|2[0-4])$")
"""A bulletin issue: the year and its number 01-24 (two a month)."""
EPISODE_ID = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")
"""A TV episode: the ISO year and week it airs in."""


class Article(Model):
    title: str = Field(min_length=1, title="标题", examples=["扎实开展冬春火灾防控工作"])
    body: str = Field(min_length=1, title="正文", description="Markdown 格式")


class BulletinEditorial(Model):
    """records/bulletins/<issue>.yaml: lead article, editor's note, next steps, distribution."""

    model_config = {"title": "通报编辑稿"}

    lead: Article | None = Field(default=None, title="头条文章")
    note: str | None = Field(default=None, title="编者按")
    next_steps: list[str] = Field(default_factory=list, title="下步工作")
    report_to: list[str] | None = Field(default=None, title="报送", description="不填则用 office.yaml 中的名单")
    send_to: list[str] | None = Field(default=None, title="发送", description="不填则用 office.yaml 中的名单")
    copies: int | None = Field(default=None, ge=1, title="印发份数")
