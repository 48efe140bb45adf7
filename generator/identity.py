"""Memoising a function of an immutable object by the object itself, for as long as it lives.

Records are frozen pydantic models holding lists, so they cannot be hashed,
and a build makes thousands of public copies that many pages and editions
each ask the same question of (their digest, the references they hold).
`functools.cache` would need hashable arguments and would keep every copy
alive; this keeps an answer by the object's id only while a weak reference
says it is the same object.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class PerObject(Generic[T, R]):
    """`function(obj)` made once per live object (the object must allow weak references)."""

    def __init__(self, function: Callable[[T], R]) -> None:
        self.function = function
        self.found: dict[int, tuple[weakref.ref[T], R]] = {}
        functools.update_wrapper(self, function)

    def __call__(self, obj: T) -> R:
        hit = self.found.get(id(obj))
        if hit is not None and hit[0]() is obj:
            return hit[1]
        return self.remember(obj, self.function(obj))

    def remember(self, obj: T, made: R) -> R:
        """Take `made` as `function(obj)` without calling it: for a copy of an object whose answer was kept with it."""
        key = id(obj)
        self.found[key] = (weakref.ref(obj, lambda _, key=key: self.found.pop(key, None)), made)
        return made


def per_object(function: Callable[[T], R]) -> PerObject[T, R]:
    """`function(obj)` made once per live object (see `PerObject`)."""
    return PerObject(function)
