"""What may leave the office: which records are published on a date, and which fields.

Every output starts from `published(catalog, as_of)` and `public_data(record)`,
so the rule is written once: a record is out when marked not public, dated
after `as_of`, (for a listing) expired or repaired, or (for a covert
inspection that asks for it) while a case it opened is still open. Fields
marked private in the model never appear in public data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from generator.records.catalog import Catalog
from generator.records.models import Case, CaseStatus, Inspection, Listing, Record


def visible(record: Record, as_of: dt.date) -> bool:
    """Whether the public may see `record` on `as_of`."""
    if not record.public or record.date > as_of:
        return False
    return record.active(as_of) if isinstance(record, Listing) else True


def held_back(inspection: Inspection, catalog: Catalog, as_of: dt.date) -> bool:
    """A covert inspection asked to stay unpublished while any case it opened is still open."""
    if not inspection.hold_until_closed:
        return False
    cases = [catalog.records.get(f.case) for f in inspection.findings if f.case]
    return any(not isinstance(c, Case) or c.status(as_of) is not CaseStatus.CLOSED for c in cases)


def published(catalog: Catalog, as_of: dt.date) -> Catalog:
    """The part of the catalog the public may see on `as_of`; outputs see nothing else."""
    shown = {
        rid: r
        for rid, r in catalog.records.items()
        if visible(r, as_of) and not (isinstance(r, Inspection) and held_back(r, catalog, as_of))
    }
    return Catalog(catalog.office, catalog.units, shown, catalog.editorial)


def private_fields(model: type[BaseModel]) -> set[str]:
    """Names of the fields of `model` marked private (x-private)."""
    return {
        name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("x-private")
    }


def public_data(record: BaseModel) -> dict[str, Any]:
    """The record as JSON-ready data without its private fields (nested models too)."""
    data: dict[str, Any] = {"id": record.id} if isinstance(record, Record) else {}
    hidden = private_fields(type(record))
    for name in type(record).model_fields:
        if name in hidden or name == "id":
            continue
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            value = public_data(value)
        elif isinstance(value, list):
            value = [public_data(v) if isinstance(v, BaseModel) else _plain(v) for v in value]
        else:
            value = _plain(value)
        data[name] = value
    return data


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
