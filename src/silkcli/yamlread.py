"""YAML text to plain Python values, keeping where every value came from.

PyYAML resolves YAML 1.1 types on plain scalars (``NO`` becomes ``False``,
``2024-12-03`` a date, ``12:30`` a number). Here no implicit type is resolved
at all: a plain scalar stays the text that was written (only ``~``, ``null``
and an empty value mean null), and the schema decides what the text must be.
Nothing is constructed from tags, so ``!!python/...`` can never run code.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Problem

try:  # libyaml is 8-13x faster; the pure-Python parser is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _TextLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Composes nodes without resolving any implicit type."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {_STR, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 32
#: C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides
#: and isolates: text that could rewrite a terminal or reorder a line.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe_char_message(text: str) -> str | None:
    """Say which unsafe character ``text`` holds, or None when it holds none."""
    match = UNSAFE_CHARS.search(text)
    if match is None:
        return None
    return f"control or bidi character U+{ord(match.group()):04X} is not allowed in text"


class Reader:
    """Turns one YAML document into Python values, collecting problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        """Record a problem at ``node``'s start."""
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, path, message))

    def compose(self, text: str) -> yaml.Node | None:
        """Parse ``text`` to a node tree; a syntax error becomes a problem."""
        try:
            return yaml.compose(text, Loader=_TextLoader)  # noqa: S506 - composes only, constructs nothing
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = exc.problem or exc.context or "invalid YAML"
            self.problems.append(Problem(self.filename, line, col, "", f"YAML syntax error: {what}"))
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.filename, 1, 1, "", f"YAML error: {exc}"))
        except RecursionError:
            self.problems.append(Problem(self.filename, 1, 1, "", "YAML nested too deeply"))
        return None

    def to_python(self, node: yaml.Node, path: str = "", depth: int = 0) -> Any:
        """The plain value of ``node``: dict, list, str or None."""
        if depth > MAX_DEPTH:
            self.problem(node, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if id(node) in self._seen:
            self.problem(node, path, "YAML aliases are not allowed in a dataset; write the value out")
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, path, f"YAML tag '{node.tag}' is not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.to_python(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _scalar(self, node: yaml.ScalarNode, path: str) -> str | None:
        value: str = node.value
        if node.style is None and value in _NULLS:
            return None
        message = unsafe_char_message(value)
        if message:
            self.problem(node, path, message)
        return value

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problem(key_node, path, "keys must be plain text")
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if key in result:
                self.problem(key_node, child, f"duplicate key '{key}'")
                continue
            result[key] = self.to_python(value_node, child, depth + 1)
        return result


def find_node(root: yaml.Node | None, path: tuple[str | int, ...]) -> yaml.Node | None:
    """The node at ``path`` below ``root``, or the deepest one that exists."""
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part]
            if not match:
                return node
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def find_key(root: yaml.Node | None, path: tuple[str | int, ...]) -> yaml.Node | None:
    """The key node naming the last part of ``path`` (for unknown fields)."""
    parent = find_node(root, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _ in parent.value:
            if isinstance(key, yaml.ScalarNode) and key.value == path[-1]:
                return key
    return parent
