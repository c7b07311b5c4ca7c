"""A listing: the records a command found, its columns, and the output options.

Each :class:`Column` knows how to get its value from a record, so a row is
built from the column list, and only for the fields that will be printed
(:func:`shape`). Rows are plain dicts of scalars (or tuples of strings) so
every format can render them without knowing the record kinds. Field
selection, sorting and limiting happen here, after selection and before
rendering.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from silkcli.errors import UsageError, suggest
from silkcli.plain import Plain


class Entry:
    """One structured item of a list value (a party, a claim): an object in json/jsonl/yaml, its text elsewhere."""

    __slots__ = ("data", "text")

    def __init__(self, text: str, data: Mapping[str, object]) -> None:
        #: the entry as one line of text (``KR: Ministry of Education (Choi Sang-mok)``)
        self.text = text
        self.data = data

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Entry({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.text, dict(self.data)) == (other.text, dict(other.data))

    __hash__ = None  # type: ignore[assignment]  # holds a mapping


class CiteEntry(Entry):
    """One citation of a row: ``{source, url, quote, fields, inferred}`` in json/jsonl/yaml; in a table a note
    mark on the cells it supports, and its source as a numbered note after the table (:attr:`note`)."""

    __slots__ = ("source", "fields", "inferred", "note")

    def __init__(
        self, source: str, fields: tuple[str, ...], data: Mapping[str, object], *, inferred: bool, note: str
    ) -> None:
        super().__init__(f"{source} (inferred)" if inferred else source, {**data, "inferred": inferred})
        self.source, self.fields, self.inferred, self.note = source, fields, inferred, note


Value = str | int | float | bool | None | tuple[str, ...] | tuple[Entry, ...]
Row = dict[str, Value]
Getter = Callable[[Any], Value]

#: what a table or a brief adds to a date of this precision
UNKNOWN_PART = {"month": "day unknown", "year": "month unknown"}
#: how a source with no known publication date is cited
NO_DATE = "n.d."

CITE_FIELDS = ("source", "source_url")
EVIDENCE_FIELD = "evidence"
#: What ``--cite`` adds where citations are drawn or written whole (a table's notes; json, jsonl, yaml).
CITE_FIELD = "cite"


class Column(Plain):
    """One field a listing can show, and how to get it from a record."""

    name: str
    help: str
    numeric: bool = False
    #: in tables, the value of this other field decorates this one (``4,500e``, ``2024-12 (day unknown)``, ``n.d.``)
    marker: str | None = None
    #: the value for one record; None: the record is a mapping that holds it under ``name``
    get: Getter | None = None
    #: free text (titles, notes, names): a table wraps it between words; other values never break
    prose: bool = False
    #: which columns a narrow table leaves out first: the highest number first; 1 is never left out
    priority: int = 2
    #: a source's validated URL: a hyperlink on terminals that support them, shortened with … when narrow
    link: bool = False
    #: the unit a table writes after the value (``260,000 t``); ``unit_field`` names the field that holds it
    unit: str | None = None
    unit_field: str | None = None
    #: how a person reads this column's codes (``mou``: memorandum of understanding (MOU)), as record blocks
    #: write them; a country's code before a party's ``:`` too. Tables and machine formats keep the codes.
    names: tuple[tuple[str, str], ...] = ()

    def value(self, record: Any) -> Value:
        """This column's value for ``record``."""
        return (self.get or _by_name(self.name))(record)


class Layout(str, enum.Enum):
    """How a listing's records are laid out."""

    #: one row per record
    rows = "rows"
    #: a single record in full: json/jsonl/yaml print it as one object, the others field by field
    record = "record"


class Listing(Plain):
    """What a command found, ready to shape and render."""

    kind: str
    columns: tuple[Column, ...]
    default: tuple[str, ...]
    #: the records found; once shaped, one dict per record holding the fields to print
    rows: Sequence[Any]
    notes: tuple[str, ...] = ()
    highlight: str | None = None
    selected: tuple[str, ...] = ()
    #: the user chose the fields (--fields); tables then show marker columns too
    explicit: bool = False
    layout: Layout = Layout.rows
    #: the numeric field a wide enough table also draws as a bar
    bar: str | None = None
    #: with ``Layout.record``: the whole record, as json/jsonl/yaml print it
    record: Mapping[str, object] | None = None
    #: how many records matched before ``-n`` cut the list (None: not shaped yet)
    total: int | None = None
    #: lines a table or its blocks end with: the numbered sources of ``--cite``, a legend of markers
    footnotes: tuple[str, ...] = ()
    #: the fields the answer is about (a filter's own): a terminal shows blocks rather than hide them
    asked: tuple[str, ...] = ()
    #: the date of the data, as a table's caption and ``show`` print it (``data as of 27 November 2026``)
    as_of: str | None = None
    #: what an empty answer means, said after "0 records match" (a filter that alone matches nothing)
    why_none: str | None = None

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields to show, in order."""
        return self.selected or self.default


def parse_fields(text: str, listing: Listing, *, option: str = "--fields") -> tuple[str, ...]:
    """``a,b,c`` checked against the listing's columns (did-you-mean on a typo)."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    known = [c.name for c in listing.columns]
    for name in names:
        if name not in known:
            raise UsageError(f"unknown field '{name}'{suggest(name, known)}", hint=f"fields: {', '.join(known)}")
    if not names:
        raise UsageError(f"{option} needs at least one field name" + (" (or 'help')" if option == "--fields" else ""))
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise UsageError(f"{option} names {', '.join(twice)} more than once")
    return names


def parse_sort(text: str, listing: Listing) -> str:
    """The one field ``--sort`` names."""
    names = parse_fields(text, listing, option="--sort")
    if len(names) > 1:
        raise UsageError(f"--sort takes one field, got {len(names)}: {', '.join(names)}")
    return names[0]


def fields_help(listing: Listing) -> str:
    """The ``--fields help`` text: every field, its meaning, default ones marked."""
    width = max(len(c.name) for c in listing.columns)
    lines = [f"fields of {listing.kind} (* shown by default):"]
    for column in listing.columns:
        mark = "*" if column.name in listing.default else " "
        lines.append(f" {mark} {column.name.ljust(width)}  {column.help}")
    return "\n".join(lines) + "\n"


def _sort_key(value: Value) -> tuple[int, float, str]:
    if value is None or value == ():
        return (1, 0.0, "")
    if isinstance(value, bool):
        return (0, float(value), "")
    if isinstance(value, (int, float)):
        return (0, float(value), "")
    text = "; ".join(map(str, value)) if isinstance(value, tuple) else value
    return (0, 0.0, text.lower())


class Shape(Plain):
    """The common output options every listing command takes."""

    fields: str | None = None
    sort: str | None = None
    desc: bool = False
    limit: int | None = None
    cite: bool = False
    evidence: bool = False
    #: whether the rows carry the marker columns their values are drawn with (4,500e, 2024-12 (day
    #: unknown)): a table, HTML or SVG draws them, the machine formats leave them out
    markers: bool = True
    #: ``--cite`` adds the citations whole (one field), not their sources and URLs as text
    whole_cites: bool = False
    #: structured entries (parties) need their text; json, jsonl and yaml write their data only
    texts: bool = True


def shape(listing: Listing, options: Shape) -> Listing:
    """Apply --fields, --cite, --sort/--desc and -n; build the rows of the records that remain."""
    chosen = parse_fields(options.fields, listing) if options.fields is not None else listing.default
    if options.cite:
        extra = (CITE_FIELD,) if options.whole_cites else CITE_FIELDS + ((EVIDENCE_FIELD,) if options.evidence else ())
        known = {c.name for c in listing.columns}  # one record in full (show) already holds its source
        chosen = chosen + tuple(f for f in extra if f not in chosen and f in known)
    records = list(listing.rows)
    total = len(records)
    if options.sort is not None:
        key = listing.column(parse_sort(options.sort, listing))
        values = [key.value(r) for r in records]
        present = [(v, r) for v, r in zip(values, records, strict=True) if v not in (None, ())]
        present.sort(key=lambda pair: _sort_key(pair[0]), reverse=options.desc)
        missing = [r for v, r in zip(values, records, strict=True) if v in (None, ())]
        records = [r for _, r in present] + missing  # records without the field stay last either way
    elif options.desc:
        records.reverse()
    if options.limit is not None:
        if options.limit < 0:
            raise UsageError("-n/--limit must be 0 or more")
        records = records[: options.limit]
    wanted = [_bound(listing.column(name), chosen, texts=options.texts) for name in chosen]
    if options.markers:
        drawn_with = {name for c in wanted for name in (c.marker, c.unit_field) if name and name not in chosen}
        wanted += [listing.column(name) for name in sorted(drawn_with)]
    getters = [(c.name, c.get or _by_name(c.name)) for c in wanted]
    rows: list[Row] = [{name: get(r) for name, get in getters} for r in records]
    return listing._replace(rows=rows, selected=chosen, explicit=options.fields is not None, total=total)


def _by_name(name: str) -> Getter:
    """The getter of a column without one: the record is a mapping that holds the value under ``name``."""
    return lambda record: record.get(name) if isinstance(record, Mapping) else None


def _bound(column: Column, chosen: tuple[str, ...], *, texts: bool) -> Column:
    """A ``--cite`` column told which fields the rows show (its getter has ``for_fields``), a column of entries
    whether they need their text (``for_text``); others as they are."""
    bind = getattr(column.get, "for_fields", None)
    if bind is not None:
        return column._replace(get=bind(chosen))
    text = getattr(column.get, "for_text", None)
    return column._replace(get=text(texts)) if text is not None else column


_Builder = TypeVar("_Builder", bound=Callable[..., "Listing"])

#: The listing that shows each record kind, and whether its builder takes the records to list after the
#: dataset: filled by :func:`lists` where each builder is written, read by :mod:`silkcli.listings.by_kind`.
KIND_LISTINGS: dict[str, tuple[Callable[..., Listing], bool]] = {}


def lists(kind: str, *, of_records: bool = True) -> Callable[[_Builder], _Builder]:
    """Declare the decorated builder as the listing of ``kind`` (``of_records``: it is called as
    ``build(ds, records)``; otherwise as ``build(ds)``), for ``--fields`` completion and the published column
    descriptions."""

    def register(build: _Builder) -> _Builder:
        KIND_LISTINGS[kind] = (build, of_records)
        return build

    return register
