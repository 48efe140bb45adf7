"""The office's fixed vocabulary: every closed set of words a record may use, one enum each.

Values are the Chinese words editors write in the records and the public
reads; code compares enum members, never the bare words, so each word has one
home. Record fields take these enums (see `models.py`).
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """隐患等级"""

    GENERAL = "一般"
    MAJOR = "重大"


class Disposition(StrEnum):
    """处置方式: how a problem found is handled."""

    ON_THE_SPOT = "当场整改"
    HANDED = "直接交办"
    SUPERVISED = "挂牌督办"
    REFERRED = "转办"
    """Referred to the member unit that holds the authority; its order goes to that department."""


ORDER_CODE: dict[Disposition, str] = {Disposition.SUPERVISED: "督", Disposition.HANDED: "交", Disposition.REFERRED: "转"}
"""The character an order number carries for each disposition of a case: 平安办督〔2017〕12号 is a 挂牌督办."""


class Mode(StrEnum):
    """督查方式"""

    ANNOUNCED = "明查"
    COVERT = "暗访"


class Scope(StrEnum):
    """督查类型"""

    SPECIAL = "专项"
    COMPREHENSIVE = "综合"


class Board(StrEnum):
    """红黑榜: model units (red) or violators exposed by name (black)."""

    RED = "红榜"
    BLACK = "黑榜"


class Season(StrEnum):
    """安全知识的适用季节"""

    SPRING = "春"
    SUMMER = "夏"
    AUTUMN = "秋"
    WINTER = "冬"
    ALL_YEAR = "全年"


class AccountabilityType(StrEnum):
    """问责方式, from the heaviest down: the order statistics and the bulletin list them in."""

    DISCIPLINE = "党政纪处分"
    ORGANISATIONAL = "组织处理"
    ADMONISHMENT = "诫勉谈话"
    WRITTEN_SELF_CRITICISM = "责令书面检查"
    CIRCULATED_CRITICISM = "通报批评"
    PUBLIC_STATEMENT = "公开表态"


class UnitKind(StrEnum):
    """The groups of units.yaml, in the order they are listed."""

    TOWN = "镇街"
    COMMITTEE = "专业委员会"
    MEMBER = "成员单位"
    ENTERPRISE = "企业"


class CaseStatus(StrEnum):
    """A case as the public sees it on a date."""

    OPEN = "整改中"
    OVERDUE = "逾期"
    CLOSED = "已销号"


class RecipientGroup(StrEnum):
    """How the bulletin reaches a recipient: up to the county's leaders and the city, or out to units and towns."""

    REPORT = "报送"
    SEND = "发送"
