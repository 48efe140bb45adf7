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
from generator.strings import CHECK

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


def decode(raw: bytes, limit: int = MAX_BYTES) -> str:
    """Text of a record file, or a SourceError that says exactly what is wrong."""
    if len(raw) > limit:
        raise SourceError(CHECK["too_large"].format(size=len(raw) // 1024, limit=limit // 1024))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceError(CHECK["bom"])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(CHECK["utf16"])
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise SourceError(CHECK["binary"], line, col)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        try:
            raw.decode("gbk")
        except UnicodeDecodeError:
            raise SourceError(CHECK["not_utf8"], line, col) from None
        raise SourceError(CHECK["gbk"], line, col) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            raise SourceError(CHECK["tab"], number, line.index("\t") + 1)


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


_YAML_PROBLEMS = {
    "did not find expected ',' or ']'": "yaml_flow_list",
    "did not find expected ',' or '}'": "yaml_flow_map",
    "mapping values are not allowed in this context": "yaml_colon_here",
    "mapping values are not allowed here": "yaml_colon_here",
    "did not find expected key": "yaml_expected_key",
    "could not find expected ':'": "yaml_expected_colon",
    "found character that cannot start any token": "yaml_bad_start",
    "found unexpected end of stream": "yaml_unexpected_end",
    "did not find expected node content": "yaml_no_content",
    "did not find expected '-' indicator": "yaml_expected_dash",
    "found undefined alias": "yaml_undefined_alias",
    "found unknown escape character": "yaml_bad_escape",
    "second occurrence": "yaml_duplicate_anchor",
}
"""libyaml's usual complaints (English, terse) and the message a clerk gets instead."""


def _yaml_message(problem: str, context: str) -> str:
    """The Chinese message for a parser error; an unusual one keeps the parser's words."""
    problem = problem.strip()
    key = _YAML_PROBLEMS.get(problem)
    if key == "yaml_unexpected_end" and "quoted scalar" in context:
        key = "yaml_unclosed_quote"
    if key is None:
        return CHECK["yaml_unknown"].format(problem=f"{context.strip()}: {problem}" if context else problem or "?")
    return CHECK["yaml"].format(problem=CHECK[key])


def parse(path: Path, text: str, budget: int = MAX_VALUES) -> Source:
    """Compose and build the data of one file (at most `budget` values), or raise a positioned SourceError."""
    _check_tabs(text)
    try:
        root = _Composer(text).get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc.problem or "", exc.context or "")
        if mark is None:
            raise SourceError(message) from None
        raise SourceError(message, *_clamp(text, mark.line + 1, mark.column + 1)) from None
    except YAMLError as exc:
        raise SourceError(CHECK["yaml_unknown"].format(problem=exc)) from None
    if root is None:
        return Source(path, None, None)
    return Source(path, _Builder(budget).build(root), root)


class _Builder:
    """Turns a node tree into dicts, lists and scalars, with a budget.

    Aliases point at shared nodes; following them is how an alias bomb grows,
    so every value built counts against MAX_VALUES.
    """

    def __init__(self, budget: int) -> None:
        self.budget = self.limit = budget

    def build(self, node: Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Overflow
        if depth > MAX_DEPTH:
            raise _error(node, CHECK["too_deep"].format(limit=MAX_DEPTH))
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
                raise _error(key_node, CHECK["merge_key"])
            if not isinstance(key_node, ScalarNode):
                raise _error(key_node, CHECK["key_not_text"])
            key = _scalar(key_node)
            if isinstance(key, (dt.date, float, bool)) or key is None:
                key = key_node.value
            if key in seen:
                raise _error(key_node, CHECK["duplicate_key"].format(key=key, line=seen[key]))
            seen[key] = key_node.start_mark.line + 1
            try:
                result[key] = self.build(value_node, depth + 1)
            except _Overflow:
                if depth:
                    raise
                raise _error(key_node, CHECK["alias_bomb"].format(key=key, limit=self.limit)) from None
        return result


class _Overflow(Exception):
    """The value budget ran out; reported at the top-level key that overspent it."""


def _scalar(node: Node) -> Any:
    tag = str(node.tag)
    value = node.value
    if not tag.startswith(_TAG):
        raise _error(node, CHECK["custom_tag"].format(tag=tag))
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
    raise _error(node, CHECK["value_type"].format(kind=kind))


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
        raise _error(node, CHECK["date_time"].format(value=node.value))
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        key = "bad_month" if not 1 <= month <= 12 else "bad_day" if year >= 1 else "bad_date"
        raise _error(node, CHECK[key].format(value=node.value, month=month, day=day)) from None


def _error(node: Node, message: str) -> SourceError:
    return SourceError(message, node.start_mark.line + 1, node.start_mark.column + 1)
