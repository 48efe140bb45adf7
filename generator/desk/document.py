"""YAML text written as an editor would: the `$schema` modeline, the model's key order, comments kept.

An existing file is loaded with ruamel.yaml's round-trip loader and changed
in place, value by value: what the form did not change keeps its exact text
(flow or block style, quoting, comments); removed keys go, new keys are put
where the model orders them. Keys a form fills in with their default (the
desk shows `public: true` for a record that leaves it out) are not added to
a file that left them out.
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.records.diagnose import model_at
from generator.records.skeleton import schema_comment

_MODELINE = "# yaml-language-server: "


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096  # never fold a long Chinese sentence onto two lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def render(model: type[BaseModel], data: dict[str, Any], existing: str | None, schema: tuple[str, int]) -> str:
    """The text of a file holding `data`: `existing` changed in place, or a new file with its modeline."""
    yaml = _yaml()
    try:
        document = yaml.load(existing) if existing is not None else None
    except YAMLError:
        document = None  # a broken file is replaced by what the form holds
    if isinstance(document, CommentedMap):
        _merge(document, data, model, (), new=False)
    else:
        document = CommentedMap()
        _merge(document, data, model, (), new=True)
        document.yaml_set_start_comment(schema_comment(*schema).removeprefix("# "))
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _merge(document: CommentedMap, data: dict[str, Any], model: type[BaseModel], loc: tuple[str | int, ...], *, new: bool) -> None:
    """Make `document` hold `data`, changing only what differs."""
    parent = model_at(model, loc)
    fields = list(parent.model_fields) if parent else []
    for key in [key for key in document if key not in data]:
        del document[key]
    for key in sorted(data, key=lambda k: fields.index(k) if k in fields else len(fields)):
        value = data[key]
        if key in document:
            document[key] = _value(document[key], value, model, (*loc, key))
            continue
        spec = parent.model_fields.get(key) if parent else None
        if not new and spec is not None and not spec.is_required() and value == spec.get_default(call_default_factory=True):
            continue
        before = [k for k in document if k in fields and key in fields and fields.index(k) < fields.index(key)]
        document.insert(len(before) if key in fields else len(document), key, _fresh(value))


def _value(old: Any, new: Any, model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The node to keep for a changed value: the old node when equal, the old collection edited in place."""
    if old == new:
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _merge(old, new, model, loc, new=False)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for index, item in enumerate(new):
            if index < len(old):
                old[index] = _value(old[index], item, model, (*loc, index))
            else:
                old.append(_fresh(item))
        del old[len(new):]
        return old
    return _fresh(new)


def _fresh(value: Any) -> Any:
    """A new value as ruamel should write it: block mappings and lists, multi-line text as a literal block."""
    if isinstance(value, dict):
        return CommentedMap((key, _fresh(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_fresh(item) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
