"""The terminal table, and pictures of it (HTML, SVG).

The table is drawn by hand (:mod:`~silkcli.formats.grid`), so a terminal
table imports no Rich; the pictures record that same drawing with a Rich
console, which is imported only for them. Data is never read as markup or
emoji codes; numeric columns are right-aligned; long text wraps instead of
being cut.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from silkcli.formats.display import bar
from silkcli.formats.fit import BAR_WIDTH, Plan, caption, cell_text, plan, squeeze
from silkcli.formats.grid import Cell, GridColumn, draw
from silkcli.formats.view import FILE_WIDTH, View
from silkcli.listings.listing import Listing, Value

if TYPE_CHECKING:
    from rich.console import Console

#: Width of a table drawn without one (a view of a pipe or a file).
DEFAULT_WIDTH = 80


def iter_table(listing: Listing, view: View) -> Iterator[str]:
    """The table as a terminal shows it (escape codes only with ``view.color``), or records when it cannot fit."""
    width = view.width or DEFAULT_WIDTH
    found = None if view.layout == "records" else plan(listing, width)
    if found is None and view.layout != "table":
        from silkcli.formats.expanded import iter_blocks  # noqa: PLC0415 - start-up: only narrow terminals need it

        yield from iter_blocks(listing, view._replace(width=width))
        return
    yield to_table(listing, width=width, color=view.color, links=view.links, found=found)


def _recorded(listing: Listing, view: View) -> Console:
    """A recording Rich console holding the table, drawn in colour (a bold header, a dim caption)."""
    from rich.text import Text  # noqa: PLC0415 - start-up: only pictures (HTML, SVG) use Rich

    from silkcli.formats.console import picture_console  # noqa: PLC0415 - as above: it imports Rich

    console = picture_console(view.width or FILE_WIDTH)
    drawn = to_table(listing, width=console.width, color=True)
    console.print(Text.from_ansi(drawn.rstrip("\n")), soft_wrap=True)
    return console


def iter_html(listing: Listing, view: View) -> Iterator[str]:
    """The table as a standalone HTML page with inline styles."""
    yield _recorded(listing, view).export_html(inline_styles=True)


def iter_svg(listing: Listing, view: View) -> Iterator[str]:
    """The table as an SVG picture of a terminal."""
    yield _recorded(listing, view).export_svg(title=f"silkcli {listing.kind}")


def to_table(
    listing: Listing, *, width: int | None = None, color: bool = False, links: bool = False, found: Plan | None = None
) -> str:
    """The listing as a table captioned with its match count, never wider than ``width`` (80 when none).

    The columns and their widths come from :func:`~silkcli.formats.fit.plan`:
    ids, dates and numbers are never broken, prose wraps between words, and
    columns that do not fit are left out. When even the essential ones do
    not fit (``--layout table`` at a tiny width), every value folds.
    """
    room = width or DEFAULT_WIDTH
    found = found or plan(listing, room) or squeeze(listing, room)
    columns = []
    for name, size in zip(found.fields, found.widths, strict=True):
        column = listing.column(name)
        # headers wrap between words; a link column's values are cut with … rather than wrapped
        columns.append(GridColumn(name.replace("_", " "), size, right=column.numeric, fold=not column.link))
    peak = _peak(listing, listing.bar) if found.bar else 0.0
    if peak:
        columns.append(GridColumn("", BAR_WIDTH, fold=False))
    rows = []
    for row in listing.rows:
        cells = [_cell(listing, row, name, links=links) for name in found.fields]
        if peak:
            value = row.get(listing.bar or "")
            cells.append(Cell(bar(float(value) / peak, BAR_WIDTH) if isinstance(value, (int, float)) else ""))
        rows.append(cells)
    return draw(columns, rows, caption=caption(listing), color=color)


def _peak(listing: Listing, field: str | None) -> float:
    if field is None or field not in listing.fields:
        return 0.0
    values = [v for r in listing.rows if isinstance(v := r.get(field), (int, float)) and not isinstance(v, bool)]
    return float(max(values)) if values else 0.0


def _cell(listing: Listing, row: dict[str, Value], name: str, *, links: bool) -> Cell:
    words = tuple(listing.highlight.split()) if listing.highlight and name == "snippet" else ()
    return Cell(cell_text(listing, row, name), highlight=words, links=links and listing.column(name).link)
