"""The Rich consoles silkcli draws with: tables, records and the brief on a terminal, and pictures (SVG, HTML).

A console never reads markup or emoji codes in what it prints; one for a
terminal colours only when asked, one for a picture is the same whatever the
environment.
"""

from __future__ import annotations

import io
import re

from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

#: What a hyperlink may point at: an http(s) URL without spaces or control characters.
LINKABLE = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")


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


def printed(renderable: RenderableType, *, width: int, color: bool) -> str:
    """``renderable`` as a terminal at ``width`` shows it (escape codes only with ``color``).

    Lines of text arrive already wrapped to ``width``; one longer (a web address wider than the terminal,
    which stands whole) is printed as it is, never folded or cropped.
    """
    whole = isinstance(renderable, Text)
    console = make_console(color=color, width=width)
    with console.capture() as captured:
        console.print(renderable, crop=False, no_wrap=whole or None, overflow="ignore" if whole else None)
    return captured.get()


def link(text: Text) -> Text:
    """Each http(s) URL of ``text`` (one, or several joined by '; ') made a hyperlink to itself.

    Only columns that hold sources' validated URLs are linked: other data never becomes a link.
    """
    start = 0
    for item in text.plain.split("; "):
        if LINKABLE.fullmatch(item):
            text.stylize(Style(link=item), start, start + len(item))
        start += len(item) + 2
    return text
