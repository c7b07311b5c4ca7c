"""A listing: the rows a command found, its columns, and the output options.

Rows are plain dicts of scalars (or tuples of strings) so every format can
render them without knowing the record kinds. Field selection, sorting and
limiting happen here, after selection and before rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from silkcli.errors import UsageError

Value = str | int | float | bool | None | tuple[str, ...]
Row = dict[str, Value]

CITE_FIELDS = ("source", "source_url")
EVIDENCE_FIELD = "evidence"


class Column(NamedTuple):
    """One field a listing can show."""

    name: str
    help: str
    numeric: bool = False
    #: in tables, the value of this other field decorates this one (``4,500e``, ``2024-12 (day unknown)``, ``n.d.``)
    marker: str | None = None


class Listing(NamedTuple):
    """What a command found, ready to render."""

    kind: str
    columns: tuple[Column, ...]
    default: tuple[str, ...]
    rows: list[Row]
    notes: tuple[str, ...] = ()
    highlight: str | None = None
    selected: tuple[str, ...] = ()
    #: the user chose the fields (--fields); tables then show marker columns too
    explicit: bool = False
    #: a single record in full: json, jsonl and yaml print this instead of rows
    document: dict[str, object] | None = None

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields to show, in order."""
        return self.selected or self.default


CITE_COLUMNS = (
    Column("source", "id of the source the record cites"),
    Column("source_url", "URL of that source"),
    Column("evidence", "verbatim quote from the source supporting the record"),
)


def parse_fields(text: str, listing: Listing) -> tuple[str, ...]:
    """``a,b,c`` checked against the listing's columns (did-you-mean on a typo)."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    known = [c.name for c in listing.columns]
    for name in names:
        if name not in known:
            from silkcli.errors import suggest

            raise UsageError(f"unknown field '{name}'{suggest(name, known)}\nfields: {', '.join(known)}")
    if not names:
        raise UsageError("--fields needs at least one field name (or 'help')")
    return names


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
    text = "; ".join(value) if isinstance(value, tuple) else value
    return (0, 0.0, text.lower())


class Shape(NamedTuple):
    """The common output options every listing command takes."""

    fields: str | None = None
    sort: str | None = None
    desc: bool = False
    limit: int | None = None
    cite: bool = False
    evidence: bool = False


def shape(listing: Listing, options: Shape) -> Listing:
    """Apply --fields, --cite, --sort/--desc and -n to a listing."""
    chosen = parse_fields(options.fields, listing) if options.fields else listing.default
    if options.cite:
        extra = CITE_FIELDS + ((EVIDENCE_FIELD,) if options.evidence else ())
        chosen = chosen + tuple(f for f in extra if f not in chosen)
    rows = listing.rows
    if options.sort:
        (key,) = parse_fields(options.sort, listing)
        present = [r for r in rows if r.get(key) not in (None, ())]
        missing = [r for r in rows if r.get(key) in (None, ())]
        present = sorted(present, key=lambda r: _sort_key(r.get(key)), reverse=options.desc)
        rows = present + missing  # records without the field stay last either way
    elif options.desc:
        rows = list(reversed(rows))
    if options.limit is not None:
        if options.limit < 0:
            raise UsageError("-n/--limit must be 0 or more")
        rows = rows[: options.limit]
    return listing._replace(rows=rows, selected=chosen, explicit=bool(options.fields))


def with_cite_columns(columns: Sequence[Column]) -> tuple[Column, ...]:
    """A listing's own columns plus the citation ones."""
    return tuple(columns) + CITE_COLUMNS
