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

from silkcli.formats import View
from silkcli.formats.display import bar, display
from silkcli.listings.listing import Listing, Value

_BAR_WIDTH = 10
#: Unicode's line and paragraph separators break a cell's line as a newline does (and never misalign a row).
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
#: Width of a table drawn into a file (--export) when none is given.
FILE_WIDTH = 120


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


def iter_table(listing: Listing, view: View) -> Iterator[str]:
    """The table as a terminal shows it (ANSI styles only with ``view.color``)."""
    console = make_console(color=view.color, width=view.width)
    console.print(to_table(listing, width=console.width))
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


def to_table(listing: Listing, *, width: int | None = None) -> Table:
    """The listing as a Rich table captioned with its match count.

    Columns keep numbers and words whole when the table has room for that at
    ``width``; otherwise every column folds, so nothing is ever cut off. The
    bar column is drawn only when it fits too.
    """
    count = len(listing.rows)
    caption = f"{count} {'record' if count == 1 else 'records'}"
    table = Table(caption=caption, caption_justify="right", expand=False)
    fields = listing.fields
    if not listing.explicit:  # markers are drawn into the values they qualify (4,500e)
        merged = {listing.column(f).marker for f in fields}
        fields = tuple(f for f in fields if f not in merged)
    headers = [name.replace("_", " ") for name in fields]  # headers wrap between words
    floors = [_min_width(listing, name, header) for name, header in zip(fields, headers, strict=True)]
    room = width or 80
    fits = sum(floors) + 3 * len(fields) + 1 <= room
    natural = sum(_natural_width(listing, name, header) for name, header in zip(fields, headers, strict=True))
    peak = _peak(listing, listing.bar) if natural + 3 * (len(fields) + 1) + 1 + _BAR_WIDTH <= room else 0.0
    for name, header, floor in zip(fields, headers, floors, strict=True):
        numeric = listing.column(name).numeric
        table.add_column(
            header, justify="right" if numeric else "left", overflow="fold", min_width=floor if fits else None
        )
    if peak:
        table.add_column("", overflow="crop", no_wrap=True, width=_BAR_WIDTH)
    for row in listing.rows:
        cells = [_cell(listing, row, name) for name in fields]
        if peak:
            value = row.get(listing.bar or "")
            cells.append(Text(bar(float(value) / peak, _BAR_WIDTH) if isinstance(value, (int, float)) else ""))
        table.add_row(*cells)
    return table


def _natural_width(listing: Listing, name: str, header: str) -> int:
    return max([len(header)] + [len(_cell(listing, row, name).plain) for row in listing.rows])


def _min_width(listing: Listing, name: str, header: str) -> int:
    """Numbers keep their widest value whole; text keeps words of up to 16 characters whole."""
    widest = max(len(word) for word in header.split())
    cells = [_cell(listing, row, name).plain for row in listing.rows]
    if listing.column(name).numeric:
        return max([widest] + [len(cell) for cell in cells])
    words = [len(word) for cell in cells for word in cell.split()]
    return max([min(widest, 16)] + [min(w, 16) for w in words])


def _peak(listing: Listing, field: str | None) -> float:
    if field is None or field not in listing.fields:
        return 0.0
    values = [v for r in listing.rows if isinstance(v := r.get(field), (int, float)) and not isinstance(v, bool)]
    return float(max(values)) if values else 0.0


def _cell(listing: Listing, row: dict[str, Value], name: str) -> Text:
    column = listing.column(name)
    marker = row.get(column.marker) if column.marker else None
    text = Text(display(row.get(name), marker).translate(_LINE_SEPARATORS))
    if listing.highlight and name == "snippet":
        text.highlight_words([listing.highlight], style="bold reverse", case_sensitive=False)
    return text
