"""Read one YAML file into plain Python data, keeping where every value stood.

The C parser composes a node tree (fast, and every node knows its line and
column); we build the data from that tree ourselves so that duplicate keys,
alias bombs, deep nesting and impossible dates are caught with a position,
and so that any later error can be placed by walking the same tree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

from generator.errors import SourceError

MAX_BYTES = 1 << 20
"""A record is a page of text; anything larger is a mistake or an attack."""
MAX_VALUES = 20_000
"""Values a file may expand to once anchors and aliases are followed."""
MAX_DEPTH = 12
"""Records nest three or four levels; deeper nesting is never legitimate."""

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TAG = "tag:yaml.org,2002:"


@dataclass
class Source:
    """A parsed file: its data and the node tree that says where each value is."""

    path: Path
    data: Any
    root: Node | None

    def position(self, loc: Iterable[str | int], *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `loc`, or of its key.

        Walks as deep as the tree allows, so a missing key is reported at the
        mapping that should hold it.
        """
        node = self.root
        if node is None:
            return 1, 1
        mark = node.start_mark
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return mark.line + 1, mark.column + 1


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def decode(raw: bytes) -> str:
    """Text of a record file, or a SourceError that says exactly what is wrong."""
    if len(raw) > MAX_BYTES:
        raise SourceError(f"file is too large ({len(raw) // 1024} KiB; a record may be at most {MAX_BYTES // 1024} KiB)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceError("file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("file is saved as UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise SourceError("file is binary (contains NUL bytes), not a YAML record", line, col)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        try:
            raw.decode("gbk")
        except UnicodeDecodeError:
            raise SourceError("file is not valid UTF-8; save it as UTF-8", line, col) from None
        raise SourceError(
            "file is not UTF-8: it looks like GBK (a Windows Chinese encoding); save it as UTF-8", line, col
        ) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            raise SourceError("tab used for indentation; YAML needs spaces", number, line.index("\t") + 1)


def _clamp(text: str, line: int, col: int) -> tuple[int, int]:
    """Keep a parser's end-of-stream mark on the last real line of the file."""
    lines = text.split("\n")
    line = min(line, len(lines))
    return line, min(col, len(lines[line - 1]) + 1)


def _implicit_1_2() -> dict[str, list[tuple[Tag, Any]]]:
    """YAML 1.2 implicit types by first character, as the stock resolver has them."""
    table: dict[str, list[tuple[Tag, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for char in first:
                table.setdefault(char, []).append((Tag(suffix=tag), regexp))
    return table


_IMPLICIT = _implicit_1_2()
_STR, _SEQ, _MAP = (Tag(suffix=_TAG + name) for name in ("str", "seq", "map"))


class _Composer(CParser, BaseResolver):  # type: ignore[misc]
    """libyaml's parser with a lean resolver.

    The stock resolver re-derives the YAML version for every scalar, which
    cost more than parsing itself; records are YAML 1.2, so resolve once.
    """

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self, loadumper=self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


def parse(path: Path, text: str) -> Source:
    """Compose and build the data of one file, or raise a positioned SourceError."""
    _check_tabs(text)
    try:
        root = _Composer(text).get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "invalid YAML").strip()
        if exc.context:
            problem = f"{exc.context.strip()}: {problem}"
        if mark is None:
            raise SourceError(f"invalid YAML: {problem}") from None
        raise SourceError(f"invalid YAML: {problem}", *_clamp(text, mark.line + 1, mark.column + 1)) from None
    except YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}") from None
    if root is None:
        return Source(path, None, None)
    return Source(path, _Builder().build(root), root)


class _Builder:
    """Turns a node tree into dicts, lists and scalars, with a budget.

    Aliases point at shared nodes; following them is how an alias bomb grows,
    so every value built counts against MAX_VALUES.
    """

    def __init__(self) -> None:
        self.budget = MAX_VALUES

    def build(self, node: Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Overflow
        if depth > MAX_DEPTH:
            raise _error(node, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        return _scalar(node)

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if str(key_node.tag) == _TAG + "merge":
                raise _error(key_node, "merge keys ('<<') are not supported; write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise _error(key_node, "a key must be plain text")
            key = _scalar(key_node)
            if isinstance(key, (dt.date, float, bool)) or key is None:
                key = key_node.value
            if key in seen:
                raise _error(key_node, f"duplicate key '{key}' (first used on line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
            try:
                result[key] = self.build(value_node, depth + 1)
            except _Overflow:
                if depth:
                    raise
                raise _error(key_node, f"'{key}' expands to more than {MAX_VALUES} values through anchors and aliases") from None
        return result


class _Overflow(Exception):
    """The value budget ran out; reported at the top-level key that overspent it."""


def _scalar(node: Node) -> Any:
    tag = str(node.tag)
    value = node.value
    if not tag.startswith(_TAG):
        raise _error(node, f"custom tag '{tag}' is not allowed")
    kind = tag[len(_TAG):]
    if kind == "str":
        return value
    if kind in ("int", "float"):
        return _number(kind, value)
    if kind == "bool":
        return value.lower() == "true"
    if kind == "null":
        return None
    if kind == "timestamp":
        return _date(node)
    raise _error(node, f"unsupported value type '{kind}'")


def _number(kind: str, text: str) -> int | float | str:
    """The number YAML means; text the resolver took for a number but Python can't read stays text."""
    digits = text.replace("_", "")
    try:
        if kind == "float":
            return float(digits)
        return int(digits, 0) if digits.lstrip("+-")[1:2] in ("b", "o", "x") else int(digits)
    except ValueError:
        return text


def _date(node: Node) -> dt.date:
    match = _DATE.match(node.value)
    if match is None:
        raise _error(node, f"'{node.value}' is a date and time; records take dates only, like 2017-06-05")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise _error(node, f"'{node.value}' is not a real date ({exc})") from None


def _error(node: Node, message: str) -> SourceError:
    return SourceError(message, node.start_mark.line + 1, node.start_mark.column + 1)
