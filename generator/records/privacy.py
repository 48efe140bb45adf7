"""Personal data that must not slip into a public field: ID numbers, mobile numbers, bank cards.

Public fields are scanned at `check`; a hit is an error at the field unless the
record gives `personal_data_reason` (why this one may be published).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from generator.records.public import private_fields
from generator.records.refs import Loc
from generator.strings import CHECK

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
BANK_CARD = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def is_id_number(text: str) -> bool:
    """A mainland resident ID number with a valid check character (GB 11643)."""
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == text[17].upper()


def passes_luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def personal_data(text: str) -> str | None:
    """What kind of personal data `text` holds (a CHECK key naming it), or None."""
    if any(is_id_number(m[0]) for m in ID_NUMBER.finditer(text)):
        return "id_number"
    if MOBILE.search(text):
        return "mobile"
    if any(passes_luhn(m[0]) for m in BANK_CARD.finditer(text)):
        return "bank_card"
    return None


def scan(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Public string fields of `model` (nested too) that hold personal data."""
    hidden = private_fields(type(model))
    for name in type(model).model_fields:
        if name in hidden:
            continue
        yield from _scan_value(getattr(model, name), (*loc, name))


def _scan_value(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        found = personal_data(value)
        if found:
            yield loc, CHECK["personal_data"].format(found=CHECK[found])
    elif isinstance(value, BaseModel):
        yield from scan(value, loc)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scan_value(item, (*loc, index))
