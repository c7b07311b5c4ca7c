"""JSON text read by the YAML path: escaped surrogate pairs joined, places mapped back.

A JSON file with a problem is read again by the YAML reader, which places every
problem. JSON writes a character beyond the BMP as two escapes (``\\ud83d\\ude00``)
that YAML refuses, so they are joined into the one character first. That happens
only for a file that is JSON (a YAML file stays as written: in a single-quoted
YAML scalar ``\\ud83d`` is literal text), and only inside its strings (in JSON a
backslash can stand nowhere else). Each joined pair shortens its line by 11
characters, so columns reported on the joined text are mapped back.
"""

from __future__ import annotations

import bisect
import functools
import re
import typing
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.errors import Problem

#: A JSON surrogate-pair escape such as ``\ud83d\ude00`` (after an even run of backslashes).
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
#: What YAML counts as a line break (as ``yaml_read``), for the line of each pair.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SHRINK = len("\\ud83d\\ude00") - 1

#: For each line (1-based) with joined pairs, the columns (1-based, in the joined text) of the joined characters.
Shifts = dict[int, list[int]]


#: Where msgspec says a syntax error is.
_AT_BYTE = re.compile(r" \(byte (\d+)\)$")
#: A JSON string or a bracket, to find where nesting goes too deep in one pass.
_STRING_OR_BRACKET = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
#: How deep the typed decode may nest before the scan that places "too deep" takes over.
MAX_JSON_DEPTH = 32
#: What is written where msgspec finds an invalid character, and what to say about it.
_NOT_JSON = (
    (b"NaN", "NaN is not a JSON number; write a finite number or null"),
    (b"Infinity", "Infinity is not a JSON number; write a finite number or null"),
    (b"-Infinity", "-Infinity is not a JSON number; write a finite number or null"),
    (b"//", "comments are not allowed in JSON"),
    (b"/*", "comments are not allowed in JSON"),
    (b"'", "JSON strings take double quotes"),
)


def strict_problem(data: bytes, name: str, error: Exception | None = None) -> Problem | None:
    """Where ``data``, a file named as JSON, breaks the JSON grammar (RFC 8259), or None if it keeps it.

    ``error`` is what decoding it gave already (a DecodeError, or a RecursionError for nesting so deep
    that the decoder gave up), to spare decoding it again. A trailing comma, a comment, ``NaN`` or a
    single-quoted string is where YAML would take the text, so a JSON file is not read as YAML.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if error is None:
        try:
            msgspec.json.decode(body)
        except (msgspec.DecodeError, RecursionError) as exc:
            error = exc
        else:
            return None
    if isinstance(error, RecursionError):
        offset, message = _too_deep(body), f"JSON nested more than {MAX_JSON_DEPTH} levels deep"
    else:
        found = _AT_BYTE.search(str(error))
        offset = int(found.group(1)) if found else 0
        what = _AT_BYTE.sub("", str(error)).removeprefix("JSON is malformed: ")
        message = next((said for lead, said in _NOT_JSON if body.startswith(lead, offset)), what)
    line, column = _byte_line_col(body, offset)
    return Problem(name, line, column, "", f"JSON syntax error: {message}")


def _too_deep(data: bytes) -> int:
    """The byte offset of the first bracket that opens level ``MAX_JSON_DEPTH + 1`` (0 if none does)."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(data):
        char = data[match.start()]
        if char in b"[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return match.start()
        elif char in b"]}":
            depth -= 1
    return 0


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset`` (JSON breaks lines only with LF or CR LF)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace"))
    return data.count(b"\n", 0, offset) + 1, column + 1


def is_json(data: bytes) -> bool:
    """Whether ``data`` is well-formed JSON (any value: this is about syntax, not the schema)."""
    try:
        msgspec.json.decode(data)
    except msgspec.DecodeError:
        return False
    return True


def join_pairs(text: str) -> tuple[str, Shifts]:
    """``text`` (the text of a JSON file) with its surrogate-pair escapes joined, and where they were."""
    shifts: Shifts = {}
    pieces: list[str] = []
    done = line_start = 0
    line = 1
    for match in _SURROGATE_PAIR.finditer(text):
        start = match.end(1)  # where the escape's backslash is
        for brk in _BREAK.finditer(text, done, start):
            line, line_start = line + 1, brk.end()
        earlier = shifts.setdefault(line, [])
        earlier.append(start - line_start + 1 - _SHRINK * len(earlier))
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        pieces += [text[done:start], chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))]
        done = match.end()
    pieces.append(text[done:])
    return "".join(pieces), shifts


def unshift(problems: list[Problem], shifts: Shifts) -> list[Problem]:
    """``problems`` placed on the joined text, placed on the text as written."""
    if not shifts:
        return problems
    return [
        p._replace(column=p.column + _SHRINK * bisect.bisect_left(shifts.get(p.line, ()), p.column)) for p in problems
    ]


def has_duplicate_keys(data: bytes) -> bool:
    """Whether an object in ``data``, a JSON dataset, gives some key twice (False if it does not decode).

    Decoded into the dataset's shape (each object a Struct whose fields hold the raw
    JSON of their values, verbatim), the last of two equal keys wins, so the shape
    encodes with fewer colons than the file has: one key's at least. Without repeats
    the two hold the same colons, every key's and those inside values. Measured at
    100,000 documents (71 MiB): about a sixth of the typed decode's time.
    """
    try:
        shape = msgspec.json.decode(data, type=_shape(m.Dataset))
    except (msgspec.ValidationError, msgspec.DecodeError):
        return False  # not the dataset's shape: the typed decode says what is wrong
    return data.count(b":") != msgspec.json.encode(shape).count(b":")


@functools.cache
def _shape(cls: type[msgspec.Struct]) -> type[msgspec.Struct]:
    """A Struct with the fields of ``cls``, each optional: records nested as shapes, anything else raw JSON."""
    fields: list[tuple[str, Any, Any]] = []
    for field in m.fields_of(cls):
        struct, many = _nested(field.type)
        kind: Any = msgspec.Raw
        if struct is not None:
            shape: Any = _shape(struct)
            kind = list[shape] if many else shape | None
        fields.append((field.encode_name, kind | msgspec.UnsetType, msgspec.UNSET))
    return msgspec.defstruct(f"Shape{cls.__name__}", fields)


def _nested(kind: Any) -> tuple[type[msgspec.Struct] | None, bool]:
    """The record class a field holds (as ``X``, ``X | None`` or ``tuple[X, ...]``), and whether many."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) is tuple:
        inner, _ = _nested(typing.get_args(kind)[0])
        return inner, True
    args = [a for a in typing.get_args(kind) if a is not type(None)] if typing.get_origin(kind) else [kind]
    structs = [a for a in args if m.is_struct_type(a)]
    return (structs[0] if len(structs) == 1 else None), False
