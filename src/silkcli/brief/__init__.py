"""``silkcli brief``: one page on the partnership, in five formats.

:func:`~silkcli.brief.content.build_brief` chooses the facts;
:func:`render_brief` turns them into the text of one format. Importing this
package is cheap (the CLI registers the command on every run): the content
builder and the renderers, and Rich with them, load only when a brief is made.
"""
# ruff: noqa: PLC0415 - start-up: each renderer (Rich for terminal and svg) loads only when used

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from silkcli.brief.content import Brief

__all__ = ["BriefFormat", "render_brief", "DEFAULT_TEXT_WIDTH", "DEFAULT_SVG_WIDTH"]

DEFAULT_TEXT_WIDTH = 80
DEFAULT_SVG_WIDTH = 100


class BriefFormat(str, enum.Enum):
    """Output formats of the brief, each with the file suffixes that ask for it."""

    suffixes: tuple[str, ...]

    def __new__(cls, name: str, suffixes: tuple[str, ...]) -> BriefFormat:
        member = str.__new__(cls, name)
        member._value_ = name
        member.suffixes = suffixes
        return member

    terminal = ("terminal", ())
    markdown = ("markdown", (".md",))
    html = ("html", (".html", ".htm"))
    svg = ("svg", (".svg",))
    text = ("text", (".txt",))


def render_brief(brief: Brief, fmt: BriefFormat, *, width: int | None = None, color: bool = False) -> str:
    """The brief in ``fmt``; ``width`` applies to terminal, text and svg, ``color`` to terminal."""
    if fmt is BriefFormat.terminal:
        from silkcli.brief.panels import render_terminal

        return render_terminal(brief, width=width or DEFAULT_SVG_WIDTH, color=color)
    if fmt is BriefFormat.svg:
        from silkcli.brief.panels import to_svg

        return to_svg(brief, width=width or DEFAULT_SVG_WIDTH)
    if fmt is BriefFormat.markdown:
        from silkcli.brief.markdown import to_markdown

        return to_markdown(brief)
    if fmt is BriefFormat.html:
        from silkcli.brief.html import to_html

        return to_html(brief)
    if fmt is BriefFormat.text:
        from silkcli.brief.text import to_text

        return to_text(brief, width=width or DEFAULT_TEXT_WIDTH)
    return _unreachable(fmt)


def _unreachable(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled brief format: {value!r}")
