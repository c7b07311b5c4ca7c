"""A listing as records, one block each with ``field: value`` lines (like psql's expanded mode).

What a table becomes when even its essential columns do not fit the
terminal, or when ``--layout records`` asks for it. Every field the listing
selected is shown whole: prose wraps between words under its value column;
other values (ids, dates, numbers) never break unless a single one is
wider than the whole terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from silkcli.formats.display import cell_width
from silkcli.formats.fit import caption, cell_text, shown_fields
from silkcli.formats.grid import BOLD, DIM, Cell, GridColumn, cell_lines, style
from silkcli.formats.view import View
from silkcli.listings.listing import Listing, Value


def iter_blocks(listing: Listing, view: View) -> Iterator[str]:
    """Each record as a block of ``field: value`` lines no wider than ``view.width``, then the count."""
    width = view.width or 80
    fields = shown_fields(listing)
    label = max(cell_width(name) for name in fields) + 2
    beside = label <= width // 3  # values start after the labels; else each on the lines below its label
    lines = []
    for number, row in enumerate(listing.rows, start=1):
        heading = f"-[ {number} ]"
        lines.append(style(heading + "-" * max(0, min(width, 40) - len(heading)), DIM, color=view.color))
        for name in fields:
            lines += _field_lines(listing, row, name, width=width, label=label if beside else 0, view=view)
    lines.append(style(caption(listing), DIM, color=view.color))
    yield "\n".join(lines) + "\n"


def _field_lines(
    listing: Listing, row: dict[str, Value], name: str, *, width: int, label: int, view: View
) -> list[str]:
    """One field's lines: the label, then the value beside it or, when it does not fit there, on lines below."""
    link = listing.column(name).link and view.links
    head = style(f"{name}:", BOLD, color=view.color)
    paragraphs = cell_text(listing, row, name).split("\n")  # control characters already escaped
    if label and (listing.column(name).prose or all(cell_width(p) <= width - label for p in paragraphs)):
        parts = [line for p in paragraphs for line in _value_lines(p, width - label, link=link, color=view.color)]
        if not parts:
            return [head]
        pad = " " * (label - cell_width(f"{name}:"))
        return [head + pad + parts[0], *(" " * label + part for part in parts[1:])]
    parts = [line for p in paragraphs for line in _value_lines(p, width - 2, link=link, color=view.color)]
    return [head, *("  " + part for part in parts)]


def _value_lines(text: str, room: int, *, link: bool, color: bool) -> list[str]:
    """A value as lines of at most ``room`` cells, broken between words (inside a word only if it is wider).

    A URL broken over lines is linked, each piece, to the whole URL.
    """
    if not text:
        return []
    lines = cell_lines(Cell(text, links=link), GridColumn("", max(1, room)), color=color)
    return [line.rstrip(" ") for line in lines]
