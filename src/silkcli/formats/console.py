"""The consoles silkcli draws with, and what a table and its record blocks share: caption, hyperlinks.

A console never reads markup or emoji codes in what it prints; one for a
terminal colours only when asked, one for a picture is the same whatever the
environment.
"""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.style import Style
from rich.text import Text

from silkcli.listings.listing import Listing


def make_console(*, color: bool, width: int | None) -> Console:
    """A console that draws into a string for a terminal and never reads markup or emoji in what it prints."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
    )


def picture_console(width: int) -> Console:
    """A console that records a picture (SVG, HTML): the same for the same input, whatever the environment."""
    return Console(
        file=io.StringIO(),
        width=width,
        record=True,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},  # Rich's own hook: ignore NO_COLOR, COLUMNS, TERM…, so the picture is reproducible
    )


def caption(listing: Listing) -> str:
    """``3 records``, or ``3 of 28 records`` when -n cut the list."""
    count = len(listing.rows)
    total = listing.total if listing.total is not None else count
    of = f" of {total}" if total > count else ""
    return f"{count}{of} {'record' if count == 1 and not of else 'records'}"


#: What a hyperlink may point at: an http(s) URL without spaces or control characters.
LINKABLE = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")


def linked(text: Text) -> Text:
    """``text`` (a source URL, or several joined by '; ') with each http(s) URL an OSC 8 hyperlink to itself.

    Only columns that hold sources' validated URLs are passed here: other data never becomes a link.
    """
    start = 0
    for item in text.plain.split("; "):
        if LINKABLE.fullmatch(item):
            text.stylize(Style(link=item), start, start + len(item))
        start += len(item) + 2
    return text
