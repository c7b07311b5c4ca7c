"""The citations table: every (record, what it backs, source, quote) in the dataset.

One walk finds every nested struct that cites a source — a record itself, a
document's amount and milestones, a discrepancy's claims — so a new cited
struct (such as a field-level ``citations`` list whose items carry
``source``, ``quote``, ``fields`` and ``inferred``) is picked up by
:func:`cited_parts` without an edit elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.publish.layout import Column, TableLayout, shape_of

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
    """One row per citation, numbered from 1 in file order."""
    rows: list[tuple[Any, ...]] = []
    records: list[tuple[str, m.Record]] = [("partnership", ds.partnership)]
    for kind in m.RECORD_KINDS:
        records += [(kind, r) for r in getattr(ds, kind)]
    for kind, record in records:
        for part, source, quote, fields, inferred in cited_parts(record):
            rows.append((len(rows) + 1, record.id, kind, part, fields, source, quote, inferred))
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
    """The fields of ``cls`` that can hold structs."""
    return tuple(f.name for f in msgspec.structs.fields(cls) if m.is_struct_type(shape_of(f.type).base))
