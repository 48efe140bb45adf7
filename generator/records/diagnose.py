"""Turn pydantic's validation errors into messages an editor can act on.

Each error gets the position of the value it is about (or of the key, for an
unknown key; or of the enclosing mapping, for a missing one) and, where a
near miss is likely, a "did you mean" hint.
"""

from __future__ import annotations

import typing
from enum import Enum
from collections.abc import Iterator
from typing import Any, Literal

import re

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem
from generator.records.hints import closest, did_you_mean
from generator.records.refs import Loc
from generator.records.source import Source
from generator.strings import CHECK


_QUOTED_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def problems_from(source: Source, model: type[BaseModel], error: ValidationError) -> Iterator[Problem]:
    """One located Problem per pydantic error."""
    details = error.errors(include_url=False)
    for detail in details:
        loc: Loc = tuple(detail["loc"])
        kind = detail["type"]
        if kind == "missing" and _misspelt(model, loc, details):
            continue
        if kind == "missing":
            line, col = source.position(loc[:-1])
        else:
            line, col = source.position(loc, key=kind == "extra_forbidden")
        yield Problem(source.path, line, col, _message(model, loc, detail))


def _misspelt(model: type[BaseModel], loc: Loc, details: list[ErrorDetails]) -> bool:
    """A missing key that an unknown key beside it is a near miss of: report it once."""
    parent = _model_at(model, loc[:-1])
    fields = list(parent.model_fields) if parent else []
    for detail in details:
        other = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden" and other[:-1] == loc[:-1]:
            if closest(str(other[-1]), fields)[:1] == [loc[-1]]:
                return True
    return False


def _message(model: type[BaseModel], loc: Loc, detail: ErrorDetails) -> str:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    name = str(loc[-1]) if loc else ""
    field = label(model, loc)
    if kind == "missing":
        return CHECK["missing"].format(field=field, key=name)
    if kind == "unregistered":
        return str(ctx["message"])
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        fields = list(parent.model_fields) if parent else []
        return CHECK["unknown_key"].format(key=name, hint=did_you_mean(name, fields))
    if kind in ("literal_error", "enum"):
        choices = _literal_choices(model, loc)
        hint = did_you_mean(str(value), choices)
        return CHECK["choice"].format(field=field, value=value, choices=CHECK["list_sep"].join(choices), hint=hint)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        if isinstance(value, str) and _QUOTED_DATE.match(value):
            return CHECK["quoted_date"].format(field=field, value=value)
        return CHECK["not_date"].format(field=field, value=_describe(value))
    if kind == "string_type":
        hint = CHECK["quote_it"] if isinstance(value, (int, float, bool)) else ""
        return CHECK["not_text"].format(field=field, value=_describe(value)) + hint
    if kind in _WRONG_TYPE:
        return CHECK[_WRONG_TYPE[kind]].format(field=field, value=_describe(value))
    if kind == "string_too_short":
        return CHECK["empty"].format(field=field)
    if kind == "too_short":
        return CHECK["too_few"].format(field=field, n=ctx.get("min_length"))
    if kind == "string_too_long":
        return CHECK["too_long"].format(field=field, n=len(value), limit=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return CHECK["pattern"].format(field=field, value=value, hint=_pattern_hint(model, loc))
    bound = _BOUNDS.get(kind)
    if bound is not None:
        return CHECK[bound].format(field=field, value=_describe(value), limit=_describe(ctx.get(bound)))
    return CHECK["other"].format(field=field, message=detail["msg"])


_WRONG_TYPE = {
    "int_type": "not_whole",
    "int_from_float": "not_whole",
    "float_type": "not_number",
    "bool_type": "not_bool",
    "list_type": "not_list",
    "model_type": "not_map",
    "dict_type": "not_map",
    "model_attributes_type": "not_map",
}
"""pydantic error types that mean "wrong kind of value", and their message (CHECK key)."""
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}
"""pydantic's bound errors, and both their ctx key and message (CHECK key)."""


def label(model: type[BaseModel], loc: Loc) -> str:
    """The field at `loc` as the editor knows it: its Chinese title (or key), and the item number in a list."""
    named = [index for index, part in enumerate(loc) if isinstance(part, str)]
    if not named:
        return CHECK["field"].format(title=CHECK["the_record"])
    parent = _model_at(model, loc[: named[-1]])
    key = str(loc[named[-1]])
    spec = parent.model_fields.get(key) if parent else None
    title = spec.title if spec is not None and spec.title else key
    if isinstance(loc[-1], int):
        return CHECK["item"].format(title=title, n=loc[-1] + 1)
    return CHECK["field"].format(title=title)


def _describe(value: Any) -> str:
    if value is None:
        return CHECK["an_empty_value"]
    if isinstance(value, dict):
        return CHECK["a_mapping"]
    if isinstance(value, list):
        return CHECK["a_list"]
    if isinstance(value, str):
        return f"「{value}」"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type annotation of the value at `loc`, following nested models and lists."""
    annotation: Any = model
    for part in loc:
        annotation = _strip(annotation)
        if isinstance(part, int):
            if typing.get_origin(annotation) is not list:
                return None
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return None
    return _strip(annotation)


def _strip(annotation: Any) -> Any:
    """Drop Annotated and `| None` wrappers."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, _UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


_UnionType = type(int | None)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    found = _annotation_at(model, loc)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _literal_choices(model: type[BaseModel], loc: Loc) -> list[str]:
    """The words a closed field allows: a Literal's values or a vocabulary enum's."""
    found = _annotation_at(model, loc)
    if isinstance(found, type) and issubclass(found, Enum):
        return [str(member.value) for member in found]
    return [str(c) for c in typing.get_args(found)] if typing.get_origin(found) is Literal else []


def _pattern_hint(model: type[BaseModel], loc: Loc) -> str:
    parent = _model_at(model, loc[:-1])
    field = parent.model_fields.get(str(loc[-1])) if parent else None
    return f"：{field.description}" if field is not None and field.description else ""
