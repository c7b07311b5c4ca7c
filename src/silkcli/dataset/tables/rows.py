"""The dataset's values laid out as rows of the tables :mod:`.layout` describes."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import RECORDS, Column, TableLayout, layout
from silkcli.plain import Plain

#: Booleans are the integers 0 and 1 (as SQLite stores them); the column type says which are booleans.
Value = str | int | float | None
Row = tuple[Value, ...]


class Table(Plain):
    """A table's layout and its rows, in the dataset's order."""

    layout: TableLayout
    rows: list[Row]

    @property
    def name(self) -> str:
        """The table's name."""
        return self.layout.name


def tables(ds: m.Dataset) -> list[Table]:
    """Every table of the dataset with its rows."""
    out: list[Table] = []
    for spec in layout():
        if spec is RECORDS:
            out.append(Table(spec, record_index(ds)))
        elif spec.owner is None:
            out.append(Table(spec, _rows(spec.columns, _structs(ds, spec.kind or ""))))
        else:
            out.append(Table(spec, _list_rows(ds, spec)))
    return out


def _structs(ds: m.Dataset, kind: str) -> list[Any]:
    """The structs a top-level table holds: ``documents``, ``vocabulary.roles``, ``meta``, ``partnership``."""
    value: Any = ds
    for part in kind.split("."):
        value = getattr(value, part)
    return [value] if isinstance(value, msgspec.Struct) else list(value)  # a list, or a list read in part


def record_index(ds: m.Dataset) -> list[Row]:
    """Every record's id and kind, the partnership first."""
    rows: list[Row] = [(ds.partnership.id, "partnership")]
    for kind in m.RECORD_KINDS:
        rows += [(r.id, kind) for r in getattr(ds, kind)]
    return rows


def _list_rows(ds: m.Dataset, spec: TableLayout) -> list[Row]:
    owners = _structs(ds, spec.owner or "")
    lists = list(map(operator.attrgetter(spec.field), owners))
    owner_ids = [o.id for o, items in zip(owners, lists, strict=True) for _ in items]
    positions = [i for items in lists for i in range(len(items))]
    items = list(itertools.chain.from_iterable(lists))
    if m.is_struct_type(spec.element):
        return list(zip(owner_ids, positions, *_columns(spec.columns[2:], items), strict=True))
    return list(zip(owner_ids, positions, items, strict=True))


def _rows(columns: tuple[Column, ...], structs: list[Any]) -> list[Row]:
    """Rows built a column at a time: C-level ``map`` and ``zip`` do the per-value work.

    Row by row, with a Python call per value, 100,000 documents took ~10 s.
    """
    return list(zip(*_columns(columns, structs), strict=True))


def rows_of(columns: tuple[Column, ...], structs: list[Any]) -> list[Row]:
    """The rows of ``columns`` for ``structs`` (the data package's link resources are built so too)."""
    return _rows(columns, structs)


def _columns(columns: tuple[Column, ...], structs: list[Any]) -> list[list[Value]]:
    return [_column(column, structs) for column in columns]


def _column(column: Column, structs: list[Any]) -> list[Value]:
    path = column.field
    if path == ("schema",):  # the dataset table's one row: the format of the file it came from
        return ["silkcli/1"] * len(structs)
    values: list[Any] = list(map(operator.attrgetter(path[0]), structs))
    for part in path[1:]:
        values = [None if v is None else getattr(v, part) for v in values]
    if column.derived == "precision":
        return _memo(values, lambda d: d.precision)
    if column.derived == "sort":
        return _memo(values, lambda d: d.first().isoformat())
    if column.none_is_null:
        return [None if v == "none" else v for v in values]
    if column.type == "boolean":  # 0/1: sqlite3 binds a bool through its slow adapter path (~3 µs a value)
        return [None if v is None else int(v) for v in values]
    if column.type == "json":
        return [None if v is None else _json(v) for v in values]
    if column.type == "date" or column.partial_date:
        return _memo(values, _text)
    return values


def _memo(values: list[Any], convert: Callable[[Any], Value]) -> list[Value]:
    """``convert`` applied to each value, once per distinct object (dates are shared, see ``model._PARSED``)."""
    keys = list(map(id, values))
    distinct = dict(zip(keys, values, strict=True))
    done = {key: None if value is None else convert(value) for key, value in distinct.items()}
    return list(map(done.__getitem__, keys))


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, m.PartialDate):
        return str(value)
    return str(value.isoformat())  # dt.date


def _json(value: Any) -> str:
    return msgspec.json.encode(value, enc_hook=m.encode_hook).decode("utf-8")


def columns_by_table() -> dict[str, tuple[str, ...]]:
    """Each table's column names, for readers."""
    return {spec.name: spec.names for spec in layout()}
