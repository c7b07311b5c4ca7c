"""A listing as records, one block each with ``field: value`` lines (like psql's expanded mode).

What a table becomes when even its essential columns do not fit the
terminal, or when ``--layout records`` asks for it. Every field the listing
selected is shown whole: prose wraps between words under its value column;
other values (ids, dates, numbers) never break unless a single one is
wider than the whole terminal.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.text import Text

from silkcli.formats import View
from silkcli.formats.console import caption, linked, make_console
from silkcli.formats.display import cell_width, wrap_cells
from silkcli.formats.fit import cell_text, shown_fields
from silkcli.listings.listing import Listing, Value


def iter_blocks(listing: Listing, view: View) -> Iterator[str]:
    """Each record as a block of ``field: value`` lines no wider than ``view.width``, then the count."""
    width = view.width or 80
    fields = shown_fields(listing)
    label = max(cell_width(name) for name in fields) + 2
    beside = label <= width // 3  # values start after the labels; else each on the lines below its label
    console = make_console(color=view.color, width=width)
    for number, row in enumerate(listing.rows, start=1):
        heading = f"-[ {number} ]"
        console.print(Text(heading + "-" * max(0, min(width, 40) - len(heading)), style="dim"), soft_wrap=True)
        for name in fields:
            for line in _field_lines(listing, row, name, width=width, label=label if beside else 0, view=view):
                console.print(line, soft_wrap=True)
    console.print(Text(caption(listing), style="dim"), soft_wrap=True)
    file = console.file
    assert isinstance(file, io.StringIO)
    yield file.getvalue()


def _field_lines(
    listing: Listing, row: dict[str, Value], name: str, *, width: int, label: int, view: View
) -> list[Text]:
    """One field's lines: the label, then the value beside it or, when it does not fit there, on lines below."""
    column = listing.column(name)
    link = column.link and view.links
    head = Text(f"{name}:".ljust(label) if label else f"{name}:", style="bold")
    paragraphs = cell_text(listing, row, name).split("\n")
    if label and (column.prose or all(cell_width(p) <= width - label for p in paragraphs)):
        parts = [line for p in paragraphs for line in _value_lines(p, width - label, prose=column.prose)]
        pad = Text(" " * label)
        return [head + _linked(parts[0], link) if parts else head, *(pad + _linked(p, link) for p in parts[1:])]
    parts = [line for p in paragraphs for line in _value_lines(p, width - 2, prose=column.prose)]
    return [head, *(Text("  ") + _linked(p, link) for p in parts)]


def _value_lines(text: str, room: int, *, prose: bool) -> list[str]:
    """A value as lines of at most ``room`` cells: prose between words; anything else whole if it fits."""
    if not text:
        return []
    if prose or cell_width(text) > room:
        return wrap_cells(text, room)
    return [text]


def _linked(text: str, link: bool) -> Text:
    return linked(Text(text)) if link else Text(text)
