"""Turn pydantic's validation errors into messages an editor can act on.

Each error gets the position of the value it is about (or of the key, for an
unknown key; or of the enclosing mapping, for a missing one) and, where a
near miss is likely, a "did you mean" hint.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import re

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem
from generator.records.hints import closest, did_you_mean
from generator.records.refs import Loc
from generator.records.source import Source


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
    name = str(loc[-1]) if loc else "record"
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "unregistered":
        return str(ctx["message"])
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        fields = list(parent.model_fields) if parent else []
        return f"unknown key '{name}'" + did_you_mean(name, fields)
    if kind == "literal_error":
        choices = _literal_choices(model, loc)
        return f"'{value}' is not allowed for '{name}'; choose one of: {', '.join(choices)}" + did_you_mean(
            str(value), choices
        )
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        if isinstance(value, str) and _QUOTED_DATE.match(value):
            return f"'{name}' is quoted text; write the date without quotes: {value}"
        return f"'{name}' must be a date like 2017-06-05, not {value!r}"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(value, (int, float, bool)) else ""
        return f"'{name}' must be text, not {_describe(value)}{hint}"
    if kind in ("int_type", "int_from_float"):
        return f"'{name}' must be a whole number, not {_describe(value)}"
    if kind == "float_type":
        return f"'{name}' must be a number, not {_describe(value)}"
    if kind == "bool_type":
        return f"'{name}' must be true or false, not {_describe(value)}"
    if kind == "list_type":
        return f"'{name}' must be a list (lines starting with '- '), not {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name}' must be a mapping of keys and values, not {_describe(value)}"
    if kind == "string_too_short":
        return f"'{name}' must not be empty"
    if kind == "too_short":
        return f"'{name}' needs at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_long":
        return f"'{name}' is too long ({len(value)} characters; at most {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid '{name}'" + _pattern_hint(model, loc)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"'{name}' is {value!r}: {detail['msg'].lower()}"
    return f"'{name}': {detail['msg']}"


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


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
    found = _annotation_at(model, loc)
    return [str(c) for c in typing.get_args(found)] if typing.get_origin(found) is Literal else []


def _pattern_hint(model: type[BaseModel], loc: Loc) -> str:
    parent = _model_at(model, loc[:-1])
    field = parent.model_fields.get(str(loc[-1])) if parent else None
    return f": {field.description}" if field is not None and field.description else ""
