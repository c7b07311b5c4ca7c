"""Values as people read them, without Rich: thousands separators, USGS markers, bars.

The brief's HTML, Markdown and text renderers use these too, so they live
apart from the Rich table and cost nothing to import.
"""

from __future__ import annotations

import re

from silkcli.listings.chronology import NO_DATE, UNKNOWN_PART
from silkcli.listings.listing import Value

_MARKS = {"estimated": "e", "not_available": "NA", "zero": "—", "lower_bound": ">", "approximate": "≈", "upper": "≤"}


def text_value(value: Value) -> str:
    """A value as one cell of text: lists joined with '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "; ".join(value)
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
        text = f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else repr(value)
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
