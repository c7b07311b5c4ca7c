"""The citations view: every (record, what it backs, source, quote) in the dataset, read where it is kept.

A quote has one home, the row of the record (or of the part of it) that it backs:
``documents.evidence``, ``documents_cites.quote``, ``documents.amount_cites``, a
milestone's row. The view reads them all in one list, in file order (each record's
own citation, then those nested in it, depth first; :data:`PER_RECORD` says how they
are numbered), so nothing stores a quote twice and no copy can drift from its record.
The SQL is read off the model and the layout: a new cited struct (a field-level
``cites`` list inside a new part, say) is in the view without an edit here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import Column, TableLayout, by_name, record_class, shape_of

#: The view's columns (for descriptions and Datasette's metadata): it is no table of its own.
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
        Column("how", "text", False, None, ("how",)),
    ),
    ("id",),
)


#: A citation's id is its record's row in ``records`` times this, plus its place among the record's citations:
#: ``12000003`` is the third citation of the twelfth record. Numbered within each record, a citation's id does
#: not change when another record gains one, and a question about one record reads that record's rows alone
#: (SQLite takes ``WHERE record = ?`` into each branch of the view; numbered across the whole dataset, one
#: record's citations took 410 ms at 20,000 documents, against 2 ms).
PER_RECORD = 1_000_000


def view_sql() -> str:
    """The SELECT of the ``citations`` view."""
    branches = [_branch(kind, *place) for kind in ("partnership", *m.RECORD_KINDS) for place in _places(kind)]
    union = "\n        UNION ALL ".join(branches)
    return (
        f"SELECT R.rowid * {PER_RECORD} + row_number() OVER (PARTITION BY U.record ORDER BY U.k) AS id, U.record,"
        " U.kind, U.part, U.fields, U.source, U.quote, U.inferred, U.how"
        f"\n        FROM ({union}) U\n        JOIN records R ON R.id = U.record ORDER BY id"
    )


def _branch(kind: str, key: str, select: str, where: str) -> str:
    return f"SELECT {key} AS k, T.id AS record, '{kind}' AS kind, {select} {where}"


def _places(kind: str) -> Iterator[tuple[str, str, str]]:
    """(sort key, selected columns, FROM and WHERE) for every place a record of ``kind`` keeps a citation."""
    q = _quoted
    top = q(kind)
    cls = record_class(kind)
    yield from _struct_places(cls, (), "T", f"FROM {top} T", "''", "NULL")
    for index, name in enumerate(_nested_fields(cls)):
        shape = shape_of(_field_type(cls, name))
        if not shape.many:
            continue  # a nested struct is flattened into the record's row: _struct_places reads it
        child = by_name()[f"{kind}_{name}"]
        owner = child.columns[0].name
        key = f"'{_seg(index)}' || printf('%06d', C.position)"
        part = f"'{name}[' || C.position || ']'"
        source = f"FROM {q(child.name)} C JOIN {top} T ON T.id = C.{q(owner)}"
        yield from _struct_places(shape.base, (), "C", source, key, part)


def _struct_places(
    cls: type[msgspec.Struct], prefix: tuple[str, ...], alias: str, source: str, key: str, part: str
) -> Iterator[tuple[str, str, str]]:
    """The citation of a struct kept in a row (``alias``'s columns, flattened under ``prefix``) and those in it."""
    names = {f.name for f in m.fields_of(cls)}
    column = functools.partial(_column, alias, prefix)
    quote = "evidence" if "evidence" in names else "quote" if "quote" in names else None
    if "source" in names and quote is not None:
        named = f"(SELECT group_concat(F.value, ', ') FROM json_each({column('fields')}) F)"
        fields = named if "fields" in names else ""
        yield (
            key,
            f"{part} AS part, {_or_part(fields, part)} AS fields, {column('source')} AS source, "
            f"{column(quote)} AS quote, {column('inferred') if 'inferred' in names else '0'} AS inferred, "
            f"{column('how') if 'how' in names else 'NULL'} AS how",
            f"{source} WHERE {column('source')} IS NOT NULL AND {column(quote)} IS NOT NULL",
        )
    for index, name in enumerate(_nested_fields(cls)):
        shape = shape_of(_field_type(cls, name))
        inner = f"{key} || '{_seg(index)}'"
        where = name if part == "NULL" else None
        inner_part = f"'{where}'" if where else f"{part} || '.{name}'"
        if not shape.many:  # flattened into this row's columns
            yield from _struct_places(shape.base, (*prefix, name), alias, source, inner, inner_part)
        elif prefix or alias == "C":  # a list inside a list item, or inside a flattened struct: JSON text
            yield _json_place(shape.base, column(name), source, inner, inner_part)
        # a record's own list has a table of its own: _places reads it


def _json_place(cls: type[msgspec.Struct], cell: str, source: str, key: str, part: str) -> tuple[str, str, str]:
    """The citations in a column of JSON text holding a list of ``cls`` (a milestone's ``cites``)."""
    if _nested_fields(cls):
        raise NotImplementedError(f"{cls.__name__} in JSON text cites inside itself: the view cannot read it")
    names = {f.name for f in m.fields_of(cls)}
    item = "J.value"
    part = f"{part} || '[' || J.key || ']'"

    def value(name: str, default: str = "NULL") -> str:  # json_extract is refused in a view without trusted_schema
        return f"(SELECT V.value FROM json_each({item}) V WHERE V.key = '{name}')" if name in names else default

    quote = "evidence" if "evidence" in names else "quote"
    fields = f"(SELECT group_concat(F.value, ', ') FROM json_each({item}, '$.fields') F)" if "fields" in names else ""
    return (
        f"{key} || printf('%06d', J.key)",
        f"{part} AS part, {_or_part(fields, part)} AS fields, {value('source')} AS source, "
        f"{value(quote)} AS quote, coalesce({value('inferred', '0')}, 0) AS inferred, {value('how')} AS how",
        f"{source}, json_each({cell}) J",
    )


def _or_part(fields: str, part: str) -> str:
    """What a citation backs: the fields it names, else its part (NULL for the record itself)."""
    return f"coalesce({fields}, {part})" if fields else part


def _column(alias: str, prefix: tuple[str, ...], name: str) -> str:
    return f"{alias}.{_quoted('_'.join((*prefix, name)))}"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _seg(index: int) -> str:
    """A field's place among its struct's fields, as sortable text."""
    return f"{index:04d}"


def _field_type(cls: type[msgspec.Struct], name: str) -> object:
    return next(f.type for f in m.fields_of(m.model_class(cls)) if f.name == name)


@functools.cache
def _nested_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that can hold a struct that cites (a Party, which cites nothing, is not visited)."""
    return tuple(
        f.name
        for f in m.fields_of(m.model_class(cls))
        if m.is_struct_type(shape_of(f.type).base) and _may_cite(shape_of(f.type).base)
    )


@functools.cache
def _may_cite(cls: type) -> bool:
    names = {f.name for f in m.fields_of(cls)}
    return "source" in names or bool(_nested_fields(cls))
