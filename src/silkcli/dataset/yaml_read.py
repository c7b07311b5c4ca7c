"""YAML text to plain Python values, straight from the parser's events.

PyYAML resolves YAML 1.1 types on plain scalars (``NO`` becomes ``False``,
``2024-12-03`` a date, ``12:30`` a number). Here no implicit type is resolved
at all: a plain scalar stays the text that was written (only ``~``, ``null``
and an empty value mean null), and the schema decides what the text must be.
Nothing is constructed from tags, so ``!!python/...`` can never run code.

Values are built from parser events, not from a composed node tree: the tree
costs ~45 bytes of memory per byte of YAML and this ~10, and it is faster.
Problems found here are placed at once; schema problems are placed later, on
the error path only, by :mod:`.yamlplace`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import yaml

from silkcli.errors import Problem, shorten

try:  # libyaml is 8-13x faster; the pure-Python parser is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class TextLoader(_BaseLoader):
    """Parses without resolving any implicit type."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


_NS = "tag:yaml.org,2002:"
_TAGS: dict[type, set[str | None]] = {
    yaml.ScalarEvent: {None, "!", _NS + "str"},
    yaml.SequenceStartEvent: {None, "!", _NS + "seq"},
    yaml.MappingStartEvent: {None, "!", _NS + "map"},
}
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 32
#: How many characters the parser is handed at a time when progress is reported.
_CHUNK = 256 * 1024
#: The 66 Unicode noncharacters (U+FDD0-FDEF and the last two of every plane): never text,
#: and U+FFFE/FFFF make the SVG brief ill-formed XML.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
#: C0 controls but tab and newline, DEL, C1 controls, the bidi overrides and isolates
#: (text that could rewrite a terminal or reorder a line) and the noncharacters.
UNSAFE_CHARS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{NONCHARACTERS}]")
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
#: UNSAFE_CHARS with every character from U+1FFFE up instead of the 32 noncharacters there, to
#: decide whether a whole file needs checking value by value: ``re`` scans a class of a few wide
#: ranges as fast as before (0.1 s for 7 MiB), one that lists the 32 took 14 times as long.
_MAYBE_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
)
#: What YAML's reader refuses anywhere in a stream: all but its printable characters.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What YAML counts as a line break (libyaml's marks count lines the same way).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Text that the schema would read as a number or a boolean, and the characters it can start with.
#: ("nan" and "inf" are left to the schema, which refuses them as out of range anyway.)
_TYPED_LOOK = re.compile(r"(?i:true|false|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?)")
_TYPED_START = frozenset("tTfF0123456789+-.")
#: Aliases together may repeat at most this many characters per character of the file, so a
#: loaded file holds at most twice its own text: a 1.4 MB file repeating one 9,900-character
#: quote 12,000 times through ``*q`` would otherwise load as 119 million characters (over
#: 512 MiB for ``export -f json``).
ALIAS_BUDGET = 1
_KEY = object()  # a mapping frame waits for its next key
_COLLECTION = object()  # an anchor names a list or mapping


class _BadKey:
    """Stands in for a key that is not usable text, so reading can go on."""

    def __str__(self) -> str:
        return "?"


def _unsafe(char: str) -> str:
    what = "noncharacter" if _NONCHARACTER.match(char) else "control or bidi character"
    return f"{what} U+{ord(char):04X} is not allowed in text"


def _at(event: yaml.Event) -> int:
    """Where ``event`` starts, as a character index."""
    return event.start_mark.index if event.start_mark else 0


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` in ``text``, counting lines as YAML does."""
    return Lines(text).line_col(index)


class Lines:
    """Places character indexes of one text: the text is scanned for line breaks once, at the first question.

    Each problem placed by scanning from the start made rejecting a file quadratic in its
    problems (8,000 undefined aliases in 180 KB took 21 s); a bisect over the line starts is not.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column of character ``index``."""
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _BREAK.finditer(self._text))]
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


class Reader:
    """Turns one YAML document into Python values, collecting problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        #: True when the text holds no document at all (empty, or only comments)
        self.empty = False
        self._text = ""
        self._lines = Lines("")
        self._anchors: dict[str, Any] = {}
        self._reported: set[str] = set()
        self._alias_room = 0  # characters aliases may still repeat
        self._stack: list[list[Any]] = []  # [container, key it waits to fill or _KEY, is a mapping]
        self._check_chars = True
        self._get: Any = None
        #: quoted scalars that read as numbers or booleans: (path, text)
        self.quoted: list[tuple[tuple[str | int, ...], str]] = []

    def read(self, text: str, *, on_read: Callable[[int], None] | None = None) -> Any:
        """The plain value of the single document in ``text``: dict, list, str or None.

        ``on_read`` is called with how many characters the parser has taken so far.
        """
        self._text = text
        self._lines = Lines(text)
        self._alias_room = ALIAS_BUDGET * len(text)
        nel = text.find("\x85")
        if nel >= 0:  # a C1 control that YAML would silently read as a line break
            self.problems = [self._problem(nel, _unsafe("\x85"), path="")]
            return None
        # Escapes can only produce an unsafe character where a backslash is written.
        self._check_chars = "\\" in text or _MAYBE_UNSAFE.search(text) is not None
        loader = TextLoader(text if on_read is None else Chunks(text, on_read))
        self._get = loader.get_event
        try:
            return self._document()
        except yaml.MarkedYAMLError as exc:
            self.problems = [syntax_problem(exc, text, self.filename)]
        except yaml.reader.ReaderError:
            self.problems = [self._unreadable(text)]
        except yaml.YAMLError as exc:
            self.problems = [Problem(self.filename, 1, 1, "", f"YAML error: {' '.join(str(exc).split())}")]
        except RecursionError:  # only the pure-Python parser recurses
            self.problems = [Problem(self.filename, 1, 1, "", "YAML syntax error: nested too deeply")]
        finally:
            loader.dispose()
        return None

    def _unreadable(self, text: str) -> Problem:
        """The character YAML's reader refused, placed by searching the text for it.

        The reader's own position is a byte offset into the UTF-8 text for libyaml,
        and a character index for the pure-Python reader: neither can be trusted as a column.
        """
        found = _NOT_PRINTABLE.search(text)
        index = found.start() if found else 0
        char = text[index] if found else "\ufffd"
        message = _unsafe(char) if UNSAFE_CHARS.match(char) else f"character U+{ord(char):04X} is not allowed"
        return self._problem(index, message, path="")

    def _document(self) -> Any:
        self._get()  # StreamStartEvent
        if isinstance(self._get(), yaml.StreamEndEvent):
            self.empty = True
            return None
        value = self._build()
        self._get()  # DocumentEndEvent
        event = self._get()
        if isinstance(event, yaml.DocumentStartEvent):
            message = "YAML syntax error: a second YAML document starts here; a dataset is a single document"
            self.problems.append(self._problem(_at(event), message, path=""))
        return value

    def _build(self) -> Any:
        """Fold one document's events into values: the hot loop of every load."""
        get, fast = self._get, not self._check_chars
        holder: list[Any] = []
        stack = self._stack = [[holder, None, False]]
        scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        while True:
            event = get()
            kind = event.__class__
            top = stack[-1]
            if kind is scalar and fast and event.tag is None and event.anchor is None:
                if top[2] and top[1] is _KEY:
                    top[1] = event.value if event.value not in top[0] else self._duplicate(event, event.value)
                    continue
                value = event.value
                if not event.style:
                    value = None if value in _NULLS else value
                elif value[:1] in _TYPED_START:  # quoted text that looks like a number or true/false
                    self._note_quoted(event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                if len(stack) == 1:
                    break
                stack[-1][1] = _KEY  # a mapping's key names its value until the value ends
                continue
            elif top[2] and top[1] is _KEY:
                top[1] = self._odd_key(event)
                continue
            else:
                value = self._value(event)
            if top[2]:
                top[0][top[1]] = value
            else:
                top[0].append(value)
            if value is not None and (kind is mapping or kind is sequence):
                stack.append([value, _KEY, kind is mapping])
            elif len(stack) == 1:  # the document is a single scalar
                break
            else:
                top[1] = _KEY
        return holder[0]

    def _value(self, event: yaml.Event) -> Any:
        """A value that needs more than the fast path: tags, anchors, aliases, checks."""
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        assert isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent))
        if event.tag not in _TAGS.get(type(event), ()):
            self._report(_at(event), f"YAML tag '{event.tag}' is not allowed")
        if not isinstance(event, yaml.ScalarEvent):
            container = self._container(event)
            if event.anchor is not None:
                self._anchors[event.anchor] = _COLLECTION
            return container
        value: str | None = event.value
        if event.tag is None and not event.style and value in _NULLS:
            value = None
        elif self._check_chars and value is not None:
            self._check_text(event, value)
        if (event.style or event.tag) and value is not None and value[:1] in _TYPED_START:
            self._note_quoted(event)
        if event.anchor is not None:
            self._anchors[event.anchor] = value
        return value

    def _container(self, event: yaml.Event) -> dict[str, Any] | list[Any] | None:
        """A new empty list or mapping, or None (its events skipped) when nested too deep."""
        if len(self._stack) <= MAX_DEPTH + 1:
            return {} if isinstance(event, yaml.MappingStartEvent) else []
        self._report(_at(event), f"nested more than {MAX_DEPTH} levels deep")
        depth = 1
        while depth:
            kind = type(self._get())
            depth += kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent)
            depth -= kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        return None

    def _alias(self, event: yaml.AliasEvent) -> Any:
        name = event.anchor or ""
        value = self._anchors.get(name, _KEY)
        if value is _KEY:
            self._report(_at(event), f"alias '*{name}' refers to no anchor")
        elif value is _COLLECTION:
            if name not in self._reported:
                self._reported.add(name)
                message = f"alias '*{name}' repeats a list or mapping; aliases are not allowed in a dataset"
                self._report(_at(event), message + ", write the value out")
            return None
        elif isinstance(value, str):
            return self._repeat(value, event)
        return None if value is _KEY else value

    def _repeat(self, value: str, event: yaml.AliasEvent) -> str | None:
        """``value`` as an alias repeats it, or None once aliases have repeated as much text as the file holds."""
        if self._alias_room < 0:
            return None
        self._alias_room -= len(value)
        if self._alias_room >= 0:
            return value
        message = f"alias '*{event.anchor}': the aliases so far repeat more text than the whole file holds"
        self._report(_at(event), message + "; write the text out")
        return None

    def _odd_key(self, event: yaml.Event) -> Any:
        """The key of a mapping entry that is tagged, anchored, an alias, not text, or unsafe."""
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._report(_at(event), "keys must be plain text")
            container = self._container(event)
            if container is not None:
                self._stack.append([container, _KEY, isinstance(container, dict)])
            return _BadKey()
        before = len(self.problems)
        if isinstance(event, yaml.AliasEvent):
            key = self._alias(event)
        else:
            assert isinstance(event, yaml.ScalarEvent)
            key = event.value if event.tag in _TAGS[yaml.ScalarEvent] else None
            if event.anchor is not None:
                self._anchors[event.anchor] = key
            if key is not None and self._check_chars:
                self._check_text(event, key)
        if not isinstance(key, str) or len(self.problems) > before:
            if len(self.problems) == before:
                self._report(_at(event), "keys must be plain text")
            return _BadKey()
        return key if key not in self._stack[-1][0] else self._duplicate(event, key)

    def _duplicate(self, event: yaml.Event, key: str) -> _BadKey:
        self._stack[-1][1] = key  # so that the path names it
        self._report(_at(event), "key given twice")  # the path ends with the key
        return _BadKey()

    def _note_quoted(self, event: yaml.ScalarEvent) -> None:
        """Keep where a quoted (or tagged) scalar reads as a number or a boolean would, with its path.

        The schema turns the text ``true`` or ``1.5`` into a boolean or a number; written
        in quotes it is text to YAML and to a schema-aware editor, so such a value is
        refused where the schema wants a boolean or a number (see ``schema_errors``).
        """
        if _TYPED_LOOK.fullmatch(event.value):
            last = len(self._stack) - 1
            parts = [
                str(key) if is_map else len(container) - (depth < last)
                for depth, (container, key, is_map) in enumerate(self._stack[1:], start=1)
            ]
            self.quoted.append((tuple(parts), event.value))

    def _check_text(self, event: yaml.ScalarEvent, value: str) -> None:
        match = UNSAFE_CHARS.search(value)
        if match is None:
            return
        start, end = _at(event), event.end_mark.index if event.end_mark else len(self._text)
        raw = self._text.find(match.group(), start, end)
        # written as is: point at the character itself; written as an escape such as \e: at the value
        self._report(raw if raw >= 0 else start, _unsafe(match.group()))

    def path(self) -> str:
        """The dotted path of the value being read."""
        out = ""
        last = len(self._stack) - 1
        for depth, (container, key, is_map) in enumerate(self._stack[1:], start=1):
            if is_map and key is _KEY:
                break
            # a list's current item is appended once it is a list or mapping being read
            index = len(container) - (depth < last)
            out += (f".{shorten(str(key))}" if out else shorten(str(key))) if is_map else f"[{index}]"
        return out

    def _report(self, index: int, message: str) -> None:
        self.problems.append(self._problem(index, message, path=self.path()))

    def _problem(self, index: int, message: str, *, path: str) -> Problem:
        line, column = self._lines.line_col(index)
        return Problem(self.filename, line, column, path, message)


class Chunks:
    """A file-like reader over ``text`` that reports how much was read."""

    #: what libyaml's marks call a str input, so messages are the same either way
    name = "<unicode string>"

    def __init__(self, text: str, on_read: Callable[[int], None]) -> None:
        self._text = text
        self._at = 0
        self._on_read = on_read

    def read(self, size: int = -1) -> str:
        """The next ``size`` characters (at least a chunk's worth, to keep calls few)."""
        end = len(self._text) if size < 0 else self._at + max(size, _CHUNK)
        piece = self._text[self._at : end]
        self._at += len(piece)
        self._on_read(self._at)
        return piece


#: libyaml's problems whose context would only confuse, said plainly.
_PLAIN_WORDS = {
    "found a tab character that violates indentation": "a tab is used for indentation; indent with spaces",
    "exceeded maximum nesting depth": "nested too deeply",
}
#: A line inside a quoted value that looks like the start of a new key or item.
_LOOKS_LIKE_KEY = re.compile(r"\n[ \t]*(?:- |[\w-]+:(?:[ \t]|$))")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, filename: str) -> Problem:
    """A YAML syntax error as one placed problem, with the context that locates its cause."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem and exc.context_mark:
        where = exc.context_mark
        what += f" ({exc.context} that starts at line {where.line + 1}, column {where.column + 1})"
    what = _PLAIN_WORDS.get(exc.problem or "", what) + _quote_hint(text, line)
    return Problem(filename, line, col, "", f"YAML syntax error: {what}")


def _quote_hint(text: str, error_line: int) -> str:
    """Point at a quoted value that ran on over lines, the usual sign of a missing quote."""
    suspect = None
    try:
        for token in yaml.scan(text, Loader=TextLoader):
            if token.start_mark.line + 1 > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                if _LOOKS_LIKE_KEY.search(text, token.start_mark.index, token.end_mark.index):
                    suspect = token.start_mark
    except yaml.YAMLError:
        pass
    if suspect is None:
        return ""
    return f"; is a closing quote missing for the value at line {suspect.line + 1}, column {suspect.column + 1}?"
