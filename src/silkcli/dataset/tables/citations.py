"""The citations table: every (record, what it backs, source, quote) in the dataset.

One walk finds every nested struct that cites a source — a record itself, a
document's amount and milestones, a discrepancy's claims — so a new cited
struct (such as a field-level ``citations`` list whose items carry
``source``, ``quote``, ``fields`` and ``inferred``) is picked up by
:func:`cited_parts` without an edit elsewhere.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import Column, TableLayout, shape_of

CITATIONS = TableLayout(
    "citations",
    (
        Column("id", "integer", True, None, ("id",)),
        Column("record", "text", True, "records", ("record",)),
        Column("kind", "text", True, None, ("kind",)),
        Column("part", "text", False, None, ("part",)),
        Column("fields", "text", False, None, ("fields",)),
        Column("source", "text", True, "sources", ("source",)),
        Column("quote", "text", True, None, ("quote",), text=True),
        Column("inferred", "boolean", True, None, ("inferred",)),
    ),
    ("id",),
)


def citation_rows(ds: m.Dataset) -> list[tuple[Any, ...]]:
    """One row per citation, numbered from 1 in file order: each record's own, then those nested in it."""
    rows: list[tuple[Any, ...]] = []
    for kind in ("partnership", *m.RECORD_KINDS):
        found = getattr(ds, kind)
        rows += _kind_rows(kind, [found] if kind == "partnership" else list(found))
    return [(i, *row) for i, row in enumerate(rows, start=1)]


def _kind_rows(kind: str, records: list[m.Record]) -> list[tuple[Any, ...]]:
    """The citations of one kind's records (without numbers)."""
    if not records:
        return []
    nested = _nested_fields(type(records[0]))
    ids, sources, quotes = ([getattr(r, name) for r in records] for name in ("id", "source", "evidence"))
    n = len(records)
    own = list(zip(ids, [kind] * n, [None] * n, [None] * n, sources, quotes, [0] * n, strict=True))
    if not nested and None not in sources:  # the usual case, without a Python call per record
        return own
    rows: list[tuple[Any, ...]] = []
    for record, row in zip(records, own, strict=True):
        if row[4] is not None:
            rows.append(row)  # the record's short form: one citation for the whole record
        if any(getattr(record, name) for name in nested):  # most records have no cites, amount or milestones
            parts = itertools.islice(cited_parts(record), 1 if row[4] is not None else 0, None)
            rows += [(record.id, kind, p, fields, s, q, int(inferred)) for p, s, q, fields, inferred in parts]
    return rows


def cited_parts(struct: msgspec.Struct, part: str = "") -> Iterator[tuple[str | None, str, str, str | None, bool]]:
    """(part, source, quote, fields, inferred) for ``struct`` and every cited struct inside it.

    ``part`` is where the citation sits (None for the record itself,
    ``amount``, ``milestones[0]``); ``fields`` is what it backs: the fields
    an item names, else the part, else None for the whole record.
    """
    quote = getattr(struct, "evidence", None) or getattr(struct, "quote", None)
    source = getattr(struct, "source", None)
    if isinstance(quote, str) and isinstance(source, str):
        named = getattr(struct, "fields", None)
        fields = ", ".join(named) if named else (part or None)
        yield (part or None), source, quote, fields, bool(getattr(struct, "inferred", False))
    for name in _nested_fields(type(struct)):
        value = getattr(struct, name)
        where = f"{part}.{name}" if part else name
        if isinstance(value, msgspec.Struct):
            yield from cited_parts(value, where)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, msgspec.Struct):
                    yield from cited_parts(item, f"{where}[{i}]")


@functools.cache
def _nested_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that can hold a struct that cites (a Party, which cites nothing, is not visited)."""
    return tuple(
        f.name
        for f in msgspec.structs.fields(m.model_class(cls))
        if m.is_struct_type(shape_of(f.type).base) and _may_cite(shape_of(f.type).base)
    )


@functools.cache
def _may_cite(cls: type) -> bool:
    names = {f.name for f in msgspec.structs.fields(cls)}
    return "source" in names or bool(_nested_fields(cls))
