"""The terminal table: Rich, with every data cell as plain ``Text``.

Data is never parsed as markup or emoji codes; numeric columns are
right-aligned; long text wraps instead of being cut.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from silkcli.formats import FILE_WIDTH, View
from silkcli.formats.console import caption, linked, make_console, picture_console
from silkcli.formats.display import bar
from silkcli.formats.fit import BAR_WIDTH, Plan, cell_text, plan, squeeze
from silkcli.listings.listing import Listing, Value


def iter_table(listing: Listing, view: View) -> Iterator[str]:
    """The table as a terminal shows it (ANSI styles only with ``view.color``), or records when it cannot fit."""
    console = make_console(color=view.color, width=view.width)
    found = None if view.layout == "records" else plan(listing, console.width)
    if found is None and view.layout != "table":
        from silkcli.formats.expanded import iter_blocks  # noqa: PLC0415 - start-up: only narrow terminals need it

        yield from iter_blocks(listing, view._replace(width=console.width))
        return
    console.print(to_table(listing, width=console.width, links=view.links, found=found))
    file = console.file
    assert isinstance(file, io.StringIO)
    yield file.getvalue()


def _recorded(listing: Listing, view: View) -> Console:
    console = picture_console(view.width or FILE_WIDTH)
    console.print(to_table(listing, width=console.width))
    return console


def iter_html(listing: Listing, view: View) -> Iterator[str]:
    """The table as a standalone HTML page with inline styles."""
    yield _recorded(listing, view).export_html(inline_styles=True)


def iter_svg(listing: Listing, view: View) -> Iterator[str]:
    """The table as an SVG picture of a terminal."""
    yield _recorded(listing, view).export_svg(title=f"silkcli {listing.kind}")


def to_table(listing: Listing, *, width: int | None = None, links: bool = False, found: Plan | None = None) -> Table:
    """The listing as a Rich table captioned with its match count, never wider than ``width``.

    The columns and their widths come from :func:`~silkcli.formats.fit.plan`:
    ids, dates and numbers are never broken, prose wraps between words, and
    columns that do not fit are left out. When even the essential ones do
    not fit (``--layout table`` at a tiny width), every value folds.
    """
    room = width or 80
    found = found or plan(listing, room) or squeeze(listing, room)
    table = Table(caption=caption(listing), caption_justify="right", expand=False)
    for name, size in zip(found.fields, found.widths, strict=True):
        column = listing.column(name)
        table.add_column(
            name.replace("_", " "),  # headers wrap between words
            justify="right" if column.numeric else "left",
            overflow="ellipsis" if column.link else "fold",
            no_wrap=column.link,
            width=size,
        )
    peak = _peak(listing, listing.bar) if found.bar else 0.0
    if peak:
        table.add_column("", overflow="crop", no_wrap=True, width=BAR_WIDTH)
    for row in listing.rows:
        cells = [_cell(listing, row, name, links=links) for name in found.fields]
        if peak:
            value = row.get(listing.bar or "")
            cells.append(Text(bar(float(value) / peak, BAR_WIDTH) if isinstance(value, (int, float)) else ""))
        table.add_row(*cells)
    return table


def _peak(listing: Listing, field: str | None) -> float:
    if field is None or field not in listing.fields:
        return 0.0
    values = [v for r in listing.rows if isinstance(v := r.get(field), (int, float)) and not isinstance(v, bool)]
    return float(max(values)) if values else 0.0


def _cell(listing: Listing, row: dict[str, Value], name: str, *, links: bool) -> Text:
    text = Text(cell_text(listing, row, name))
    if listing.highlight and name == "snippet":
        text.highlight_words(listing.highlight.split(), style="bold reverse", case_sensitive=False)  # each word
    return linked(text) if links and listing.column(name).link else text
