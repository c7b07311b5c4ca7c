"""``--cite`` on a terminal: note marks in the cells, the sources as numbered notes after the table.

A row's citations (:class:`~silkcli.listings.listing.CiteEntry`) become marks
such as ``[3]`` on the cells of the fields each supports (on the row's label
when it supports none that is shown), ``[3*]`` where the quote implies the
value rather than states it. Each source is numbered the first time a row
cites it, so notes run in reading order, as the brief's do. The marks are
part of the cells' text before the planner measures them, so they are never
cut and never hidden.
"""

from __future__ import annotations

from silkcli.formats.display import URL, wrap_cells
from silkcli.formats.fit import cell_text, legend, shown_fields
from silkcli.listings.listing import CITE_FIELD, CiteEntry, Entry, Listing, Row, Value

INFERRED = "* inferred: the quote implies the value without stating it"


def footnoted(listing: Listing) -> Listing:
    """The listing as a terminal draws it: its citations as marks and numbered notes, then the legend of the
    marks its values carry (as it is when it has neither)."""
    meaning = legend(listing)
    if meaning:
        listing = listing._replace(footnotes=(*listing.footnotes, meaning))
    if CITE_FIELD not in listing.fields:
        return listing
    shown = tuple(name for name in shown_fields(listing) if name != CITE_FIELD)
    label = next((n for n in shown if listing.column(n).prose and listing.column(n).priority == 1), shown[0])
    numbers: dict[str, int] = {}
    notes: list[str] = []
    rows: list[Row] = []
    cited: set[str] = set()  # the fields whose values carry a mark
    for row in listing.rows:
        marks: dict[str, list[str]] = {}
        for entry in row.get(CITE_FIELD) or ():
            if not isinstance(entry, CiteEntry):
                continue
            if entry.source not in numbers:
                numbers[entry.source] = len(numbers) + 1
                notes.append(f"[{numbers[entry.source]}] {entry.note}")
            mark = f"{numbers[entry.source]}{'*' if entry.inferred else ''}"
            for name in [f for f in entry.fields if f in shown] or [label]:
                if mark not in marks.setdefault(name, []):
                    marks[name].append(mark)
        rows.append({name: _marked_value(listing, row, name, marks.get(name)) for name in shown})
        cited.update(marks)
    inferred = any(e.inferred for row in listing.rows for e in row.get(CITE_FIELD) or () if isinstance(e, CiteEntry))
    inferred_legend = (INFERRED,) if inferred else ()
    # the markers and units are in the cells' text now
    columns = tuple(c._replace(marker=None, unit=None, unit_field=None) for c in listing.columns)
    footnotes = (*notes, *inferred_legend, *listing.footnotes)
    # the cited values are what the answer is about: a terminal shows blocks rather than hide their columns
    asked = (*listing.asked, *(name for name in shown if name in cited))
    return listing._replace(columns=columns, rows=rows, selected=shown, footnotes=footnotes, asked=asked)


def _marked_value(listing: Listing, row: Row, name: str, marks: list[str] | None) -> Value:
    """A cell with its marks: its text, or a list of entries (parties) kept a list, the marks on its last
    entry, so that record blocks still give each entry its line."""
    value = row.get(name)
    items: tuple[object, ...] = value if isinstance(value, tuple) else ()
    entries = [item for item in items if isinstance(item, Entry)]
    if entries and len(entries) == len(items):
        last = entries[-1]
        return (*entries[:-1], Entry(_marked(last.text, marks), last.data)) if marks else tuple(entries)
    return _marked(cell_text(listing, row, name), marks)


def _marked(text: str, marks: list[str] | None) -> str:
    """A cell's text and its marks: ``2024-12-03 [1, 3]``."""
    return f"{text} [{', '.join(marks)}]" if marks else text


def footnote_lines(listing: Listing, width: int) -> list[list[str]]:
    """Each footnote wrapped between words to ``width``, its later lines under its text, its URL on a line
    of its own."""
    notes = []
    for text in listing.footnotes:
        number = text.split(" ", 1)[0]
        indent = " " * (len(number) + 1) if number.startswith("[") else "  "
        words, _, url = text.rpartition(" ")
        if not URL.fullmatch(url):  # a note without an address
            words, url = text, ""
        # the address always on a line of its own, under the text (wrap_cells keeps it whole)
        notes.append(wrap_cells(words, width, rest=indent) + (wrap_cells(url, width, first=indent) if url else []))
    return notes
