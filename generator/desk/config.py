"""Decap CMS's `config.yml`, generated from the models' JSON Schema, never written by hand.

One folder collection per record kind, one per editorial folder, and a files
collection for the two registries. Each schema property becomes a widget:
enums are selects, dates are date pickers, registered names (units, towns,
editors) are selects filled from the registries, references to other records
are relation pickers searched by title, nested models are objects and lists.
Fields marked private are grouped under 内部信息（不公开）.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator.desk import form
from generator.records.addresses import PAGELESS, page_path
from generator.records.editorial import EPISODE_ID, ISSUE_ID
from generator.records.loader import EDITORIAL, REGISTRIES
from generator.records.models import KINDS
from generator.records.refs import MEDIA_FOLDER, SLUG
from generator.records.registry import Office, Units
from generator.strings import DESK

API = "/api/v1"
MULTILINE = {"description", "summary", "reason", "comment", "body", "notes", "evidence", "outcome", "violation", "note", "host", "opening", "closing", "reward_note"}
"""Fields that hold sentences rather than a name or a number: a text area instead of a line.

The models say what a value is, not how long it runs, so this list is the
one place that knows which strings editors write as paragraphs.
"""
DATE = {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": False}


def config(units: Units | None, office: Office | None, preview: str | None) -> dict[str, Any]:
    """The whole Decap configuration for a records folder whose registries are `units` and `office` (None when broken)."""
    names = _Names(units, office)
    collections = [_kind_collection(kind, model, names, preview) for kind, model in KINDS.items()]
    collections += [_editorial_collection(folder, model, names) for folder, (model, _, _) in EDITORIAL.items()]
    collections.append(
        {
            "name": "registries",
            "label": DESK["registries"],
            "editor": {"preview": False},
            "files": [
                {"name": name.removesuffix(".yaml"), "label": model.model_json_schema().get("title", name), "file": name, "fields": _fields(model, names)}
                for name, model in REGISTRIES.items()
            ],
        }
    )
    return {
        "backend": {"name": "proxy", "proxy_url": API, "branch": "main"},
        "locale": "zh_Hans",
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "publish_mode": "simple",
        "show_preview_links": preview is not None,
        "search": True,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections,
    }


class _Names:
    """Choices for registered names, read from the registries when the config is made."""

    def __init__(self, units: Units | None, office: Office | None) -> None:
        self.choices = {
            "unit": list(units.index) if units else [],
            "town": [unit.name for unit in units.towns] if units else [],
            "editor": [editor.name for editor in office.editors] if office else [],
        }


def _kind_collection(kind: str, model: type[BaseModel], names: _Names, preview: str | None) -> dict[str, Any]:
    fields = _fields(model, names)
    slug = {
        "name": form.SLUG, "label": DESK["slug"], "widget": "string", "hint": DESK["slug_hint"], "default": kind,
        "pattern": [f"^{SLUG}$", DESK["slug_hint"]],
    }
    date = next(field for field in fields if field["name"] == "date")
    fields = [date, slug, *(field for field in fields if field is not date)]  # together they make the file name
    collection: dict[str, Any] = {
        "name": kind,
        "label": model.model_json_schema()["title"],
        "label_singular": model.model_json_schema()["title"],
        "folder": kind,
        "extension": "yaml",
        "format": "json",
        "create": True,
        "delete": True,
        "identifier_field": form.SLUG,
        "slug": "{{fields.date}}-{{slug}}",
        "summary": "{{" + form.HEADLINE + "}}",
        "sortable_fields": [{"field": "date", "label": DESK["date"], "default_sort": "desc"}],
        "media_folder": "/" + MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "fields": fields + _hidden(),
    }
    if preview is not None and kind not in PAGELESS:
        collection["preview_path"] = page_path(kind, "{{filename}}")
    return collection


def _editorial_collection(folder: str, model: type[BaseModel], names: _Names) -> dict[str, Any]:
    pattern, label, hint = (ISSUE_ID, "issue_id", "issue_hint") if folder == "bulletins" else (EPISODE_ID, "episode_id", "episode_hint")
    name = {"name": form.NAME, "label": DESK[label], "widget": "string", "hint": DESK[hint], "pattern": [pattern.pattern, DESK[hint]]}
    title = model.model_json_schema()["title"]
    return {
        "name": folder,
        "label": title,
        "label_singular": title,
        "folder": folder,
        "extension": "yaml",
        "format": "json",
        "create": True,
        "delete": True,
        "identifier_field": form.NAME,
        "slug": "{{slug}}",
        "summary": "{{" + form.NAME + "}}",
        "sortable_fields": [{"field": form.NAME, "label": DESK[label], "default_sort": "desc"}],
        "media_folder": "/" + MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "editor": {"preview": False},
        "fields": [name, *_fields(model, names), *_hidden()],
    }


def _hidden() -> list[dict[str, Any]]:
    """The values the desk carries through the form (see `form`)."""
    return [{"name": key, "widget": "hidden", "required": False} for key in (form.VERSION, form.TAB, form.HEADLINE)]


def _fields(model: type[BaseModel], names: _Names) -> list[dict[str, Any]]:
    """The widgets of a model's fields, private ones grouped at the end."""
    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    required = set(schema.get("required", []))
    public, private = [], []
    for name, spec in schema["properties"].items():
        widget = _widget(name, spec, name in required, definitions, names)
        (private if spec.get("x-private") else public).append(widget)
    if private:
        _optional(private)
        public.append({
            "name": form.INTERNAL, "label": DESK["internal"], "hint": DESK["internal_hint"], "widget": "object",
            "collapsed": False, "required": False, "fields": private,
        })
    return public


def _widget(name: str, spec: dict[str, Any], required: bool, definitions: dict[str, Any], names: _Names) -> dict[str, Any]:
    """One Decap field for one schema property."""
    inner = _unwrap(spec, definitions)
    widget: dict[str, Any] = {"name": name, "label": spec.get("title") or inner.get("title") or name, "required": required}
    options = [option for option in spec.get("anyOf", []) if option.get("type") != "null"]
    description = spec.get("description") or (options[0].get("description") if len(options) == 1 else None)
    if description and _is_chinese(description) and description != widget["label"]:
        widget["hint"] = description  # the field's own words, not a nested model's or vocabulary's docstring
    widget.update(_kind_of(name, inner, definitions, names))
    if "default" in spec and spec["default"] is not None and spec["default"] != []:
        widget["default"] = spec["default"]
    if name == "public":
        widget["default"] = False  # a new record starts as a draft, as `safety365 new` writes it, until it is signed off
    if not required and "fields" in widget:
        _optional(widget["fields"])
    return widget


def _optional(fields: list[dict[str, Any]]) -> None:
    """Inside a group that may stay empty (a withdrawal, a sign-off) nothing is required by the form.

    Decap would otherwise refuse to save a record whose optional group is
    left empty; the desk's check still names a half-filled group's missing
    fields (缺少必填项…) when the record is saved.
    """
    for field in fields:
        field["required"] = False
        if "fields" in field:
            _optional(field["fields"])


def _kind_of(name: str, spec: dict[str, Any], definitions: dict[str, Any], names: _Names) -> dict[str, Any]:
    """The widget type and its options for a (non-null) schema."""
    target = spec.get("x-ref")
    if target in names.choices:
        return {"widget": "select", "options": names.choices[target]}
    if target == "record":
        return {"widget": "string"}
    if target in KINDS:
        return {
            "widget": "relation", "collection": target, "value_field": "{{filename}}",
            "search_fields": [form.HEADLINE], "display_fields": [form.HEADLINE], "options_length": 30,
        }
    if "enum" in spec:
        return {"widget": "select", "options": spec["enum"]}
    if spec.get("format") == "date":
        return dict(DATE)
    kind = spec.get("type")
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        bounds = {short: spec[key] for key, short in (("minimum", "min"), ("maximum", "max")) if key in spec}
        return {"widget": "number", "value_type": "int" if kind == "integer" else "float", **bounds}
    if kind == "object":
        required = set(spec.get("required", []))
        fields = [_widget(key, value, key in required, definitions, names) for key, value in spec["properties"].items()]
        return {"widget": "object", "collapsed": False, "fields": fields}
    if kind == "array":
        return _list(spec, definitions, names)
    if spec.get("x-media"):
        return {"widget": "image", "choose_url": False}
    if "pattern" in spec:
        return {"widget": "string", "pattern": [spec["pattern"], spec.get("description") or spec["pattern"]]}
    return {"widget": "text" if name in MULTILINE else "string"}


def _list(spec: dict[str, Any], definitions: dict[str, Any], names: _Names) -> dict[str, Any]:
    item = _unwrap(spec["items"], definitions)
    shape = _kind_of("", item, definitions, names)
    if shape["widget"] == "object":
        return {"widget": "list", "collapsed": False, "fields": shape["fields"], **_min(spec)}
    if shape["widget"] in ("select", "relation"):
        return {**shape, "multiple": True, **_min(spec)}
    if item.get("x-ref") == "record":
        return {"widget": "list", "hint": DESK["record_ids_hint"]}
    if shape["widget"] == "image":
        return {"widget": "list", "field": {"name": "photo", "label": item.get("title", ""), **shape}}
    return {"widget": "list", "field": {"name": "item", "label": item.get("title", "") or " ", **shape}, **_min(spec)}


def _min(spec: dict[str, Any]) -> dict[str, Any]:
    return {"min": spec["minItems"]} if "minItems" in spec else {}


def _unwrap(spec: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema behind `$ref` and `X | None`."""
    options = [option for option in spec.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        spec = {**options[0], **{key: value for key, value in spec.items() if key != "anyOf"}}
    if "$ref" in spec:
        spec = {**definitions[spec["$ref"].rsplit("/", 1)[1]], **{key: value for key, value in spec.items() if key != "$ref"}}
    return spec


def _is_chinese(text: str) -> bool:
    """Hints are shown to clerks: only the Chinese descriptions (the models' English docstrings are for developers)."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)

