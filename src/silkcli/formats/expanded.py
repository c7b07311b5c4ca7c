"""A listing as records, one block each with ``field: value`` lines (like psql's expanded mode).

What a table becomes when its essential columns do not fit the terminal or
would hide what the answer is about, or when ``--layout records`` asks for
it. Every field the listing selected is shown whole: prose wraps between
words under its value column; other values (ids, dates, numbers) never
break unless a single one is wider than the whole terminal. The lines are
Rich texts, so a bold label, a dim heading and a linked URL are written the
way the table writes them, and not at all without colour.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.style import Style
from rich.text import Text

from silkcli.errors import visible
from silkcli.formats.console import LINKABLE, printed
from silkcli.formats.display import cell_width, wrap_cells
from silkcli.formats.fit import caption, cell_text, shown_fields
from silkcli.formats.view import View
from silkcli.listings.listing import Entry, Listing, Value

#: The value column of a block starts at most this far in (a third of the width at most).
HEADING = 40


def iter_blocks(listing: Listing, view: View) -> Iterator[str]:
    """Each record as a block of ``field: value`` lines no wider than ``view.width``, then the count."""
    width = view.width or 80
    yield printed(Text("\n").join(block_lines(listing, width=width, links=view.links)), width=width, color=view.color)


def readable(listing: Listing) -> Listing:
    """The listing with its codes as a person reads them, where its columns name them (``KR: Ministry of
    Education`` becomes ``South Korea: Ministry of Education``): what record blocks show."""
    named = {c.name: dict(c.names) for c in listing.columns if c.names and c.name in listing.fields}
    if not named:
        return listing
    rows = [{k: _named(v, named[k]) if k in named else v for k, v in row.items()} for row in listing.rows]
    return listing._replace(rows=rows)


def _named(value: Value, names: dict[str, str]) -> Value:
    """A value with each code replaced by its name (a list's items, an entry's leading ``CODE:``)."""
    if isinstance(value, str):
        return names.get(value, value)
    if not isinstance(value, tuple):
        return value
    items: list[Any] = []
    for item in value:
        if isinstance(item, Entry):
            code, colon, rest = item.text.partition(":")
            item = Entry(f"{names[code]}:{rest}", item.data) if colon and code in names else item
            items.append(item)
        else:
            items.append(names.get(item, item))
    return tuple(items)


def block_lines(listing: Listing, *, width: int, links: bool = False, count: bool = True) -> list[Text]:
    """The blocks' lines, each at most ``width`` cells, and (with ``count``) the count under them."""
    fields = shown_fields(listing)
    label = max(cell_width(name) for name in fields) + 2
    beside = label <= width // 3  # values start after the labels; else each on the lines below its label
    lines = []
    for number, row in enumerate(listing.rows, start=1):
        heading = f"-[ {number} ]"
        lines.append(Text(heading + "-" * max(0, min(width, HEADING) - len(heading)), style="dim"))
        for name in fields:
            lines += _field_lines(listing, row, name, width=width, label=label if beside else 0, links=links)
    tail = [Text(line, style="dim") for line in wrap_cells(caption(listing), width)]  # with the data's date
    return [*lines, *tail] if count else lines


def _field_lines(
    listing: Listing, row: dict[str, Value], name: str, *, width: int, label: int, links: bool
) -> list[Text]:
    """One field's lines: the label, then the value beside it or, when it does not fit there, on lines below."""
    link = listing.column(name).link and links
    head = Text.assemble((f"{name}:", "bold"))
    value = row.get(name)
    if isinstance(value, tuple) and any(isinstance(item, Entry) for item in value):  # a party, a milestone a line
        paragraphs = [visible(str(item)) for item in value]
    else:
        paragraphs = cell_text(listing, row, name).split("\n")  # control characters already escaped
    if label and (listing.column(name).prose or all(cell_width(p) <= width - label for p in paragraphs)):
        parts = [line for p in paragraphs for line in value_lines(p, width - label, link=link)]
        if not parts:
            return [head]
        pad = " " * (label - cell_width(f"{name}:"))
        if cell_width(parts[0].plain) > width - label:  # a web address longer than the line: below, whole
            return [head, *(_indented(" " * label, part, width) for part in parts)]
        return [Text.assemble(head, pad, parts[0]), *(_indented(" " * label, part, width) for part in parts[1:])]
    parts = [line for p in paragraphs for line in value_lines(p, width - 2, link=link)]
    return [head, *(_indented("  ", part, width) for part in parts)]


def _indented(indent: str, part: Text, width: int) -> Text:
    """A value's line under its label; from the margin when it is a web address too long for the indent."""
    if cell_width(indent) + cell_width(part.plain) > width:
        return part
    return Text.assemble(indent, part)


def value_lines(text: str, room: int, *, link: bool) -> list[Text]:
    """A value as lines of at most ``room`` cells, broken between words (inside a word only if it is wider).

    With ``link``, each URL of a '; '-joined list starts a line, and each piece of it links to the whole URL.
    """
    if not text:
        return []
    if not link:
        return [Text(line) for line in wrap_cells(text, max(1, room))]
    lines = []
    for item in text.split("; "):
        style = Style(link=item) if LINKABLE.fullmatch(item) else None
        lines += [Text(piece, style=style or "") for piece in wrap_cells(item, max(1, room))]
    return lines
