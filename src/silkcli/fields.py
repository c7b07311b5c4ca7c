"""Field-by-field validation against the declared schema, for error reports.

msgspec stops at the first error. When a file fails the fast whole-file
conversion, this walks the same declarations struct by struct and field by
field, so the user sees every problem at once, each with its location.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

import msgspec

from .model import decode_hook

#: (path parts, message, points at the key rather than the value)
Issue = tuple[tuple[str | int, ...], str, bool]

_AT = re.compile(r" - at `\$(.*)`$")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_FRIENDLY = {
    r"matching regex '\S'": "must not be empty or blank",
    "matching regex '^[A-Za-z0-9][A-Za-z0-9._-]*$'": "an id (letters, digits, '.', '_' or '-')",
    "matching regex '^[A-Z]{2}$'": "an ISO 3166 alpha-2 code such as 'FR'",
    "of length >= 1": "a non-empty text",
}


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def split_path(text: str) -> tuple[str | int, ...]:
    """``.a[2].b`` to ``('a', 2, 'b')``."""
    return tuple(name if name else int(index) for name, index in _PART.findall(text))


def explain(exc: msgspec.ValidationError) -> tuple[tuple[str | int, ...], str]:
    """A msgspec error as (path parts, friendly message)."""
    text = str(exc)
    match = _AT.search(text)
    path = split_path(match.group(1)) if match else ()
    message = _AT.sub("", text)
    for raw, nice in _FRIENDLY.items():
        message = message.replace(f"`str` {raw}", nice)
    message = message.replace("Expected ", "expected ")
    return path, message


def _struct_of(kind: Any) -> type[msgspec.Struct] | None:
    """The Struct class a field holds, directly or as ``X | None``."""
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return kind
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        structs = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(structs) == 1:
            return _struct_of(structs[0])
    return None


def _items_struct(kind: Any) -> type[msgspec.Struct] | None:
    """The Struct class of ``tuple[X, ...]``, if the field is one."""
    if typing.get_origin(kind) is tuple:
        return _struct_of(typing.get_args(kind)[0])
    if typing.get_origin(kind) is typing.Annotated:
        return _items_struct(typing.get_args(kind)[0])
    return None


def _literal_choices(kind: Any) -> tuple[str, ...]:
    if typing.get_origin(kind) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(kind))
    return ()


def check_struct(value: Any, cls: type[msgspec.Struct], path: tuple[str | int, ...]) -> list[Issue]:
    """Every problem of ``value`` as a ``cls``, with paths below ``path``."""
    if not isinstance(value, dict):
        got = "null" if value is None else type(value).__name__
        return [(path, f"expected a mapping, got {got}", False)]
    fields = {f.encode_name: f for f in msgspec.structs.fields(cls)}
    issues: list[Issue] = []
    for key in value:
        if key not in fields:
            issues.append((path + (key,), f"unknown field '{key}'{suggest(key, fields)}", True))
    for name, info in fields.items():
        if name not in value:
            if info.required:
                issues.append((path, f"missing required field '{name}'", False))
            continue
        issues.extend(_check_field(value[name], info.type, path + (name,)))
    if not issues:
        issues.extend(_check_whole(value, cls, path))
    return issues


def _check_field(value: Any, kind: Any, path: tuple[str | int, ...]) -> list[Issue]:
    struct = _struct_of(kind)
    if struct is not None and value is not None:
        return check_struct(value, struct, path)
    items = _items_struct(kind)
    if items is not None and isinstance(value, list):
        return [issue for i, item in enumerate(value) for issue in check_struct(item, items, path + (i,))]
    return _check_whole(value, kind, path)


def _check_whole(value: Any, kind: Any, path: tuple[str | int, ...]) -> list[Issue]:
    try:
        msgspec.convert(value, kind, strict=False, dec_hook=decode_hook)
    except msgspec.ValidationError as exc:
        sub, message = explain(exc)
        if kind is bool and isinstance(value, str):
            message = f"expected true or false, got '{value}'"
        choices = _literal_choices(kind)
        if choices and isinstance(value, str):
            message = f"unknown value '{value}'{suggest(value, choices)}; expected one of: {', '.join(choices)}"
        return [(path + sub, message, False)]
    return []


def convert(value: Any, cls: type[msgspec.Struct]) -> Any:
    """The fast path: the whole value at once; raises msgspec.ValidationError."""
    return msgspec.convert(value, cls, strict=False, dec_hook=decode_hook)

