"""Personal data that must not slip into a public field: ID numbers, mobile numbers, bank cards.

Public fields of records and editorial files are scanned at `check`; a hit is
an error at the field unless the document names that field in
`personal_data_reason` with the reason it may be published.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pydantic import BaseModel

from generator.records.models import Publishable
from generator.records.public import private_fields
from generator.records.refs import Loc
from generator.strings import CHECK

ID_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){16}[ -]?[\dXx](?!\d)")
"""18 characters, written whole or in groups (370326 19800101 123X)."""
MOBILE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)")
"""11 digits, whole or grouped (139-1234-5678, 139 1234 5678)."""
BANK_CARD = re.compile(r"(?<!\d)\d(?:[ ]?\d){15,18}(?!\d)")
"""16-19 digits, whole or in groups of four separated by spaces, as printed on cards."""
SEPARATORS = re.compile(r"[ -]")
ANY_DIGIT = re.compile(r"[0-9\uff10-\uff19]")
"""An ASCII or full-width digit."""
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
    """What kind of personal data `text` holds (a CHECK key naming it), or None.

    Full-width digits and dashes count as their ASCII forms (NFKC), so
    １３９-１２３４-５６７８ is a mobile number like 13912345678.
    """
    if not ANY_DIGIT.search(text):
        return None  # most text holds no digit at all: skip the normalising
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-")
    if any(is_id_number(SEPARATORS.sub("", m[0])) for m in ID_NUMBER.finditer(text)):
        return "id_number"
    if MOBILE.search(text):
        return "mobile"
    if any(passes_luhn(SEPARATORS.sub("", m[0])) for m in BANK_CARD.finditer(text)):
        return "bank_card"
    return None


def scan(document: Publishable) -> Iterator[tuple[Loc, str]]:
    """Public string fields of a record or editorial file that hold personal data it gives no reason for."""
    fields = type(document).model_fields
    for index, entry in enumerate(document.personal_data_reason):
        if entry.field not in fields or entry.field in private_fields(type(document)) or entry.field == "personal_data_reason":
            yield ("personal_data_reason", index, "field"), CHECK["exempt_unknown_field"].format(field=entry.field)
    yield from _scan_model(document, (), document.exempt() | {"personal_data_reason"})


def _scan_model(model: BaseModel, loc: Loc, skip: set[str] = frozenset()) -> Iterator[tuple[Loc, str]]:  # type: ignore[assignment]
    hidden = private_fields(type(model))
    for name in type(model).model_fields:
        if name not in hidden and name not in skip:
            yield from _scan_value(getattr(model, name), (*loc, name))


def _scan_value(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        found = personal_data(value)
        if found:
            yield loc, CHECK["personal_data"].format(found=CHECK[found])
    elif isinstance(value, BaseModel):
        yield from _scan_model(value, loc)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scan_value(item, (*loc, index))
