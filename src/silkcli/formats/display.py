"""Values as people read them, without Rich: thousands separators, USGS markers, bars.

The table, the brief's HTML, Markdown and text renderers use these, so they
live apart from the table and cost next to nothing to import.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from silkcli.listings.listing import NO_DATE, UNKNOWN_PART

if TYPE_CHECKING:  # start-up: the brief's renderers use these helpers without any listing
    from silkcli.listings.listing import Value

_MARKS = {"estimated": "e", "not_available": "NA", "zero": "—", "lower_bound": ">", "approximate": "≈", "upper": "≤"}


def text_value(value: Value) -> str:
    """A value as one cell of text: lists joined with '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "; ".join(map(str, value))  # structured entries (parties, claims) as their text
    if isinstance(value, float):
        return repr(value)
    return str(value)


#: Markdown punctuation that can start markup (emphasis, code, links, raw HTML, tables, headings).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")


def markdown_text(text: str) -> str:
    """Data as literal Markdown text: every punctuation mark that means something is escaped.

    So ``<img onerror=…>`` or ``[x](javascript:…)`` in the data is shown, never made live.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


#: A whole value that is a web address (the schema's URL rule: no white space).
URL = re.compile(r"https?://\S+")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: a date in words (``3 December 2024``, ``4 December``, ``January 2025``), which wraps as one word: a date never breaks
_PROSE_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|(?:{_MONTHS}) \d{{4}})\b")
#: what holds a prose date's words together while a text is wrapped (a space that is not one)
_GLUE = "\ue000"


def markdown_url(url: str) -> str:
    """An autolink ``<URL>``: its address exactly, where escaping ``_`` or ``&`` would cut it short.

    Angle brackets and ``|`` (which ends a table cell) are percent-encoded, as a browser sends them.
    """
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") + ">"


def markdown_value(text: str) -> str:
    """A value in Markdown: a web address as an autolink, anything else as literal text."""
    return markdown_url(text) if URL.fullmatch(text) else markdown_text(text)


def display(value: Value, marker: Value = None) -> str:
    """A value as people read it: thousands separators, USGS-style markers."""
    if marker == "not_available" and value is None:
        return "NA"
    if marker == "no_date" and value is None:  # a source whose publication date is not known
        return NO_DATE
    if marker == "zero":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, float):
        text = f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) <= 1e15 else repr(value)
    elif isinstance(value, str) and str(marker) in UNKNOWN_PART:  # a date's precision: 2024-12 (day unknown)
        return f"{value}\n({UNKNOWN_PART[str(marker)]})"  # on its own line, so the column stays narrow
    else:
        return text_value(value)
    mark = _MARKS.get(str(marker), "") if marker else ""
    if mark in (">", "≈", "≤"):
        return mark + text
    return text + mark


def bar(fraction: float, width: int = 12) -> str:
    """A horizontal bar of ``width`` cells filled to ``fraction`` (eighths precision)."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else "")


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: Hangul, CJK and other wide characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    """One character's cells, remembered: a table of Hangul text measures the same few hundred again and again."""
    import unicodedata  # noqa: PLC0415 - start-up: the JSON query path imports this module but never measures

    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def fold_points(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """``text[start:end]`` (a word) cut into pieces of at most ``width`` cells, as offsets; a piece holds
    at least one character."""
    if end - start <= width and text[start:end].isascii():
        return [(start, end)]
    pieces, begin, used = [], start, 0
    for i in range(start, end):
        size = cell_width(text[i])
        if used and used + size > width:
            pieces.append((begin, i))
            begin, used = i, 0
        used += size
    return [*pieces, (begin, end)]


def wrap_cells(text: str, width: int, *, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` wrapped between words into lines of at most ``width`` terminal cells.

    Each line starts with ``first`` (the first) or ``rest`` (the others; as
    many spaces as ``first`` by default); a word longer than a line is cut,
    except a web address: it stands whole, on a line of its own when it does
    not fit beside the text, and alone from the margin (the one line that may
    be wider) when it is longer than the line. A date in words (``3 December
    2024``) is never broken.
    """
    rest = " " * cell_width(first) if rest is None else rest
    return [unglued(line) for line in _wrapped(glued_dates(text), width, first, rest)]


def glued_dates(text: str) -> str:
    """``text`` with each date in words made one word for wrapping (:func:`unglued` undoes it); a text that
    holds the glue character itself is left as it is, every character kept."""
    return text if _GLUE in text else _PROSE_DATE.sub(lambda date: date[0].replace(" ", _GLUE), text)


def unglued(text: str) -> str:
    """A line of a text :func:`glued_dates` glued, with its spaces back."""
    return text.replace(_GLUE, " ")


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    line, used = first, cell_width(first)
    fresh = True
    for word in text.split():
        size = cell_width(word)
        if not fresh and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not fresh:
            lines.append(line)
            line, used = rest, cell_width(rest)
        room = max(1, width - used)
        if size > room and URL.fullmatch(word):
            if line.strip():  # a label such as ``url:`` or ``[7]`` keeps its line
                lines.append(line.rstrip())
                line, used = rest, cell_width(rest)
            line, used = (line + word, used + size) if used + size <= width else (word, size)
            fresh = False
            continue
        *whole, last = [word[a:b] for a, b in fold_points(word, 0, len(word), room)] if size > room else [word]
        for piece in whole:
            lines.append(line + piece)
            line, used = rest, cell_width(rest)
        line, used, fresh = line + last, used + cell_width(last), False
    return [*lines, line] if not fresh else lines
