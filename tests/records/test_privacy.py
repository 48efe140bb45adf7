"""The personal-data lint: numbers however they are written, reasons that name their field, editorial files too."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.records import loader
from generator.records.privacy import personal_data

MOBILE_FOUND = "公开字段中含有手机号；请删除，或移到内部字段，或在「公开个人信息的理由」（personal_data_reason）中写明此字段和理由"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("值班电话13912345678", "mobile"),
        ("值班电话139-1234-5678", "mobile"),
        ("值班电话139 1234 5678", "mobile"),
        ("值班电话１３９１２３４５６７８", "mobile"),  # full-width digits
        ("值班电话１３９－１２３４－５６７８", "mobile"),  # full-width dashes
        ("身份证号110105194912310021", None),  # wrong check character: not an ID number
        ("身份证号11010519491231002X", "id_number"),
        ("身份证号 110105 19491231 002X", "id_number"),
        ("身份证号１１０１０５１９４９１２３１００２Ｘ", "id_number"),
        ("卡号6222021234567894", "bank_card"),
        ("卡号 6222 0212 3456 7894", "bank_card"),
        ("卡号 6222 0212 3456 7890", None),  # fails the Luhn check
        ("整改期限2017-06-15至2017-06-30", None),
        ("举报电话0539-4211365", None),  # the office's landline is no personal data
    ],
)
def test_numbers_are_found_however_written(text: str, found: str | None) -> None:
    assert personal_data(text) == found


def test_a_reason_exempts_only_the_field_it_names(records: Path) -> None:
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    text = news.read_text(encoding="utf-8")
    text = text.replace("县安委办举行安全生产月启动仪式。", "联系人电话139-1234-5678。").replace("title: 全县安全生产月活动启动", "title: 安全生产月启动 139 1234 5678")
    news.write_text(text + "personal_data_reason:\n  - {field: summary, reason: 经本人同意公开}\n", encoding="utf-8")
    problems = loader.check(records)
    assert [(p.path.name, p.line, p.message) for p in problems] == [("2017-06-05-safety-month.yaml", 2, MOBILE_FOUND)]


def test_a_reason_must_name_a_public_field(records: Path) -> None:
    news = records / "news/2017/2017-06-05-safety-month.yaml"
    news.write_text(news.read_text(encoding="utf-8") + "personal_data_reason:\n  - {field: sumary, reason: 经本人同意公开}\n", encoding="utf-8")
    problems = loader.check(records)
    assert [p.message for p in problems] == ["「公开个人信息的理由」中的字段「sumary」不是本文件的公开字段"]


def test_editorial_files_are_linted_like_records(records: Path) -> None:
    bulletins = records / "bulletins"
    bulletins.mkdir()
    (bulletins / "2017-12.yaml").write_text("note: 如有疑问请联系１３９１２３４５６７８。\n", encoding="utf-8")
    problems = loader.check(records)
    assert [(p.path.name, p.line, p.col, p.message) for p in problems] == [("2017-12.yaml", 1, 7, MOBILE_FOUND)]
