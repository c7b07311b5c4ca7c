"""The data package's resources: the shared tables, with every list a cell would hold as JSON made a link resource.

The SQLite export keeps a list inside a list item (a citation's ``fields``, a
milestone's ``cites``) as one column of JSON text. A CSV cell holds one
value, so here each such column becomes a resource of its own, one row per
item, keyed by the row it belongs to and the item's position:

- ``documents_cites.fields`` → ``documents_cites_fields(document, cite, position, field)``;
- ``documents.amount_cites`` → ``documents_amount_cites(document, position, source, quote, …)``,
  and its own ``fields`` → ``documents_amount_cites_fields(document, position_of_cite, …)``.

The key columns name the parent row: its primary key, with ``id`` called by
what the row is (``document``) and ``position`` by what the list holds
(``cite``, ``milestone``); together they are a foreign key to the parent.
"""

from __future__ import annotations

import functools
import operator
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import (
    SINGULAR,
    Column,
    TableLayout,
    column_type,
    layout,
    owner_column,
    references,
    scalar_columns,
    shape_of,
)
from silkcli.dataset.tables.rows import Row, Table, rows_of, tables
from silkcli.plain import Plain

#: A table's rows as dicts of typed values, by table name (as :mod:`silkcli.publish.readback` reads them).
Rows = dict[str, list[dict[str, Any]]]


class Resource(Plain):
    """One resource of the package: a shared table without its JSON columns, or a link resource."""

    layout: TableLayout
    #: for a link resource: the resource its rows belong to (whose primary key :attr:`key` names),
    #: the list's type annotation, and the link resources of the lists inside each item
    parent: str | None = None
    annotation: Any = None
    nested: tuple[Resource, ...] = ()
    description: str = ""

    @property
    def field(self) -> str:
        """The model field the list is (``fields``, ``cites``)."""
        return self.layout.field

    @property
    def element(self) -> Any:
        """The type of one item of the list."""
        return self.layout.element

    @property
    def name(self) -> str:
        """The resource's name (its CSV file's, without ``.csv``)."""
        return self.layout.name

    @property
    def key(self) -> tuple[str, ...]:
        """The columns that name the parent row: the primary key without ``position``."""
        return self.layout.primary_key[:-1]


def _singular(name: str) -> str:
    """What one item of a list field is called: ``cites`` a cite, ``milestones`` a milestone."""
    return SINGULAR.get(name) or name.removesuffix("s")


def _row_class(spec: TableLayout) -> Any:
    """The struct a row of a shared table comes from (``documents`` → Document, a child table's element)."""
    if spec.owner is not None:
        return spec.element
    found: Any = m.Dataset
    for part in (spec.kind or "").split("."):
        hints = typing.get_type_hints(found, include_extras=True)
        found = shape_of(hints[part]).base if part in hints else None
        if found is None:
            return None
    return found


def _holder(cls: Any, path: tuple[str, ...]) -> Any:
    """The struct that holds the field at ``path`` under ``cls`` (Amount for Document's ``("amount", "cites")``)."""
    for part in path[:-1]:
        cls = shape_of(typing.get_type_hints(cls)[part]).base
    return cls


def described(kind: Any) -> str:
    """The ``Meta(description=…)`` a type annotation carries, looking through ``| None``; empty if none."""
    if typing.get_origin(kind) is typing.Annotated:
        base, *metadata = typing.get_args(kind)
        found = [item.description for item in metadata if isinstance(item, msgspec.Meta) and item.description]
        return found[0] if found else described(base)
    if typing.get_origin(kind) in (typing.Union, typing.get_origin(int | None)):
        return next(filter(None, (described(arg) for arg in typing.get_args(kind))), "")
    return ""


def _link(parent: TableLayout, holder: Any, name: str, *, column: str = "") -> Resource:
    """The link resource of the list field ``name`` of the struct ``holder``, whose rows sit in ``parent``
    (under the name ``column`` there, where a nested struct's field is flattened: ``amount_cites``)."""
    annotation = typing.get_type_hints(holder, include_extras=True)[name]
    element = shape_of(annotation).base
    by_name = {c.name: c for c in parent.columns}
    keys = tuple(_key_column(parent, by_name[k], element) for k in parent.primary_key)
    position = Column("position", "integer", True, None, ("__position__",))
    if m.is_struct_type(element):
        columns = (*keys, position, *scalar_columns(element))
    else:
        target = references(holder).get(name)
        value = Column(SINGULAR.get(target, target) if target else _singular(name), column_type(element), True, target)
        columns = (*keys, position, value)
    key = (*(k.name for k in keys), "position")
    table = TableLayout(f"{parent.name}_{column or name}", columns, key, None, parent.name, name, element)
    nested = tuple(_link(table, element, f.name) for f in _list_fields(element)) if m.is_struct_type(element) else ()
    what = f"{SINGULAR.get(parent.name) or _singular(parent.field)}'s {(column or name).replace('_', ' ')} list"
    return Resource(table, parent.name, annotation, nested, f"One item of a {what} per row, in order.")


def _key_column(parent: TableLayout, column: Column, element: Any) -> Column:
    """A column of the parent's key, as a link resource names it: ``id`` → ``document``, ``position`` → ``cite``."""
    name = column.name
    if name == "id":
        name = owner_column(parent.name, element)
    elif name == "position":
        name = _singular(parent.field)
    return Column(name, column.type, True)


def _list_fields(cls: type[msgspec.Struct]) -> list[msgspec.structs.FieldInfo]:
    return [f for f in m.fields_of(cls) if shape_of(f.type).many]


@functools.cache
def resources() -> tuple[Resource, ...]:
    """Every resource of the package in writing order, each shared table followed by its link resources."""
    out: list[Resource] = []
    for spec in layout():
        lists = [c for c in spec.columns if c.type == "json"]
        flat = spec._replace(columns=tuple(c for c in spec.columns if c.type != "json"))
        out.append(Resource(flat))
        for column in lists:
            out += _walk(_link(flat, _holder(_row_class(spec), column.field), column.field[-1], column=column.name))
    return tuple(out)


def _walk(resource: Resource) -> Iterator[Resource]:
    yield resource
    for inner in resource.nested:
        yield from _walk(inner)


def _decoded(resource: Resource, cells: list[Any]) -> list[tuple[Any, ...]]:
    """The lists a JSON column holds, decoded into the model's types (an empty cell is an empty list)."""
    kind = resource.annotation
    return [() if c is None else msgspec.json.decode(c, type=kind, dec_hook=m.decode_hook) for c in cells]


def _unfold(resource: Resource, keys: list[Row], lists: list[tuple[Any, ...]], out: dict[str, list[Row]]) -> None:
    """The rows of a link resource for each parent key and its list, then of the lists inside its items."""
    own = [(*key, i) for key, items in zip(keys, lists, strict=True) for i in range(len(items))]
    items = [item for found in lists for item in found]
    if m.is_struct_type(resource.element):
        values = rows_of(resource.layout.columns[len(resource.key) + 1 :], items)
        out[resource.name] = [(*key, *row) for key, row in zip(own, values, strict=True)]
        for inner in resource.nested:
            _unfold(inner, own, [getattr(item, inner.field) for item in items], out)
    else:
        out[resource.name] = [(*key, item) for key, item in zip(own, items, strict=True)]


def package_tables(ds: m.Dataset) -> list[Table]:
    """Every resource of the package with its rows, in :func:`resources` order."""
    out: dict[str, list[Row]] = {}
    by_name = {r.name: r for r in resources()}
    for table in tables(ds):
        lists = [c.name for c in table.layout.columns if c.type == "json"]
        if not lists:  # most tables: their rows as they are
            out[table.name] = table.rows
            continue
        names = table.layout.names
        kept = operator.itemgetter(*(names.index(n) for n in by_name[table.name].layout.names))
        out[table.name] = list(map(kept, table.rows))
        keys = list(map(operator.itemgetter(*map(names.index, table.layout.primary_key)), table.rows))
        keys = [k if isinstance(k, tuple) else (k,) for k in keys]  # a one-column key is a bare value
        for name in lists:
            link = by_name[f"{table.name}_{name}"]
            cells = list(map(operator.itemgetter(names.index(name)), table.rows))
            _unfold(link, keys, _decoded(link, cells), out)
    return [Table(r.layout, out[r.name]) for r in resources()]


def fold(rows: Rows) -> Rows:
    """The shared tables' rows from the package's: each link resource put back as the JSON cell it came from."""
    by_name = {r.name: r for r in resources()}
    out: Rows = {}
    for spec in layout():
        found = [dict(row) for row in rows[spec.name]]
        for column in (c for c in spec.columns if c.type == "json"):
            items = _items(by_name[f"{spec.name}_{column.name}"], rows)
            for row in found:
                listed = items.get(tuple(row[k] for k in spec.primary_key), [])
                # an empty list in a flattened struct (``amount_cites``) is left out: the struct may be absent
                flattened = len(column.field) > 1
                row[column.name] = None if flattened and not listed else msgspec.json.encode(listed).decode("utf-8")
        out[spec.name] = found
    return out


def _items(resource: Resource, rows: Rows) -> dict[tuple[Any, ...], list[Any]]:
    """A link resource's items by the parent row's key, in position order (an element's own lists within it)."""
    inner = {r.field: _items(r, rows) for r in resource.nested}
    grouped: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    value_columns = resource.layout.columns[len(resource.key) + 1 :]
    for row in sorted(rows[resource.name], key=lambda r: r["position"]):
        key = tuple(row[k] for k in resource.key)
        if not m.is_struct_type(resource.element):
            grouped[key].append(row[value_columns[0].name])
            continue
        item = {c.field[0]: row[c.name] for c in value_columns if not c.derived and row[c.name] is not None}
        for field, found in inner.items():
            item[field] = found.get((*key, row["position"]), [])
        grouped[key].append(item)
    return grouped


def link_column_description(resource: Resource, column: Column) -> str:
    """What a column of a link resource holds: the row it belongs to, its position, or the item's own field."""
    key = resource.layout.primary_key
    if column.name in key[:-1]:
        return (
            f"id of the {column.name}" if key.index(column.name) == 0 else f"which {column.name} (its position, from 0)"
        )
    if column.name == "position":
        return f"position in the {resource.field} list, from 0"
    if m.is_struct_type(resource.element):
        found = described(typing.get_type_hints(resource.element, include_extras=True).get(column.field[0]))
    else:
        found = described(_item_annotation(resource.annotation))
    # as the other columns are described: lower case, no full stop ("the id of a source")
    return found[:1].lower() + found[1:].removesuffix(".") if found else column.name.replace("_", " ")


def _item_annotation(kind: Any) -> Any:
    """The annotation of one item of a list annotation, its own Meta kept (FieldName of ``tuple[FieldName, ...]``)."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    return typing.get_args(kind)[0]
