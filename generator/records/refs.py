"""Typed references: a field that names a registered unit or another record.

A reference is a plain string in YAML; marking its type with `Ref` lets one
walker find every reference in any model, so checking them (and hinting the
nearest valid name) is written once for all record kinds.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, Protocol

from pydantic import AfterValidator, BaseModel, Field, ValidationInfo
from pydantic_core import PydanticCustomError
from pydantic.fields import FieldInfo

from generator.identity import per_object
from generator.strings import CHECK

Loc = tuple[str | int, ...]
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""The ASCII part of a record's file name, after its date."""
RECORD_ID = re.compile(rf"^\d{{4}}-\d{{2}}-\d{{2}}-{SLUG}$")
"""A record's id: its file name without .yaml, the date it speaks for and a slug."""


@dataclass(frozen=True)
class Ref:
    """What a string field refers to: 'town', 'unit', 'editor' or a record kind."""

    target: str


Found = tuple[Loc, Ref, str]
"""A reference found in a document: where, to what, and the name or id it gives."""


class Registry(Protocol):
    def unknown(self, target: str, name: str) -> str | None:
        """Why `name` is not a registered `target` ('town', 'unit' or 'editor'), or None."""


REGISTERED = {"unit": "units", "town": "units", "editor": "office"}
"""Targets named from a registry file, and the validation-context key that holds that registry."""


def _unregistered(target: str, value: str, context: Mapping[str, Any] | None) -> str | None:
    """Why `value` is not a registered `target` in the registries of a validation context, or None (also without one)."""
    registry: Registry | None = (context or {}).get(REGISTERED[target])
    return registry.unknown(target, value) if registry is not None else None


def _registered(target: str, value: str, info: ValidationInfo) -> str:
    """Check a unit, town or editor name against the registry given as validation context."""
    problem = _unregistered(target, value, info.context)
    if problem:
        raise PydanticCustomError("unregistered", "{message}", {"message": problem})
    return value


class Registered:
    """Whether every unit, town and editor name a model gives is registered in the registries of one validation context:
    of the registries, that is all validating it again would check, as only `_unregistered` reads them.

    Each name is looked up once: the bench's ten thousand records give
    46,445 names between them, 92 of them distinct.
    """

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.context = context
        self.answers: dict[tuple[str, str], bool] = {}

    def __call__(self, model: BaseModel) -> bool:
        return all(self._known(name) for name in registry_names(model))

    def _known(self, name: tuple[str, str]) -> bool:
        found = self.answers.get(name)
        if found is None:
            found = self.answers[name] = _unregistered(*name, self.context) is None
        return found


@per_object
def registry_names(model: BaseModel) -> tuple[tuple[str, str], ...]:
    """(target, name) of each unit, town and editor name `model` gives: walked once per object, as a registry save in the
    preview asks it of every record read valid before (`other_records` notes it from the walk it makes anyway)."""
    return _names(iter_refs(model))


def other_records(model: BaseModel) -> list[Found]:
    """`model`'s references to other records (its unit, town and editor names are checked while validating); its
    `registry_names` are noted from the same walk."""
    found = list(iter_refs(model))
    registry_names.remember(model, _names(found))
    return [item for item in found if item[1].target not in REGISTERED]


def _names(found: Iterable[Found]) -> tuple[tuple[str, str], ...]:
    """(target, name) of the unit, town and editor names among the references `found`."""
    return tuple((ref.target, value) for _, ref, value in found if ref.target in REGISTERED)


def ref(target: str, title: str, description: str) -> Any:
    """A string type that refers to `target`, with Chinese schema title and description.

    Unit, town and editor names are checked while validating, against the
    registry passed as context, so they are reported with every other field
    error; record ids can only be checked once all records are read (the catalog).
    """
    checks: list[Any] = [AfterValidator(partial(_registered, target))] if target in REGISTERED else []
    return Annotated[
        str,
        Ref(target),
        Field(min_length=1, title=title, description=description, json_schema_extra={"x-ref": target}),
        *checks,
    ]


MEDIA_FOLDER = "media"
"""Where uploaded photos live, inside the records folder."""
MEDIA_FILE = rf"^{MEDIA_FOLDER}/[a-z0-9][a-z0-9_-]*\.(jpg|png)$"


def _uploaded(value: str, info: ValidationInfo) -> str:
    """Check that a photo named by a record is there, with the test for it given as validation context."""
    exists: Callable[[str], bool] | None = (info.context or {}).get("media")
    if exists is not None and not exists(value):
        raise PydanticCustomError("unregistered", "{message}", {"message": CHECK["no_media"].format(path=value)})
    return value


def media_file(title: str, description: str) -> Any:
    """A string naming an uploaded photo (`media/….jpg`), checked to exist while validating."""
    return Annotated[
        str,
        Field(pattern=MEDIA_FILE, title=title, description=description, json_schema_extra={"x-media": True}),
        AfterValidator(_uploaded),
    ]


def field_ref(field: FieldInfo) -> Ref | None:
    """The Ref a model field carries, if it is a reference (optional or not)."""
    return _find_ref(field.metadata) or _find_ref_in(field.annotation)


def iter_refs(model: BaseModel, loc: Loc = ()) -> Iterator[Found]:
    """Every reference held by `model` and its nested models, with its location."""
    for name, annotation, target in _fields(type(model)):
        yield from _walk(annotation, target, getattr(model, name), (*loc, name))


@per_object
def referred(model: BaseModel) -> tuple[str, ...]:
    """What `model` refers to (record ids, unit names, ...), in order: walked once per object, however many pages show it."""
    return tuple(value for _, _, value in iter_refs(model))


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any, Ref | None], ...]:
    """The fields that can hold a reference, with annotation and Ref: read from the class once, not per record.

    Fields that can hold none (dates, text, numbers) are left out, so a walk
    over ten thousand records visits only the few fields that matter.
    """
    fields = ((name, field.annotation, field_ref(field)) for name, field in model.model_fields.items())
    return tuple((name, annotation, target) for name, annotation, target in fields if target or _holds_refs(annotation))


def _holds_refs(annotation: Any) -> bool:
    """Whether a field that is not a reference itself holds some: a list of references or a model with them."""
    return _find_ref_in(list_item(annotation)) is not None or any(map(_fields, _models_in(annotation)))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold (`Finding`, `list[Score]`, `Review | None`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _walk(annotation: Any, target: Ref | None, value: Any, loc: Loc) -> Iterator[tuple[Loc, Ref, str]]:
    if value is None:
        return
    if target is not None and isinstance(value, str):
        yield loc, target, value
    elif isinstance(value, BaseModel):
        yield from iter_refs(value, loc)
    elif isinstance(value, list) and value:
        item = list_item(annotation)
        item_ref = _find_ref_in(item)
        for index, element in enumerate(value):
            yield from _walk(item, item_ref, element, (*loc, index))


def _find_ref(metadata: Any) -> Ref | None:
    return next((m for m in metadata if isinstance(m, Ref)), None)


def _find_ref_in(annotation: Any) -> Ref | None:
    """The Ref inside `Annotated[str, Ref]`, also when wrapped in `X | None`."""
    if typing.get_origin(annotation) is Annotated:
        return _find_ref(annotation.__metadata__)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        for arg in typing.get_args(annotation):
            found = _find_ref_in(arg)
            if found is not None:
                return found
    return None


def list_item(annotation: Any) -> Any:
    """The item type of `list[X]` (also inside Annotated), or None."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else None
