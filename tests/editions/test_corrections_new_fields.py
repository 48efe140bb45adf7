"""A field the model gained after an issue was sealed is not a correction of that issue."""

from __future__ import annotations

import json

from generator.editions.corrections import pending
from generator.editions.ledger import Archive
from generator.records import loader
from generator.records.models import Case
from generator.records.public import Views
from tests.conftest import REPO

SEALED = REPO / "records" / "issued" / "bulletin" / "2017-15" / "records.json"
"""Issue 2017-15 (1-15 August), sealed before cases had requirements (整改要求)."""


def test_requirements_added_to_sealed_cases_correct_nothing() -> None:
    sealed = [item for item in json.loads(SEALED.read_text(encoding="utf-8"))["items"] if item["kind"] == "case"]
    assert sealed and all("requirements" not in item["data"] for item in sealed)
    catalog = loader.load(REPO / "records")
    printed = catalog.records[sealed[0]["record"]]
    assert isinstance(printed, Case) and printed.requirements, "the sample fills them in since"
    assert pending(Archive(catalog.issued), Views(catalog)) == []
