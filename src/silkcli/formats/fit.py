"""Fitting a table to a width: which columns to show, how wide each is, and what had to give.

Widths are terminal cells (Hangul and CJK take two). Values that are not
prose (ids, dates, numbers, codes, markers) are never broken: their column is
at least as wide as the widest value (a list's widest item, as lists wrap
between items). Prose wraps between words. A source URL may be shortened
with ``…``. When the columns cannot all fit, those with the highest
``priority`` number go first (the rightmost first among equals); when even
the priority-1 columns cannot fit, there is no plan and the listing is drawn
as records, one block each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from silkcli.errors import visible
from silkcli.formats.display import cell_width, display
from silkcli.listings.listing import Listing, Value
from silkcli.plain import Plain

#: A prose word longer than this may be broken (a URL in a note) rather than widen its column.
PROSE_WORD = 20
#: Prose gets this many cells (or its longest word, if longer) before other columns get room to spare.
PROSE_COMFORT = 24
#: A shortened URL keeps at least this many cells.
LINK_FLOOR = 24
#: Width of the bar column drawn after a reserves table that has room for it.
BAR_WIDTH = 10
#: The cells a table adds around its columns: a border and a space either side of each.
_PER_COLUMN = 3

CellText = Callable[[dict[str, Value], str], str]


class Plan(Plain):
    """How a table is drawn at one width."""

    fields: tuple[str, ...]
    widths: tuple[int, ...]
    #: columns left out for want of room
    hidden: tuple[str, ...] = ()
    #: link columns narrower than their longest value (shortened with …)
    shortened: tuple[str, ...] = ()
    bar: bool = False


class _Measure(Plain):
    floor: int
    natural: int
    #: the width it gets first from the room to spare (prose: enough to read; others: their floor)
    comfort: int


def shown_fields(listing: Listing) -> tuple[str, ...]:
    """The fields a table draws as columns: markers and units are drawn into the values they qualify
    (``4,500 t (estimate)``)."""
    fields = listing.fields
    if listing.explicit:
        return fields
    merged = {name for f in fields for name in (listing.column(f).marker, listing.column(f).unit_field)}
    return tuple(f for f in fields if f not in merged)


#: How a table spells a marker after a value (the symbols before one are explained by :func:`legend`).
SPELLED = {"estimated": "(estimate)"}
#: Units written before the value: ``rank 4``.
UNIT_FIRST = frozenset({"rank"})
#: What the marks a table writes before a value, or instead of one, mean.
LEGEND = {">": "more than", "≈": "about", "≤": "at most", "NA": "not available", "—": "zero"}


def cell_text(listing: Listing, row: dict[str, Value], name: str) -> str:
    """A cell as a table shows it: thousands separators, its unit and markers (``≤13 %``, ``60,000 t
    (estimate)``), lines split at ``\n``, control characters escaped."""
    column = listing.column(name)
    marker = row.get(column.marker) if column.marker else None
    value = row.get(name)
    text = display(value, None if marker in SPELLED else marker)
    unit = column.unit or (row.get(column.unit_field) if column.unit_field else None)
    if unit and value is not None and marker not in ("not_available", "zero"):
        text = f"{unit} {text}" if unit in UNIT_FIRST else f"{text} {unit}"
    if isinstance(marker, str) and marker in SPELLED and value is not None:
        text = f"{text} {SPELLED[marker]}"
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return "\n".join(visible(line) for line in text.split("\n"))


def legend(listing: Listing) -> str | None:
    """``≤ at most; NA not available``: what the marks that the table's cells carry mean, once."""
    marks = {"lower_bound": ">", "approximate": "≈", "upper": "≤", "not_available": "NA", "zero": "—"}
    shown = shown_fields(listing)
    used = {
        marks[str(row.get(c.marker))]
        for c in map(listing.column, shown)
        if c.marker
        for row in listing.rows
        if str(row.get(c.marker)) in marks
    }
    parts = [f"{mark} {meaning}" for mark, meaning in LEGEND.items() if mark in used]
    return "; ".join(parts) if parts else None


def caption(listing: Listing) -> str:
    """``3 records``, or ``3 of 28 records`` when -n cut the list; then the date of the data, when known."""
    count = len(listing.rows)
    total = listing.total if listing.total is not None else count
    of = f" of {total}" if total > count else ""
    counted = f"{count}{of} {'record' if count == 1 and not of else 'records'}"
    return f"{counted}; {listing.as_of}" if listing.as_of else counted


def _measure(listing: Listing, name: str) -> _Measure:
    column = listing.column(name)
    header = name.replace("_", " ")
    floor = max(cell_width(word) for word in header.split())
    natural = cell_width(header)
    longest = 0
    for row in listing.rows:
        value = row.get(name)
        text = cell_text(listing, row, name)
        natural = max(natural, max(cell_width(line) for line in text.split("\n")))
        if column.prose:
            longest = max([longest] + [cell_width(word) for word in text.split()])
            floor = max(floor, min(longest, PROSE_WORD))
        elif column.link:
            floor = max(floor, min(cell_width(text), LINK_FLOOR))
        elif isinstance(value, tuple):  # a list wraps between its items, never inside one
            floor = max([floor] + [cell_width(visible(str(item))) + 1 for item in value])
        else:
            floor = max([floor] + [cell_width(line) for line in text.split("\n")])
    natural = max(natural, floor)
    comfort = min(natural, max(longest, PROSE_COMFORT)) if column.prose else floor
    return _Measure(floor, natural, comfort)


def plan(listing: Listing, width: int) -> Plan | None:
    """The columns and widths of ``listing`` at ``width`` cells; None when only records fit."""
    fields = shown_fields(listing)
    measures = {name: _measure(listing, name) for name in fields}
    room = width - 1
    # Columns go until prose has a readable width; if that cannot be had, only until the values fit at all.
    shown, hidden = _keep(listing, fields, measures, room, comfortable=True)
    if _need(shown, measures, comfortable=True) > room:
        shown, hidden = _keep(listing, fields, measures, room, comfortable=False)
    if not shown or _need(shown, measures) > room:
        return None
    widths = _spread([measures[n] for n in shown], room - _PER_COLUMN * len(shown))
    at_full = all(w >= measures[n].natural for n, w in zip(shown, widths, strict=True))
    spare = room - _PER_COLUMN * len(shown) - sum(widths)
    bar = bool(listing.bar in shown and not hidden and at_full and spare >= BAR_WIDTH + _PER_COLUMN)
    shortened = tuple(
        n for n, w in zip(shown, widths, strict=True) if listing.column(n).link and w < measures[n].natural
    )
    return Plan(tuple(shown), tuple(widths), tuple(hidden), shortened, bar)


#: An answer of this many records or fewer is shown as blocks rather than as a table that hides columns.
FEW_RECORDS = 3


def choose(listing: Listing, width: int) -> Plan | None:
    """The table a terminal of ``width`` shows (``--layout auto``), or None for blocks: when even the essential
    columns do not fit, or when the table would hide a column the answer is about, or more columns than it
    shows, or the answer is a few records (blocks show every field)."""
    found = plan(listing, width)
    if found is None or not found.hidden:
        return found
    if len(listing.rows) <= FEW_RECORDS or set(found.hidden) & set(listing.asked):
        return None
    return None if len(found.hidden) > len(found.fields) else found


def squeeze(listing: Listing, width: int) -> Plan:
    """The essential columns at whatever widths ``width`` leaves (values fold): ``--layout table`` when nothing fits."""
    fields = shown_fields(listing)
    shown = fields if listing.explicit else tuple(n for n in fields if listing.column(n).priority <= 1) or fields[:1]
    measures = [_measure(listing, name) for name in shown]
    room = max(len(shown), width - 1 - _PER_COLUMN * len(shown))
    total = sum(m.floor for m in measures) or 1
    widths = [max(1, m.floor * room // total) for m in measures]
    hidden = tuple(n for n in fields if n not in shown)
    return Plan(shown, tuple(widths), hidden)


def _keep(
    listing: Listing, fields: tuple[str, ...], measures: dict[str, _Measure], room: int, *, comfortable: bool
) -> tuple[list[str], list[str]]:
    """The columns shown and those left out, highest priority number first, until the rest fit in ``room``."""
    shown: list[str] = list(fields)
    hidden: list[str] = []
    if listing.explicit:  # fields the user chose are never left out
        return shown, hidden
    order = sorted(
        (name for name in fields if listing.column(name).priority > 1),
        key=lambda name: (-listing.column(name).priority, -fields.index(name)),
    )
    for name in order:
        if _need(shown, measures, comfortable=comfortable) <= room:
            break
        shown.remove(name)
        hidden.append(name)
    return shown, hidden


def _need(shown: Sequence[str], measures: dict[str, _Measure], *, comfortable: bool = False) -> int:
    return sum((measures[n].comfort if comfortable else measures[n].floor) + _PER_COLUMN for n in shown)


def _spread(measures: Sequence[_Measure], room: int) -> list[int]:
    """Each column's floor; the room left goes first to prose (up to a readable width), then up to natural widths."""
    widths = [m.floor for m in measures]
    spare = room - sum(widths)
    for target in ([m.comfort for m in measures], [m.natural for m in measures]):
        wanting = sorted(range(len(measures)), key=lambda i: target[i] - widths[i])
        for position, i in enumerate(wanting):  # the smallest wants are met whole, the rest share evenly
            grant = max(0, min(spare // (len(wanting) - position), target[i] - widths[i]))
            widths[i] += grant
            spare -= grant
    return widths


def fit_note(found: Plan) -> str | None:
    """The one stderr line saying what a narrow table left out or shortened, if anything."""
    parts = []
    if found.hidden:
        count = len(found.hidden)
        parts.append(f"{count} {'column' if count == 1 else 'columns'} hidden: {', '.join(found.hidden)}")
    if found.shortened:
        parts.append(f"{', '.join(found.shortened)} shortened with … ('silkcli show ID' gives the whole value)")
    if not parts:
        return None
    return "note: " + "; ".join(parts) + "; use --fields or a wider terminal"
