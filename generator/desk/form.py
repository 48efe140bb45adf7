"""A file's data as the form shows it, and the form's data back as the file should hold it.

The form differs from the file in four ways, all undone on the way back:
private fields sit in one group (内部信息（不公开）); a few `desk_*` values
ride along (the version the form was opened at, the tab that saves, the
English part of a new file's name, the record's headline for lists); dates
are text (`2017-06-15`); defaults are filled in, so a record that leaves
`public` out shows as public, as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.records.diagnose import annotation_at, model_at
from generator.records.public import private_fields

INTERNAL = "desk_internal"
VERSION = "desk_version"
TAB = "desk_tab"
SLUG = "desk_slug"
NAME = "desk_id"
HEADLINE = "desk_headline"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Meta:
    """What the form carries besides the file's data."""

    version: str
    """sha256 of the file's bytes when the form was opened ('' for a new file)."""
    tab: str
    """The browser tab that saves (set by the desk's preSave handler)."""


def to_form(model: type[BaseModel], data: dict[str, Any], *, version: str, extra: dict[str, str]) -> dict[str, Any]:
    """The file's `data` as the form shows it."""
    hidden = private_fields(model)
    form: dict[str, Any] = {}
    internal: dict[str, Any] = {}
    for name, spec in model.model_fields.items():
        if spec.exclude:
            continue
        if name in data:
            value = plain(data[name])
        elif isinstance(spec.default, bool):
            value = spec.default
        else:
            continue
        (internal if name in hidden else form)[name] = value
    form.update({key: plain(value) for key, value in data.items() if key not in model.model_fields})
    if hidden:
        form[INTERNAL] = internal
    return {**form, **extra, VERSION: version}


def from_form(model: type[BaseModel], form: dict[str, Any]) -> tuple[dict[str, Any], Meta]:
    """The data the file should hold, typed as the model wants it, and what the form carried besides."""
    form = dict(form)
    meta = Meta(version=str(form.pop(VERSION, "") or ""), tab=str(form.pop(TAB, "") or ""))
    for key in (SLUG, NAME, HEADLINE):
        form.pop(key, None)
    internal = form.pop(INTERNAL, None)
    if isinstance(internal, dict):
        form.update(internal)
    return _clean(model, (), form), meta


def plain(value: Any) -> Any:
    """`value` with dates as ISO text, the way the form's date pickers hold them."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _clean(model: type[BaseModel], loc: tuple[str | int, ...], data: dict[str, Any]) -> dict[str, Any]:
    """Form values typed for the model; empty optional values (the form sends '' or {}) left out."""
    parent = model_at(model, loc)
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        value = _typed(model, (*loc, key), value)
        spec = parent.model_fields.get(key) if parent else None
        if _empty(value) and (spec is None or not spec.is_required()):
            continue
        cleaned[key] = value
    return cleaned


def _typed(model: type[BaseModel], loc: tuple[str | int, ...], value: Any) -> Any:
    annotation = annotation_at(model, loc)
    if isinstance(value, dict):
        return _clean(model, loc, value)
    if isinstance(value, list):
        items = [_typed(model, (*loc, index), item) for index, item in enumerate(value)]
        return [item for item in items if not _empty(item)]
    if annotation is dt.date and isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # the check says why
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
