"""The relational layout of the dataset, read off the model's Struct declarations.

A field added to the model gets its column without an edit here. The rules:

- a scalar field is a column (a :class:`~silkcli.dataset.model.PartialDate`
  also gets ``<name>_precision``: year, month or day, and ``<name>_sort``:
  the first day it can be, an ISO date that sorts and compares as a date);
- a property a record class names in ``derived_columns`` (a statistic's
  ``is_total``) is a column too, written but never read back;
- "no marker" (a field whose default is ``"none"``) is NULL, as in listings;
- a nested record that may be absent (a document's ``amount``) is flattened
  into ``<field>_<name>`` columns;
- a list of references or texts is a link table ``<table>_<field>`` with the
  owner's id, the position and the value;
- a list of records (a document's ``parties``) is a child table of the same
  name with the owner's id, the position and the record's own columns;
- anything deeper (a list inside a list item) is one column of JSON text.

References become foreign keys to the table they name (each reference type
declares it: ``Meta(extra={"refers_to": …})`` in the model).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from typing import Any, Literal

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.kinds import SINGULAR as SINGULAR  # what a row of each table is called (its owner column)
from silkcli.plain import Plain

ColumnType = Literal["text", "integer", "number", "boolean", "date", "json"]
#: How a derived column's value comes from ``field``: a date's precision, its first day, or a property's value.
Derived = Literal["", "precision", "sort", "property"]


class Column(Plain):
    """One column: its type, whether it must have a value, and the table it refers to."""

    name: str
    type: ColumnType
    required: bool = False
    references: str | None = None
    #: the model field it holds, as attribute names from the row's struct (``("amount", "value")``)
    field: tuple[str, ...] = ()
    #: free text worth a full-text index (titles, names, notes, quotes)
    text: bool = False
    #: the value is derived from ``field`` (and not read back): see :data:`Derived`
    derived: Derived = ""
    #: the value is a PartialDate, written as its text
    partial_date: bool = False
    #: the model's "none" (no marker) is written as NULL
    none_is_null: bool = False

    @property
    def precision(self) -> bool:
        """Whether the value is a PartialDate's precision (year, month or day)."""
        return self.derived == "precision"


class TableLayout(Plain):
    """A table's columns and keys; ``owner`` is set for link and child tables."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    #: the dataset attribute the rows come from, for top-level tables
    kind: str | None = None
    owner: str | None = None
    #: the field of the owner's struct that holds the list, and its element type
    field: str = ""
    element: Any = None

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)


class Shape(Plain):
    """What a field's annotation holds once Annotated, Optional and tuple are unwrapped."""

    base: Any
    optional: bool
    many: bool


def _unwrap(kind: Any) -> Any:
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    return kind


def shape_of(kind: Any) -> Shape:
    """The element type of an annotation, whether None is allowed, whether it is a tuple."""
    kind = _unwrap(kind)
    optional = False
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [_unwrap(a) for a in typing.get_args(kind) if a is not type(None)]
        optional = len(args) < len(typing.get_args(kind))
        if set(args) <= {int, float}:
            return Shape(float, optional, False)
        (kind,) = args
    if typing.get_origin(kind) is tuple:
        return Shape(_unwrap(typing.get_args(kind)[0]), optional, True)
    return Shape(kind, optional, False)


def column_type(base: Any) -> ColumnType:
    """The column type of a scalar element type."""
    if base is bool:
        return "boolean"
    if base is int:
        return "integer"
    if base is float:
        return "number"
    if base is dt.date:
        return "date"
    if base is str or base is m.PartialDate or typing.get_origin(base) is Literal:
        return "text"
    return "json"


@functools.cache
def references(cls: type[msgspec.Struct]) -> dict[str, str]:
    """Which fields of ``cls`` name a record, and the table of those records (``Meta(extra={"refers_to": …})``)."""
    fields = m.fields_of(cls)
    return {f.name: target for f in fields if (target := m.meta_extra(f.type, "refers_to")) is not None}


#: What makes a field free text: the Meta of ``m.Text`` (fact marks and ``| None`` may wrap it).
_TEXT_META = typing.get_args(m.Text)[1]


def _is_free_text(kind: Any) -> bool:
    """Titles, names, notes and texts; quotes (``Evidence``) are indexed once, in the citations table."""
    candidates = [kind, *typing.get_args(kind)]
    return any(_TEXT_META in typing.get_args(a) for a in candidates if typing.get_origin(a) is typing.Annotated)


def scalar_columns(cls: type[msgspec.Struct], prefix: tuple[str, ...] = (), *, nullable: bool = False) -> list[Column]:
    """The columns of ``cls``'s scalar and flattened fields (lists are left for their own tables)."""
    refs = references(cls)
    columns: list[Column] = []
    for f in m.fields_of(cls):
        kind = shape_of(f.type)
        path = (*prefix, f.name)
        name = "_".join(path)
        if kind.many and not prefix:
            continue
        if m.is_struct_type(kind.base) and not kind.many:
            columns += scalar_columns(kind.base, path, nullable=nullable or kind.optional)
            continue
        none = f.default == "none"  # no marker: NULL, as listings write it
        required = not kind.optional and not nullable and not none  # a default that is not None still fills it
        ctype = "json" if kind.many else column_type(kind.base)
        target = None if kind.many else refs.get(f.name)
        dated = kind.base is m.PartialDate and not kind.many
        columns.append(
            Column(name, ctype, required, target, path, _is_free_text(f.type), partial_date=dated, none_is_null=none)
        )
        if dated:
            columns.append(Column(f"{name}_precision", "text", required, None, path, derived="precision"))
            columns.append(Column(f"{name}_sort", "date", required, None, path, derived="sort"))
    if not prefix:
        columns += [_derived_column(cls, name) for name in getattr(cls, "derived_columns", ())]
    return columns


def _derived_column(cls: type[msgspec.Struct], name: str) -> Column:
    """The column of a property the record class names in ``derived_columns``, typed by what it returns."""
    prop = getattr(cls, name)
    assert isinstance(prop, property) and prop.fget is not None
    return Column(
        name, column_type(typing.get_type_hints(prop.fget)["return"]), True, None, (name,), derived="property"
    )


def _list_fields(cls: type[msgspec.Struct]) -> list[tuple[str, Any]]:
    return [(f.name, f.type) for f in m.fields_of(cls) if shape_of(f.type).many]


def owner_column(table: str, element: Any) -> str:
    """The column of a link or child table naming the row of ``table`` it belongs to: ``document``; ``quote_id``
    where the element has a field of that name (a quote's citations each hold a ``quote``)."""
    owner = SINGULAR.get(table, "owner")
    clash = m.is_struct_type(element) and owner in {f.name for f in m.fields_of(element)}
    return f"{owner}_id" if clash else owner


def list_tables(cls: type[msgspec.Struct], table: str) -> list[TableLayout]:
    """The link and child tables of ``cls``'s list fields, owned by ``table``."""
    refs = references(cls)
    out: list[TableLayout] = []
    for name, annotation in _list_fields(cls):
        element = shape_of(annotation).base
        owner = owner_column(table, element)
        keys = (
            Column(owner, "text", True, table, ("__owner__",)),
            Column("position", "integer", True, None, ("__position__",)),
        )
        if m.is_struct_type(element):
            own = tuple(scalar_columns(element))
            extra = tuple(Column(n, "json", False, None, (n,)) for n, _ in _list_fields(element))
            columns = keys + own + extra
        else:
            target = refs.get(name)
            value_name = SINGULAR.get(target, target) if target else "value"
            columns = keys + (Column(value_name, column_type(element), True, target, ("__value__",)),)
        out.append(TableLayout(f"{table}_{name}", columns, (owner, "position"), None, table, name, element))
    return out


def _vocabularies() -> list[TableLayout]:
    columns = tuple(scalar_columns(m.VocabTerm))
    return [TableLayout(f.name, columns, ("id",), f"vocabulary.{f.name}") for f in m.fields_of(m.Vocabulary)]


#: The records table lists every record's id and kind, so a reference to any record has a target.
RECORDS = TableLayout(
    "records",
    (Column("id", "text", True, None, ("id",)), Column("kind", "text", True, None, ("kind",))),
    ("id",),
)
DATASET = TableLayout(
    "dataset",
    (Column("schema", "text", True, None, ("schema",)), *scalar_columns(m.DatasetInfo)),
    (),
    "meta",
)


@functools.cache
def layout() -> tuple[TableLayout, ...]:
    """Every table, in the order they are written: targets of references before the tables naming them."""
    tables: list[TableLayout] = [DATASET, *_vocabularies()]
    tables.append(TableLayout("sources", tuple(scalar_columns(m.Source)), ("id",), "sources"))
    tables.append(RECORDS)
    for kind in ("partnership", *m.RECORD_KINDS):
        cls = record_class(kind)
        tables.append(TableLayout(kind, tuple(scalar_columns(cls)), ("id",), kind))
        tables += list_tables(cls, kind)
    return tuple(tables)


def record_class(kind: str) -> type[msgspec.Struct]:
    """The Struct class of a record list (``documents`` → Document), read off the Dataset's annotations."""
    hints = typing.get_type_hints(m.Dataset)
    found = shape_of(hints[kind]).base
    assert m.is_struct_type(found)
    return found


def by_name() -> dict[str, TableLayout]:
    """The tables by name."""
    return {t.name: t for t in layout()}
