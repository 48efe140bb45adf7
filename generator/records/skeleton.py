"""Skeletons for `safety365 new`: a valid, commented record an editor fills in.

The skeleton is written from the model itself (field titles, descriptions and
examples), so it cannot drift from what `check` accepts. It is marked
`public: false`, so an unfinished record never reaches an output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from pydantic import BaseModel

from generator.records.models import Record
from generator.records.refs import field_ref, list_item
from generator.records.registry import Units
from generator.records.vocabulary import ORDER_CODE, Disposition, UnitKind

SCHEMA_DIR = "schema"


def schema_comment(kind: str, depth: int) -> str:
    """The first line of a record file, pointing editors' YAML tools at its schema."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json"


def free_order_no(records: Path, year: int, code: str, disposition: Disposition) -> str:
    """The next unused order number of `year` for a case of `disposition`, read from the case files' text.

    The office numbers its orders in one running count a year, whatever their
    kind, and marks the kind by the character after its `code` (平安办督, 平安办交,
    平安办转): the sample archive's numbers interleave that way. Plain text, not
    the catalog, so that `new` works even while other records still have problems.
    """
    used = re.compile(rf"〔{year}〕(\d+)号")
    numbers = [
        int(match)
        for path in (records / "case" / str(year)).glob("*.yaml")
        for match in used.findall(path.read_text(encoding="utf-8", errors="replace"))
    ]
    return f"{code}{ORDER_CODE[disposition]}〔{year}〕{max(numbers, default=0) + 1}号"


def skeleton(
    model: type[Record], units: Units, date: dt.date, title: str | None, values: dict[str, Any] | None = None
) -> str:
    """YAML text of a new record of `model`, valid against `units`; `values` override placeholders."""
    values = {"title": title, **(values or {})} if title else values or {}
    lines = [schema_comment(model.kind, 3), f"# {model.model_config.get('title')}"]
    lines.append("# 以 # 开头的行是说明；带 # 的可选项去掉 # 即可启用。")
    for name, field in model.model_fields.items():
        if name == "id":
            continue
        lines.append(f"# {_describe(field)}")
        value = values[name] if name in values else _value(name, field, units, date)
        if name == "public":
            lines.append("public: false  # 填写完毕、经审核签发（review）后改为 true")
        elif field.is_required() or name == "title" or name in values:
            lines.append(f"{name}: {_flow(value)}")
        else:
            lines.append(f"# {name}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    """A value as YAML flow text: JSON, except that dates stay unquoted YAML dates (also nested)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _describe(field: FieldInfo) -> str:
    text = field.title or ""
    if field.description:
        text += f"：{field.description}"
    return text + ("（必填）" if field.is_required() else "（可选）")


def _value(name: str, field: FieldInfo, units: Units, date: dt.date, index: int = 0) -> Any:
    """A valid placeholder: a registered name, a date near `date`, or the field's example."""
    if field.annotation in (dt.date, dt.date | None):
        return date if name == "date" else date + dt.timedelta(days=15)
    target = field_ref(field)
    if target is not None:
        names = [unit.name for _, kind, unit in units.entries() if target.target == "unit" or kind is UnitKind.TOWN]
        if target.target in ("unit", "town"):
            return names[index % len(names)]
        return field.examples[0] if field.examples else "YYYY-MM-DD-slug"
    nested = _optional_model(field.annotation)
    if nested is not None:
        return _example(nested, units, date, index)
    item = list_item(field.annotation)
    if field.is_required() and isinstance(item, type) and issubclass(item, BaseModel):
        count = next((m.min_length for m in field.metadata if hasattr(m, "min_length")), 1)
        return [_example(item, units, date, i) for i in range(count)]
    if field.examples:
        return field.examples[0]
    if field.default_factory is not None:
        return field.default_factory()  # type: ignore[call-arg]
    return field.default


def _optional_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a `Model | None` field (an optional nested mapping such as the sign-off), or None."""
    models = [arg for arg in typing.get_args(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)]
    return models[0] if len(models) == 1 and type(None) in typing.get_args(annotation) else None


def _example(model: type[BaseModel], units: Units, date: dt.date, index: int) -> dict[str, Any]:
    return {
        name: _value(name, field, units, date, index)
        for name, field in model.model_fields.items()
        if field.is_required()
    }
