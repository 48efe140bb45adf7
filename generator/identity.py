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
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_object(function: Callable[[T], R]) -> Callable[[T], R]:
    """`function(obj)` made once per live object (the object must allow weak references)."""
    found: dict[int, tuple[weakref.ref[T], R]] = {}

    @functools.wraps(function)
    def memoised(obj: T) -> R:
        key = id(obj)
        hit = found.get(key)
        if hit is not None and hit[0]() is obj:
            return hit[1]
        made = function(obj)
        found[key] = (weakref.ref(obj, lambda _, key=key: found.pop(key, None)), made)
        return made

    return memoised
