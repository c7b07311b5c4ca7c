"""The terminal table: Rich, with every data cell as plain ``Text``.

Data is never parsed as markup or emoji codes; numeric columns are
right-aligned; long text wraps instead of being cut.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from silkcli.formats.machine import text_value
from silkcli.listings.chronology import NO_DATE, UNKNOWN_PART
from silkcli.listings.listing import Listing, Value

_BAR_WIDTH = 10
_MARKS = {"estimated": "e", "not_available": "NA", "zero": "—", "lower_bound": ">", "approximate": "≈", "upper": "≤"}


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


def to_table(listing: Listing, *, bar_field: str | None = None, width: int | None = None) -> Table:
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
    peak = _peak(listing, bar_field) if natural + 3 * (len(fields) + 1) + 1 + _BAR_WIDTH <= room else 0.0
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
            value = row.get(bar_field or "")
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
    text = Text(display(row.get(name), marker))
    if listing.highlight and name == "snippet":
        text.highlight_words([listing.highlight], style="bold reverse", case_sensitive=False)
    return text
