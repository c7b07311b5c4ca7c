"""Field-by-field validation against the declared schema, for error reports.

msgspec stops at the first error. When a file fails the fast whole-file
conversion, this walks the same declarations struct by struct and field by
field, so the user sees every problem at once, each with its location.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from typing import Any

import msgspec

from silkcli.dataset.model import decode_hook, fields_of, is_struct_type, pattern_words
from silkcli.errors import shorten
from silkcli.errors import suggest as suggest  # re-exported

#: (path parts, message, points at the key rather than the value)
Issue = tuple[tuple[str | int, ...], str, bool]

_AT = re.compile(r" - at `\$(.*)`$")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


@functools.cache
def _friendly() -> dict[str, str]:
    """msgspec's words for each pattern of the schema, and what the pattern asks for, said for people."""
    return {f"`str` matching regex {pattern!r}": words for pattern, words in pattern_words().items()}


_LENGTHS = (
    (re.compile(r"`str` of length >= 1\b"), "a non-empty text"),
    (re.compile(r"`str` of length (<|>)= (\d+)"), "a text of at {} {} characters"),
    (re.compile(r"`array` of length (<|>)= (\d+)"), "a list of at {} {} items"),
    (re.compile(r"`(?:int|float)` [<>]= -?1000000000000000(?:\.0)?(?![0-9])"), "a number between -1e15 and 1e15"),
)
_TYPE_WORDS = {
    "str": "text",
    "array": "a list",
    "list": "a list",
    "object": "a mapping",
    "dict": "a mapping",
    "null": "null",
    "int | float": "a number",
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "date": "a date",
}
_TYPE = re.compile(r"`([^`]+)`")
_LONG_QUOTE = re.compile(r"'([^']{41,})'")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def split_path(text: str) -> tuple[str | int, ...]:
    """``.a[2].b`` to ``('a', 2, 'b')``."""
    return tuple(name if name else int(index) for name, index in _PART.findall(text))


def explain(exc: msgspec.ValidationError) -> tuple[tuple[str | int, ...], str]:
    """A msgspec error as (path parts, friendly message)."""
    text = str(exc)
    match = _AT.search(text)
    path = split_path(match.group(1)) if match else ()
    return path, in_words(_AT.sub("", text))


def in_words(message: str) -> str:
    """msgspec's wording (```str` matching regex ...``) said for people."""
    for raw, nice in _friendly().items():
        message = message.replace(raw, nice)
    for pattern, words in _LENGTHS:
        message = pattern.sub(functools.partial(_length_words, words), message)
    message = _TYPE.sub(lambda m: _type_words(m.group(1)), message)
    message = _LONG_QUOTE.sub(lambda m: described(m.group(1)), message)
    return message.replace("Expected ", "expected ")


def _length_words(words: str, match: re.Match[str]) -> str:
    if not match.groups():
        return words
    return words.format("most" if match.group(1) == "<" else "least", match.group(2))


def _type_words(kind: str) -> str:
    """``str | null`` to ``text or null``."""
    parts = kind.replace("int | float", "number").split(" | ")
    words = [_TYPE_WORDS.get(part, "a number" if part == "number" else "") for part in parts]
    return " or ".join(words) if all(words) else f"`{kind}`"


def described(value: Any) -> str:
    """A value as an error message names it: ``null``, ``a list``, ``'text'``."""
    if isinstance(value, str):
        return f"'{shorten(value)}'"
    return {type(None): "null", list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _struct_of(kind: Any) -> type[msgspec.Struct] | None:
    """The Struct class a field holds, directly or as ``X | None``."""
    if is_struct_type(kind):
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
    if typing.get_origin(kind) is typing.Annotated:
        return _literal_choices(typing.get_args(kind)[0])
    if typing.get_origin(kind) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(kind))
    return ()


def check_struct(value: Any, cls: type[msgspec.Struct], path: tuple[str | int, ...]) -> list[Issue]:
    """Every problem of ``value`` as a ``cls``, with paths below ``path``."""
    if not isinstance(value, dict):
        what = "the top level must be a mapping of sections" if not path else "expected a mapping"
        return [(path, f"{what}, got {described(value)}", False)]
    fields = {f.encode_name: f for f in fields_of(cls)}
    missing = [name for name, info in fields.items() if info.required and name not in value]
    issues: list[Issue] = []
    for key in value:
        if key not in fields:
            hint = suggest(key, fields)
            if hint and hint.split("'")[1] in missing:  # a misspelt key: one problem, not two
                missing.remove(hint.split("'")[1])
            issues.append((path + (key,), f"unknown field {described(key)}{hint}", True))
    issues.extend((path, f"missing required field '{name}'", False) for name in missing)
    for name, info in fields.items():
        if name in value:
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
        if not sub and not isinstance(value, dict):
            message = _scalar_message(value, kind, message)
        return [(path + sub, message, False)]
    return []


def _scalar_message(value: Any, kind: Any, message: str) -> str:
    """Say what was wrong with a single value, naming it."""
    if not isinstance(value, str):
        return message if ", got" in message else f"{message}, got {described(value)}"
    choices = _literal_choices(kind)
    if choices:
        return f"unknown value {described(value)}{suggest(value, choices)}; expected one of: {', '.join(choices)}"
    if kind is bool:
        return f"expected true or false, got {described(value)}"
    if kind is dt.date:
        return (
            f"{described(value)} is not a possible date"
            if _ISO_DATE.match(value)
            else f"{described(value)} is not a date: use YYYY-MM-DD{non_ascii_digits(value)}"
        )
    if " characters" in message:
        return f"{message}, got {len(value)}"
    if message.endswith(", got text"):
        return message[: -len("text")] + described(value)
    return message if ", got" in message or "date" in message else f"{message}, got {described(value)}"


def quoted_issues(quoted: list[tuple[tuple[str | int, ...], str]], cls: type[msgspec.Struct]) -> list[Issue]:
    """Quoted text such as ``"true"`` or ``"1.5"`` where ``cls`` wants a boolean or a number.

    ``quoted`` holds the paths and texts of quoted YAML scalars that read as such
    (``yaml_read.Reader.quoted``); the schema would convert them, so they are caught here.
    """
    issues: list[Issue] = []
    for path, text in quoted:
        kinds = _scalar_types(_kind_at(cls, path)) - {type(None)}
        if kinds and kinds <= {bool}:
            issues.append(
                (path, f'expected true or false, got the quoted text "{shorten(text)}": write it without quotes', False)
            )
        elif kinds and kinds <= {int, float}:
            issues.append(
                (path, f'expected a number, got the quoted text "{shorten(text)}": write it without quotes', False)
            )
    return issues


def _kind_at(cls: type[msgspec.Struct], path: tuple[str | int, ...]) -> Any:
    """The declared type of the value at ``path`` below ``cls``, or None if there is none."""
    kind: Any = cls
    for part in path:
        if isinstance(part, int):
            while typing.get_origin(kind) is typing.Annotated:
                kind = typing.get_args(kind)[0]
            kind = typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else None
        else:
            struct = _struct_of(kind)
            kind = {f.encode_name: f.type for f in fields_of(struct)}.get(part) if struct else None
        if kind is None:
            return None
    return kind


def _scalar_types(kind: Any) -> set[Any]:
    """``Annotated[float, ...] | int | None`` to ``{float, int, NoneType}``."""
    if typing.get_origin(kind) is typing.Annotated:
        return _scalar_types(typing.get_args(kind)[0])
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return set().union(*(_scalar_types(arg) for arg in typing.get_args(kind)))
    return {kind}


def non_ascii_digits(text: str) -> str:
    """`` with the digits 0-9`` when ``text`` has digits of another script ('２０２４'), else nothing."""
    return " with the digits 0-9" if any(c.isdigit() and not c.isascii() for c in text) else ""


def convert(value: Any, cls: type[msgspec.Struct]) -> Any:
    """The fast path: the whole value at once; raises msgspec.ValidationError."""
    return msgspec.convert(value, cls, strict=False, dec_hook=decode_hook)
