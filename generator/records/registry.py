"""The registries: who may be named (units.yaml) and who the office is (office.yaml).

Records refer to units by their Chinese name; the registry is the only list of
names a record may use, and gives each unit the ASCII slug its page lives at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from generator.records.hints import did_you_mean
from generator.records.models import WORD, Model
from generator.records.refs import Loc
from generator.records.vocabulary import RecipientGroup, UnitKind
from generator.strings import CHECK

Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", title="网址名", description="小写字母、数字和连字符")


class Unit(Model):
    name: str = Field(min_length=1, title="名称")
    slug: str = Slug
    town: str | None = Field(default=None, title="所在镇街", description="企业填写")
    industry: str | None = Field(default=None, title="行业", description="企业填写")
    committee: str | None = Field(
        default=None, title="专业委员会", description="企业和成员单位填写：归口的专业委员会，督办文书抄送该委员会"
    )


class Units(Model):
    """units.yaml: every town, committee, member unit and enterprise that records may name."""

    model_config = {"title": "单位名录"}

    towns: list[Unit] = Field(min_length=1, title="镇街")
    committees: list[Unit] = Field(default_factory=list, title="专业委员会")
    members: list[Unit] = Field(default_factory=list, title="安委会成员单位")
    enterprises: list[Unit] = Field(default_factory=list, title="企业")

    GROUPS: ClassVar[dict[str, UnitKind]] = {
        "towns": UnitKind.TOWN, "committees": UnitKind.COMMITTEE, "members": UnitKind.MEMBER, "enterprises": UnitKind.ENTERPRISE,
    }

    def entries(self) -> Iterator[tuple[Loc, UnitKind, Unit]]:
        """Every unit with its location in the file and its kind."""
        for group, kind in self.GROUPS.items():
            for index, unit in enumerate(getattr(self, group)):
                yield (group, index), kind, unit

    @cached_property
    def index(self) -> dict[str, tuple[UnitKind, Unit]]:
        """Each registered unit and its kind, by name."""
        return {unit.name: (kind, unit) for _, kind, unit in self.entries()}

    def unknown(self, target: str, name: str) -> str | None:
        """Why `name` is not a registered town or unit, with the nearest names; None if it is."""
        found = self.index.get(name)
        if target == "town" and (found is None or found[0] is not UnitKind.TOWN):
            towns = [unit.name for unit in self.towns]
            return CHECK["not_town"].format(name=name, hint=did_you_mean(name, towns))
        if found is None:
            return CHECK["not_unit"].format(name=name, hint=did_you_mean(name, self.index))
        return None

    def problems(self) -> Iterator[tuple[Loc, str]]:
        names: set[str] = set()
        slugs: set[str] = set()
        towns = {unit.name for unit in self.towns}
        committees = [unit.name for unit in self.committees]
        for loc, kind, unit in self.entries():
            if unit.name in names:
                yield (*loc, "name"), CHECK["unit_twice"].format(name=unit.name)
            if unit.slug in slugs:
                yield (*loc, "slug"), CHECK["slug_taken"].format(slug=unit.slug)
            names.add(unit.name)
            slugs.add(unit.slug)
            if kind is UnitKind.ENTERPRISE and unit.town not in towns:
                yield (*loc, "town"), CHECK["enterprise_town"]
            if unit.committee is not None and unit.committee not in committees:
                yield (*loc, "committee"), CHECK["not_committee"].format(name=unit.committee, hint=did_you_mean(unit.committee, committees))


class Slot(Model):
    weekday: Literal["周一", "周二", "周三", "周四", "周五", "周六", "周日"] = Field(title="星期")
    time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", title="时间", examples=["19:45"])


class Broadcast(Model):
    channel: str = Field(min_length=1, title="频道")
    premiere: Slot = Field(title="首播")
    reruns: list[Slot] = Field(default_factory=list, title="重播")
    speaking_rate: float = Field(
        default=4, ge=3, le=9, title="语速（字/秒）",
        description="主持人每秒播读的汉字数，新闻播音约为4；口播时长、字幕时长和提词稿计时都按此计算",
    )
    """Mandarin news is read at about 4 characters a second; at 3 a subtitle line of 16 still fits its 7 s."""
    overdue_items: int = Field(
        default=8, ge=0, le=50, title="逾期督办事项单独播出条数",
        description="每期节目逐条跟踪的逾期未整改挂牌督办事项最多几条（逾期最久的优先），其余在一张逾期未整改名单中列出",
    )
    """Overdue supervised cases come back every week until closed: without a cap, a bad year fills the programme with them."""


class Distribution(Model):
    title: str = Field(default="安全生产通报", title="刊名")
    issuer: str = Field(min_length=1, title="编印单位")
    copies: int = Field(ge=1, title="印发份数")
    report_to: list[str] = Field(min_length=1, title="报送")
    send_to: list[str] = Field(min_length=1, title="发送")


class Recipient(Model):
    """One place the bulletin goes to, and the dates the entry holds (lists change as units merge or are set up)."""

    name: str = Field(min_length=1, title="收件单位", examples=["县应急管理局"])
    group: Annotated[RecipientGroup, WORD] = Field(title="类别", description="报送：县领导和上级机关；发送：成员单位、专业委员会、镇街")
    address: str | None = Field(default=None, title="地址", description="送达地址，印在邮寄标签上；生成分发材料时必须填写")
    copies: int = Field(default=1, ge=1, le=100, title="份数")
    since: dt.date = Field(title="起始日期", description="从这一天起印发的期次发给该单位")
    until: dt.date | None = Field(default=None, title="截止日期", description="到这一天为止（含）；不填表示仍在名单上")

    def current(self, on: dt.date) -> bool:
        """Whether the entry was on the list on `on`."""
        return self.since <= on and (self.until is None or on <= self.until)


class Editor(Model):
    """One of the office's staff who may review, approve and sign off what is published."""

    name: str = Field(min_length=1, title="姓名", examples=["王建国"])
    role: str = Field(min_length=1, title="职务", examples=["主任"])


class OrderDesk(Model):
    """What the office's orders carry besides the case: the numbering prefix and whom to call."""

    code: str = Field(
        min_length=1,
        title="发文代字",
        description="督办单号中处置方式代字之前的部分，如 平安办督〔2017〕12号 中的“平安办”",
        examples=["平安办"],
    )
    contact: str = Field(min_length=1, title="联系人", examples=["赵敏"])
    phone: str = Field(min_length=1, title="联系电话", description="办公电话，印在每份督办文书上", examples=["0539-4211365"])


class Office(Model):
    """office.yaml: the office's name, hotline, programme schedule and bulletin lists."""

    model_config = {"title": "办公室信息"}

    name: str = Field(min_length=1, title="全称")
    short_name: str = Field(min_length=1, title="简称")
    county: str = Field(min_length=1, title="县名")
    hotline: str = Field(min_length=1, title="举报电话")
    reward_note: str = Field(min_length=1, title="有奖举报说明")
    broadcast: Broadcast = Field(title="电视节目")
    bulletin: Distribution = Field(title="安全生产通报")
    orders: OrderDesk = Field(title="督办文书", description="交办单、督办通知书、转办单和销号通知的代字与联系人")

    distribution: list[Recipient] = Field(
        default_factory=list, title="通报分发名单", description="《安全生产通报》逐期送达的单位、地址和份数；每期按印发日期取当时的名单"
    )
    editors: list[Editor] = Field(
        min_length=1, title="审核签发人员", description="可审核、批准公开和签发的人员；记录的审核人、批准人和通报签发人须在此名单中"
    )

    def editor(self, name: str) -> Editor | None:
        """The listed editor called `name`, or None."""
        return next((editor for editor in self.editors if editor.name == name), None)

    def unknown(self, target: str, name: str) -> str | None:
        """Why `name` is not one of the listed editors, with the nearest names; None if it is."""
        if self.editor(name) is None:
            return CHECK["not_editor"].format(name=name, hint=did_you_mean(name, [editor.name for editor in self.editors]))
        return None

    def recipients(self, on: dt.date) -> list[Recipient]:
        """The distribution list as it stood on `on`, in the order the file gives."""
        return [recipient for recipient in self.distribution if recipient.current(on)]

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for index, recipient in enumerate(self.distribution):
            if recipient.until is not None and recipient.until < recipient.since:
                yield ("distribution", index, "until"), CHECK["recipient_dates"].format(name=recipient.name, until=recipient.until, since=recipient.since)
            for other in self.distribution[:index]:
                if other.name == recipient.name and _overlap(other, recipient):
                    yield ("distribution", index, "name"), CHECK["recipient_twice"].format(name=recipient.name)


def _overlap(a: Recipient, b: Recipient) -> bool:
    """Whether two entries' dates share a day."""
    return (a.until is None or b.since <= a.until) and (b.until is None or a.since <= b.until)
