"""Descriptions of the published tables and columns, from texts the project already keeps.

A column's description is its listing column's ``--fields help`` text where
a listing shows a field of that name; a table's is its record class's
docstring. The few columns no listing shows get a sentence built from the
table they sit in, so a new field is described without an edit here.
"""

from __future__ import annotations

from silkcli.dataset import model as m
from silkcli.dataset.kinds import all_kinds
from silkcli.dataset.tables.layout import SINGULAR, TableLayout, record_class
from silkcli.listings import records
from silkcli.listings.by_kind import kind_listing

#: Column name to its ``--fields help`` text, by table.
Helps = dict[str, dict[str, str]]
#: Flattened columns shown by a listing under a shorter name.
ALIASES = {"amount_value": "amount", "amount_currency": "currency"}
_OWN = {
    "dataset": "What the dataset is, its version and when it was last revised (one row).",
    "records": "Every record's id and the table it is in: the target of references that may name any record.",
    "sources": m.Source.__doc__ or "",
}
_CITATION_COLUMNS = {
    "id": "the record's row in records times 1,000,000, plus the citation's place in it (12000003: its 3rd)",
    "record": "id of the record the quote backs",
    "kind": "table the record is in",
    "part": "where in the record the citation sits (empty: the record itself)",
    "fields": "what the quote backs (empty: the record as a whole)",
    "source": "id of the source quoted",
    "quote": "verbatim quote from the source",
    "inferred": "the fact is inferred from the quote rather than stated in it",
    "how": "how the fact is inferred from the quote (empty: stated in it)",
}
_NOTE = {"note": "caveats and unknowns"}
#: What the columns every cited row has hold, in a table (a listing's help speaks of the fields it shows).
_CITED = {
    "source": "id of the source that states it (its row in sources)",
    "evidence": "the source's words that state it, verbatim",
    "cites": "further citations, as JSON: source, quote and the fields each backs",
}


def listing_helps(ds: m.Dataset) -> Helps:
    """The ``--fields help`` texts of the listings that show each table's records (the listings of ``ds``)."""
    listings = {kind: found for kind in all_kinds() if (found := kind_listing(ds, kind)) is not None}
    helps = {kind: {c.name: c.help for c in listing.columns} for kind, listing in listings.items()}
    helps[""] = {c.name: c.help for c in records.cite_columns(ds)} | _NOTE  # columns every record table has
    return helps


def table_description(spec: TableLayout) -> str:
    """One sentence on what a table holds."""
    if spec.name in _OWN:
        return _OWN[spec.name]
    if spec.owner is not None:
        owner = SINGULAR.get(spec.owner, spec.owner)
        what = "entry" if m.is_struct_type(spec.element) else "value"
        return f"One {what} of a {owner}'s {spec.field} list per row, in order (position counts from 0)."
    if spec.kind and spec.kind.startswith("vocabulary."):
        return f"The allowed values of {spec.name.replace('_', ' ')}, with display names."
    doc = record_class(spec.name).__doc__ or spec.name
    return doc.strip().splitlines()[0].replace("``", "")  # a docstring's literal marks, not the reader's


def column_description(spec: TableLayout, name: str, helps: Helps) -> str:
    """The description of column ``name`` of a table (``helps`` from :func:`listing_helps`)."""
    if spec.name == "citations":
        return _CITATION_COLUMNS[name]
    if name in _CITED and "evidence" in spec.names:
        return _CITED[name]
    if spec.owner is not None:
        return _child_column(spec, name, helps)
    listed = helps.get(spec.name, {})
    found = listed.get(ALIASES.get(name, name)) or helps[""].get(name)
    if found:
        return found
    if name.endswith("_precision"):
        return f"how precisely {name.removesuffix('_precision')} is known: year, month or day"
    if name.endswith("_sort"):
        return f"the first day {name.removesuffix('_sort')} can be (ISO): sorts and compares as a date"
    derived = getattr(record_class(spec.name), name, None) if spec.kind in all_kinds() else None
    if isinstance(derived, property) and derived.__doc__:
        return derived.__doc__.strip().splitlines()[0]
    if name == "id":
        return f"{SINGULAR.get(spec.name, 'record')} id"
    return f"{name.replace('_', ' ')} of the {SINGULAR.get(spec.name, 'record')}"


def _child_column(spec: TableLayout, name: str, helps: Helps) -> str:
    owner = SINGULAR.get(spec.owner or "", "record")
    if name == spec.columns[0].name:
        return f"id of the {owner}"
    if name == "position":
        return f"position in the {owner}'s {spec.field} list, from 0"
    listed = helps.get(spec.owner or "", {})
    if not m.is_struct_type(spec.element) and spec.field in listed:
        return listed[spec.field]
    return helps[""].get(name) or f"{name.replace('_', ' ')} of the {spec.field} entry"
