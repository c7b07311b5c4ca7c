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
import re

import msgspec

from silkcli.errors import Problem

#: A JSON surrogate-pair escape such as ``\ud83d\ude00`` (after an even run of backslashes).
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
#: What YAML counts as a line break (as ``yaml_read``), for the line of each pair.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SHRINK = len("\\ud83d\\ude00") - 1

#: For each line (1-based) with joined pairs, the columns (1-based, in the joined text) of the joined characters.
Shifts = dict[int, list[int]]


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
