"""Descriptions of the published tables and columns, from texts the project already keeps.

A column's description is its listing column's ``--fields help`` text where
a listing shows a field of that name; a table's is its record class's
docstring. The few columns no listing shows get a sentence built from the
table they sit in, so a new field is described without an edit here.
"""

from __future__ import annotations

from silkcli.dataset import model as m
from silkcli.listings import lookups, records
from silkcli.listings.listing import CITE_COLUMNS, Column
from silkcli.publish.layout import SINGULAR, TableLayout, record_class

#: The listing whose ``--fields help`` describes each table's columns.
LISTING_COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": records.DOCUMENT_COLUMNS,
    "people": records.PEOPLE_COLUMNS,
    "events": records.EVENT_COLUMNS,
    "commitments": records.COMMITMENT_COLUMNS,
    "quotes": records.QUOTE_COLUMNS,
    "sources": records.SOURCE_COLUMNS,
    "statistics": lookups.STAT_COLUMNS,
    "sectors": lookups.SECTOR_COLUMNS,
}
#: Flattened columns shown by a listing under a shorter name.
ALIASES = {"amount_value": "amount", "amount_currency": "currency"}
_OWN = {
    "dataset": "What the dataset is, its version and when it was last revised (one row).",
    "records": "Every record's id and the table it is in: the target of references that may name any record.",
    "citations": "Every quote backing a record or a part of one, with its source.",
    "sources": m.Source.__doc__ or "",
}
_CITATION_COLUMNS = {
    "id": "citation number, in file order",
    "record": "id of the record the quote backs",
    "kind": "table the record is in",
    "part": "where in the record the citation sits (empty: the record itself)",
    "fields": "what the quote backs (empty: the record as a whole)",
    "source": "id of the source quoted",
    "quote": "verbatim quote from the source",
    "inferred": "the fact is inferred from the quote rather than stated in it",
}
_COMMON = {c.name: c.help for c in CITE_COLUMNS} | {"note": "caveats and unknowns"}


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
    return doc.strip().splitlines()[0]


def column_description(spec: TableLayout, name: str) -> str:
    """The description of column ``name`` of a table."""
    if spec.name == "citations":
        return _CITATION_COLUMNS[name]
    if spec.owner is not None:
        return _child_column(spec, name)
    listed = {c.name: c.help for c in LISTING_COLUMNS.get(spec.name, ())}
    found = listed.get(ALIASES.get(name, name)) or _COMMON.get(name)
    if found:
        return found
    if name.endswith("_precision"):
        return f"how precisely {name.removesuffix('_precision')} is known: year, month or day"
    if name == "id":
        return f"{SINGULAR.get(spec.name, 'record')} id"
    return f"{name.replace('_', ' ')} of the {SINGULAR.get(spec.name, 'record')}"


def _child_column(spec: TableLayout, name: str) -> str:
    owner = SINGULAR.get(spec.owner or "", "record")
    if name == owner:
        return f"id of the {owner}"
    if name == "position":
        return f"position in the {owner}'s {spec.field} list, from 0"
    listed = {c.name: c.help for c in LISTING_COLUMNS.get(spec.owner or "", ())}
    if not m.is_struct_type(spec.element) and spec.field in listed:
        return listed[spec.field]
    return _COMMON.get(name) or f"{name.replace('_', ' ')} of the {spec.field} entry"
