"""One pydantic model per record kind: what editors may write, and what it means.

Field titles and descriptions are Chinese because they become the JSON Schema
that editors see as completion hints. Rules that need more than one field
(a deadline after the opening date, say) live in `problems()`, which yields
the location to blame, so `check` can point at the exact line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from generator.records.vocabulary import ORDER_CODE, AccountabilityType, Board, CaseStatus, Disposition, Level, Mode, Scope, Season
from generator.records.refs import Loc, media_file, ref
from generator.strings import CHECK, ISSUED

CaseDisposition = Literal[Disposition.HANDED, Disposition.SUPERVISED, Disposition.REFERRED]
"""A case is opened for a problem handed over, supervised or referred; one fixed on the spot needs none."""


WORD = Field(strict=False)
"""Marks a field that takes one word of a vocabulary enum, written in YAML as the plain Chinese word
(strict models would take enum members only)."""


TownName = ref("town", "镇街", "登记在 units.yaml 中的镇街名称")
UnitName = ref("unit", "单位", "登记在 units.yaml 中的单位名称")
CaseId = ref("case", "督办事项", "督办事项记录的编号（文件名去掉 .yaml）")
InspectionId = ref("inspection", "督查记录", "督查记录的编号（文件名去掉 .yaml）")
RecordId = ref("record", "关联记录", "任一记录的编号（文件名去掉 .yaml）")
EditorName = ref("editor", "审核签发人员", "office.yaml 中 editors 名单里的姓名")
Photo = media_file("照片", "上传到 media/ 文件夹的照片，如 media/2017-06-15-crane-1.jpg")

REPAIRED_BASIS = ISSUED["repaired_basis"]
"""What the redacted copy says where a repaired black-list entry stood."""
ORDER_NO = re.compile(r"^(\S+)〔(\d{4})〕(\d+)号$")
TIP_POINT_MAX = 40
"""Characters in one safety-tip point: two lines of a TV slide at readable size."""
SUMMARY_MAX = 90
"""Characters in a news summary: one or two sentences, read out as captions."""


def private(**kwargs: Any) -> Any:
    """A field that never leaves the office; marked in the JSON Schema."""
    return Field(json_schema_extra={"x-private": True}, **kwargs)


class Model(BaseModel):
    """Strict and closed: an unknown key or a wrong type is an error, never a guess."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Review(Model):
    """三审 sign-off: who checked the record and who approved its publication, never published."""

    reviewer: EditorName = Field(
        title="审核人", description="审核记录内容的人，须在 office.yaml 的 editors 名单中", examples=["（审核人姓名）"]
    )
    approver: EditorName = Field(
        title="批准公开人", description="批准公开的人，须与审核人不同，且在 editors 名单中", examples=["（批准人姓名）"]
    )
    date: dt.date = Field(title="批准日期")


class PersonalDataReason(Model):
    """Why one public field may show personal data (an ID, mobile or bank card number)."""

    field: str = Field(min_length=1, title="字段", description="允许出现个人信息的字段名，如 summary", examples=["summary"])
    reason: str = Field(min_length=1, title="理由", description="公开的依据，如经本人同意", examples=["单位公开的值班电话，经本人同意公布"])


class Publishable(Model):
    """A document whose public fields are published: records and editorial files alike."""

    personal_data_reason: list[PersonalDataReason] = Field(
        default_factory=list,
        title="公开个人信息的理由",
        description="公开字段中确需出现身份证号、手机号或银行卡号时，逐个字段写明依据；只豁免所列字段，其余字段照常检查",
    )

    def exempt(self) -> set[str]:
        """The fields whose personal data the document gives a reason for."""
        return {entry.field for entry in self.personal_data_reason}


class Withdrawal(Model):
    """撤回: the record leaves public view from `date`, even from the public copies of issued bulletins."""

    date: dt.date = Field(title="撤回日期", description="自该日起，网站、订阅和开放数据不再出现此记录，已签发通报的公开版遮盖此条")
    reason: str = Field(min_length=1, title="撤回原因", description="仅供办公室内部，不对外发布", examples=["经法院判决撤销处罚决定"])
    basis: str = Field(
        min_length=1, title="撤回依据", description="公开版通报遮盖处注明的依据", examples=["县人民法院（2018）鲁1326行初5号判决"]
    )


class Record(Publishable):
    """Fields every record kind shares."""

    kind: ClassVar[str]

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    date: dt.date = Field(title="日期", description="记录的日期，须与文件名开头的日期一致")
    public: bool = Field(
        default=True,
        title="是否公开",
        description="false 表示尚未公开（草稿或保密期内），任何对外产出都不包含此记录",
    )
    review: Review | None = private(
        default=None,
        title="审核签发",
        description="公开（public: true）之前须填写：审核人、批准公开人（两人不同，均在 office.yaml 的 editors 名单中）和批准日期",
    )
    withdrawn: Withdrawal | None = private(
        default=None,
        title="依法撤回",
        description="信用修复以外须从公开渠道撤下的记录（如法院判决、上级机关决定）：撤回日期、原因（内部）和依据（公开版注明）",
    )

    def withdrawal(self) -> Withdrawal | None:
        """The withdrawal that takes this record out of public view, if any (see `Withdrawal`)."""
        return self.withdrawn

    def sign_off(self) -> Iterator[tuple[Loc, str]]:
        """三审: nothing is published that two listed editors have not reviewed and approved."""
        if self.public and self.review is None:
            yield ("public",), CHECK["unreviewed"]
        elif self.review is not None and self.review.reviewer == self.review.approver:
            yield ("review", "approver"), CHECK["same_reviewer"]

    def problems(self) -> Iterator[tuple[Loc, str]]:
        """Rules across fields; each yields the location to blame and a message."""
        return iter(())

    def milestones(self) -> tuple[dt.date, ...]:
        """Dates after the record's own on which what the public sees of it changes (a follow-up, a closure, a payment)."""
        return ()

    def as_seen(self, on: dt.date) -> Self:
        """The record as it stood on `on`: only the parts dated on or before it (see `milestones`)."""
        return self

    @property
    def headline(self) -> str:
        """One line naming the record in lists, links and feeds."""
        return str(getattr(self, "title", self.id))

    @property
    def gist(self) -> str:
        """What the record is about in a sentence or two: the words the site's search finds it by."""
        return ""


class Finding(Model):
    """One problem found during an inspection."""

    description: str = Field(min_length=1, title="问题描述", examples=["脚手架连墙件缺失，存在坍塌隐患"])
    unit: UnitName | None = Field(default=None, title="责任单位")
    level: Annotated[Level, WORD] = Field(default=Level.GENERAL, title="隐患等级", description="一般 或 重大")
    disposition: Annotated[Disposition, WORD] = Field(
        title="处置方式",
        description="当场整改、直接交办（较轻）、挂牌督办（严重）或 转办（移交有管辖权的部门）",
        examples=["直接交办"],
    )
    case: CaseId | None = Field(default=None, title="督办事项", description="该问题立案的督办事项编号")


class Inspection(Record):
    """督查: one outing of an inspection team."""

    kind = "inspection"
    model_config = ConfigDict(title="督查记录")

    title: str = Field(min_length=1, title="标题", examples=["建筑工地塔吊安全专项督查"])
    mode: Annotated[Mode, WORD] = Field(title="督查方式", description="明查 或 暗访（四不两直）", examples=["暗访"])
    scope: Annotated[Scope, WORD] = Field(title="督查类型", description="专项 或 综合", examples=["专项"])
    topic: str = Field(min_length=1, title="督查主题", examples=["建筑施工塔机及防坍塌"])
    team: str = Field(min_length=1, title="督查组", examples=["督查一科"])
    inspectors: int = Field(ge=1, le=50, title="督查人次", description="参加本次督查的人数", examples=[4])
    town: TownName
    units: list[UnitName] = Field(default_factory=list, title="督查单位", description="本次到访的单位")
    summary: str = Field(min_length=1, title="概述", description="一两句话，用于字幕和列表", examples=["督查组暗访三处在建工地。"])
    findings: list[Finding] = Field(default_factory=list, title="发现问题")
    notes: str | None = private(default=None, title="内部备注", description="仅供办公室内部，不对外发布")
    hold_until_closed: bool = Field(
        default=False,
        title="销号前暂不公开",
        description="暗访督查可设为 true：所发现问题的督办事项全部销号之前，本记录不出现在任何对外产出中",
    )

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if self.hold_until_closed and self.mode is not Mode.COVERT:
            yield ("hold_until_closed",), CHECK["hold_covert_only"]
        for index, finding in enumerate(self.findings):
            if finding.disposition is not Disposition.ON_THE_SPOT and finding.case is None:
                yield ("findings", index, "disposition"), CHECK["finding_needs_case"].format(disposition=finding.disposition)

    @property
    def gist(self) -> str:
        return f"{self.topic} {self.town} {self.summary}"


class FollowUp(Model):
    """A dated step in a case's progress."""

    date: dt.date = Field(title="日期")
    note: str = Field(min_length=1, title="进展", examples=["已完成整改方案，正在施工"])


class Case(Record):
    """督办事项: one hazard or problem under supervision until it is closed out (销号)."""

    kind = "case"
    model_config = ConfigDict(title="督办事项")

    title: str = Field(min_length=1, title="标题", examples=["某工地塔吊未按规定检测"])
    inspection: InspectionId | None = Field(default=None, title="来源督查", description="发现该问题的督查记录编号")
    unit: UnitName
    town: TownName
    description: str = Field(min_length=1, title="问题描述", examples=["塔吊检测报告过期，仍在使用"])
    level: Annotated[Level, WORD] = Field(title="隐患等级", examples=["重大"])
    disposition: CaseDisposition = Field(
        title="处置方式", description="直接交办、挂牌督办 或 转办（移交有管辖权的部门）", examples=["挂牌督办"]
    )
    referred_to: UnitName | None = Field(
        default=None, title="接办部门", description="转办时填写：有管辖权的安委会成员单位，转办单发给该部门"
    )
    order_no: str = Field(
        min_length=1,
        title="督办单号",
        description="代字随处置方式：督（挂牌督办）、交（直接交办）、转（转办），如 平安办督〔2017〕12号",
        examples=["平安办督〔2017〕12号"],
    )
    requirements: list[str] = Field(
        default_factory=list,
        title="整改要求",
        description="交办单、督办通知书逐条列出的要求，每条一句",
        examples=[["立即停止违规作业", "编制整改方案并报镇安监办备案"]],
    )
    deadline: dt.date = Field(title="整改期限")
    followups: list[FollowUp] = Field(default_factory=list, title="跟踪进展")
    closed: dt.date | None = Field(default=None, title="销号日期")
    evidence: str | None = Field(default=None, title="销号依据", description="验收意见、复查记录等")
    photos: list[Photo] = private(default_factory=list, title="证据照片", description="现场和整改照片，仅供内部留存")
    notes: str | None = private(default=None, title="内部备注", description="仅供办公室内部，不对外发布")

    def problems(self) -> Iterator[tuple[Loc, str]]:
        order = ORDER_NO.match(self.order_no)
        if order is None:
            yield ("order_no",), CHECK["order_no_form"].format(order_no=self.order_no)
        elif int(order.group(2)) != self.date.year:
            yield ("order_no",), CHECK["order_no_year"].format(year=order.group(2), case_year=self.date.year)
        elif not order.group(1).endswith(ORDER_CODE[self.disposition]):
            yield ("order_no",), CHECK["order_no_code"].format(
                order_no=self.order_no, code=ORDER_CODE[self.disposition], disposition=self.disposition
            )
        if self.disposition == Disposition.REFERRED and self.referred_to is None:
            yield ("disposition",), CHECK["referral_without_department"]
        elif self.disposition != Disposition.REFERRED and self.referred_to is not None:
            yield ("referred_to",), CHECK["department_without_referral"].format(disposition=self.disposition)
        if self.deadline < self.date:
            yield ("deadline",), CHECK["deadline_before_date"].format(deadline=self.deadline, date=self.date)
        previous = self.date
        for index, step in enumerate(self.followups):
            if step.date < previous:
                yield ("followups", index, "date"), CHECK["followup_order"].format(date=step.date, previous=previous)
            previous = step.date
        if self.closed is not None:
            if self.closed < previous:
                yield ("closed",), CHECK["closed_before_step"].format(closed=self.closed, previous=previous)
            if not self.evidence:
                yield ("closed",), CHECK["closed_needs_evidence"]
        elif self.evidence:
            yield ("evidence",), CHECK["evidence_without_closed"]

    def milestones(self) -> tuple[dt.date, ...]:
        return (*(step.date for step in self.followups), *((self.closed,) if self.closed else ()))

    def as_seen(self, on: dt.date) -> Self:
        if self.closed is not None and self.closed <= on and all(step.date <= on for step in self.followups):
            return self
        closed = self.closed is not None and self.closed <= on
        return self.model_copy(update={
            "followups": [step for step in self.followups if step.date <= on],
            "closed": self.closed if closed else None,
            "evidence": self.evidence if closed else None,
        })

    @property
    def addressee(self) -> str:
        """Who the order goes to and must answer it: the receiving department of a 转办, else the responsible unit."""
        return self.referred_to or self.unit

    def open_on(self, day: dt.date) -> bool:
        """Opened by `day` and not closed by then: on the office's list of cases to chase."""
        return self.date <= day and (self.closed is None or self.closed > day)

    def days_left(self, day: dt.date) -> int:
        """Days from `day` to the deadline: negative once overdue."""
        return (self.deadline - day).days

    def status(self, as_of: dt.date) -> CaseStatus:
        """整改中, 逾期 or 已销号, as the public would have seen it on `as_of`."""
        if self.closed is not None and self.closed <= as_of:
            return CaseStatus.CLOSED
        if as_of > self.deadline:
            return CaseStatus.OVERDUE
        return CaseStatus.OPEN

    @property
    def gist(self) -> str:
        return f"{self.unit} {self.town} {self.description}"


class Listing(Record):
    """红黑榜 entry: a model unit (red) or a violator exposed by name (black)."""

    kind = "listing"
    model_config = ConfigDict(title="红黑榜")

    board: Annotated[Board, WORD] = Field(title="榜单", examples=["红榜"])
    unit: UnitName
    town: TownName
    industry: str = Field(min_length=1, title="行业", examples=["建筑施工"])
    reason: str = Field(min_length=1, title="上榜事由", examples=["多次督查发现塔吊违规作业，拒不整改"])
    measures: list[str] = Field(default_factory=list, title="处理措施", examples=[["责令停工整改", "约谈企业负责人"]])
    publicity_end: dt.date = Field(title="公示截止日期", description="黑榜公示期不少于1年、不超过3年")
    repaired: dt.date | None = Field(default=None, title="信用修复移出日期")
    case: CaseId | None = Field(default=None, title="关联督办事项")

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if self.publicity_end <= self.date:
            yield ("publicity_end",), CHECK["publicity_not_after"].format(end=self.publicity_end, date=self.date)
        elif self.board is Board.BLACK:
            # publicity_end is the last day shown: a full year runs to the day before the anniversary
            last_day = dt.timedelta(days=1)
            if self.publicity_end < _add_years(self.date, 1) - last_day:
                yield ("publicity_end",), CHECK["black_too_short"]
            if self.publicity_end > _add_years(self.date, 3) - last_day:
                yield ("publicity_end",), CHECK["black_too_long"]
        if self.repaired is not None and self.repaired <= self.date:
            yield ("repaired",), CHECK["repaired_not_after"].format(repaired=self.repaired, date=self.date)

    @property
    def headline(self) -> str:
        return f"{self.unit}（{self.board}）"

    @property
    def gist(self) -> str:
        return f"{self.town} {self.industry} {self.reason}"

    def active(self, as_of: dt.date) -> bool:
        """Shown to the public on `as_of`: from its date through `publicity_end` (the "公示至" day), until the day it is repaired."""
        if not self.date <= as_of <= self.publicity_end:
            return False
        return self.repaired is None or as_of < self.repaired

    def withdrawal(self) -> Withdrawal | None:
        """A black-list entry whose credit is repaired (信用修复) is withdrawn on the repair day.

        The repair decision ends the exposure itself, not only the entry's
        place on today's board: the public copies of the bulletins that named
        the unit are redacted too (the archive keeps the originals). An entry
        whose publicity period simply ran out is not withdrawn: the issue
        that named it printed its "公示至" day, so the old issue still says
        truthfully how long the exposure lasted.
        """
        if self.withdrawn is not None or self.repaired is None:
            return self.withdrawn
        return Withdrawal(date=self.repaired, reason=REPAIRED_BASIS, basis=REPAIRED_BASIS)

    def milestones(self) -> tuple[dt.date, ...]:
        return (self.repaired,) if self.repaired else ()

    def as_seen(self, on: dt.date) -> Self:
        """Before the repair day the public does not learn that (or when) it will come."""
        if self.repaired is None or self.repaired <= on:
            return self
        return self.model_copy(update={"repaired": None})


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Score(Model):
    unit: UnitName
    score: float = Field(ge=0, title="得分", examples=[92.5])
    note: str | None = Field(default=None, title="说明")


class Ranking(Record):
    """工作通报: how towns or departments carried out one assigned piece of work."""

    kind = "ranking"
    model_config = ConfigDict(title="工作通报")

    title: str = Field(min_length=1, title="标题", examples=["6月份镇街安监办标准化建设情况通报"])
    series: str = Field(min_length=1, title="通报系列", description="同一系列的通报可前后比较名次", examples=["镇街安监办标准化建设"])
    period: str = Field(min_length=1, title="考核期间", examples=["2017年6月"])
    full_score: float = Field(default=100, gt=0, title="满分")
    scores: list[Score] = Field(min_length=2, title="得分")
    comment: str | None = Field(default=None, title="点评")

    def problems(self) -> Iterator[tuple[Loc, str]]:
        seen: set[str] = set()
        for index, entry in enumerate(self.scores):
            if entry.unit in seen:
                yield ("scores", index, "unit"), CHECK["scored_twice"].format(unit=entry.unit)
            seen.add(entry.unit)
            if entry.score > self.full_score:
                yield ("scores", index, "score"), CHECK["above_full_score"].format(score=f"{entry.score:g}", full=f"{self.full_score:g}")

    def ranks(self) -> dict[str, int]:
        """Rank per unit, highest score first; ties share a rank (1, 2, 2, 4)."""
        ordered = sorted(self.scores, key=lambda s: -s.score)
        result: dict[str, int] = {}
        for position, entry in enumerate(ordered, 1):
            tied = position > 1 and entry.score == ordered[position - 2].score
            result[entry.unit] = result[ordered[position - 2].unit] if tied else position
        return result

    @property
    def gist(self) -> str:
        return f"{self.series} {self.period} {self.comment or ''}".strip()


class Tip(Record):
    """安全知识: a safety tip told in short points, one slide each on TV."""

    kind = "tip"
    model_config = ConfigDict(title="安全知识")

    title: str = Field(min_length=1, title="标题", examples=["夏季用电安全"])
    topic: str = Field(min_length=1, title="主题", examples=["用电安全"])
    season: Annotated[Season, WORD] = Field(default=Season.ALL_YEAR, title="适用季节")
    points: list[str] = Field(
        min_length=1,
        title="要点",
        description=f"每条不超过{TIP_POINT_MAX}字，电视上一屏一条",
        examples=[["不私拉乱接电线", "电器起火先断电再灭火"]],
    )
    body: str = Field(default="", title="正文", description="Markdown 格式")

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for index, point in enumerate(self.points):
            if len(point) > TIP_POINT_MAX:
                yield ("points", index), CHECK["tip_point_long"].format(n=len(point), limit=TIP_POINT_MAX)

    @property
    def gist(self) -> str:
        return " ".join((self.topic, *self.points))


class News(Record):
    """动态要闻: a news item of the office's work."""

    kind = "news"
    model_config = ConfigDict(title="动态要闻")

    title: str = Field(min_length=1, title="标题", examples=["全县安全生产月活动启动"])
    summary: str = Field(
        min_length=1,
        max_length=SUMMARY_MAX,
        title="摘要",
        description="一两句话，用于电视字幕和列表",
        examples=["县安委办召开专题会议，部署汛期安全生产工作。"],
    )
    town: TownName | None = Field(default=None, title="镇街")
    related: list[RecordId] = Field(default_factory=list, title="关联记录")
    body: str = Field(default="", title="正文", description="Markdown 格式")

    @property
    def gist(self) -> str:
        return f"{self.town or ''} {self.summary}".strip()


class Accountability(Record):
    """问责: an accountability action taken for poor safety work."""

    kind = "accountability"
    model_config = ConfigDict(title="问责")

    unit: UnitName
    type: Annotated[AccountabilityType, WORD] = Field(title="问责方式", examples=["通报批评"])
    persons: int = Field(ge=1, title="人次", examples=[2])
    reason: str = Field(min_length=1, title="问责事由", examples=["隐患整改拖延，逾期未销号"])
    case: CaseId | None = Field(default=None, title="关联督办事项")

    @property
    def headline(self) -> str:
        return f"{self.unit}：{self.type}"


class TipOff(Record):
    """有奖举报: a reported violation; who reported it never leaves the office."""

    kind = "tipoff"
    model_config = ConfigDict(title="有奖举报")

    violation: str = Field(min_length=1, title="举报内容", examples=["某加油站夜间违规卸油"])
    town: TownName
    unit: UnitName | None = Field(default=None, title="被举报单位")
    outcome: str = Field(min_length=1, title="核查结果", examples=["经核查属实，已责令停业整改"])
    reward: int = Field(default=0, ge=0, title="奖励金额（元）")
    paid: dt.date | None = Field(default=None, title="奖励发放日期")
    case: CaseId | None = Field(default=None, title="关联督办事项")
    reporter: str = private(min_length=1, title="举报人", description="保密，绝不对外公开", examples=["（姓名）"])
    reporter_contact: str | None = private(default=None, title="举报人联系方式", description="保密，绝不对外公开")

    @property
    def headline(self) -> str:
        return self.violation

    def milestones(self) -> tuple[dt.date, ...]:
        return (self.paid,) if self.paid else ()

    def as_seen(self, on: dt.date) -> Self:
        """Before the reward is paid the public sees neither payment nor amount."""
        if self.paid is None or self.paid <= on:
            return self
        return self.model_copy(update={"paid": None, "reward": 0})

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if self.paid is not None and self.paid < self.date:
            yield ("paid",), CHECK["paid_before_date"].format(paid=self.paid, date=self.date)
        if self.reward > 0 and self.paid is None:
            yield ("reward",), CHECK["reward_not_paid"]


KINDS: dict[str, type[Record]] = {
    model.kind: model for model in (Inspection, Case, Listing, Ranking, Tip, News, Accountability, TipOff)
}
"""Record kinds by the folder name they live in under records/."""
