"""The dataset's values laid out as rows of the tables :mod:`.layout` describes."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.publish.citations import CITATIONS, citation_rows
from silkcli.publish.layout import RECORDS, Column, TableLayout, layout

Value = str | int | float | bool | None
Row = tuple[Value, ...]


@dataclass(frozen=True)
class Table:
    """A table's layout and its rows, in the dataset's order."""

    layout: TableLayout
    rows: list[Row]

    @property
    def name(self) -> str:
        """The table's name."""
        return self.layout.name


def all_layouts() -> tuple[TableLayout, ...]:
    """Every table's layout, citations last."""
    return (*layout(), CITATIONS)


def tables(ds: m.Dataset) -> list[Table]:
    """Every table of the dataset with its rows."""
    out: list[Table] = []
    for spec in layout():
        if spec is RECORDS:
            out.append(Table(spec, record_index(ds)))
        elif spec.owner is None:
            out.append(Table(spec, [_row_getter(spec.columns)(s) for s in _structs(ds, spec.kind or "")]))
        else:
            out.append(Table(spec, list(_list_rows(ds, spec))))
    out.append(Table(CITATIONS, citation_rows(ds)))
    return out


def _structs(ds: m.Dataset, kind: str) -> list[Any]:
    """The structs a top-level table holds: ``documents``, ``vocabulary.roles``, ``meta``, ``partnership``."""
    value: Any = ds
    for part in kind.split("."):
        value = getattr(value, part)
    return list(value) if isinstance(value, tuple) else [value]


def record_index(ds: m.Dataset) -> list[Row]:
    """Every record's id and kind, the partnership first."""
    rows: list[Row] = [(ds.partnership.id, "partnership")]
    for kind in m.RECORD_KINDS:
        rows += [(r.id, kind) for r in getattr(ds, kind)]
    return rows


def _list_rows(ds: m.Dataset, spec: TableLayout) -> Iterator[Row]:
    owners = _structs(ds, spec.owner or "")
    if m.is_struct_type(spec.element):
        getter = _row_getter(spec.columns[2:])
        for owner in owners:
            for i, item in enumerate(getattr(owner, spec.field)):
                yield (owner.id, i, *getter(item))
    else:
        for owner in owners:
            for i, item in enumerate(getattr(owner, spec.field)):
                yield (owner.id, i, item)


def _row_getter(columns: tuple[Column, ...]) -> Callable[[Any], Row]:
    getters = [_getter(c) for c in columns]
    return lambda struct: tuple(get(struct) for get in getters)


def _getter(column: Column) -> Callable[[Any], Value]:
    path = column.field
    if column.name == "schema" and path == ("schema",):
        return lambda _: "silkcli/1"
    fetch = operator.attrgetter(".".join(path)) if len(path) == 1 else functools.partial(_dig, path)
    if column.precision:
        return lambda s: _precision(fetch(s))
    if column.type == "json":
        return lambda s: _json(fetch(s))
    if column.type in ("text", "date"):
        return lambda s: _text(fetch(s))
    return fetch


def _dig(path: tuple[str, ...], struct: Any) -> Any:
    value = struct
    for part in path:
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _text(value: Any) -> Value:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, m.PartialDate):
        return str(value)
    return str(value.isoformat())  # dt.date


def _precision(value: m.PartialDate | None) -> str | None:
    return None if value is None else value.precision


def _json(value: Any) -> str:
    return msgspec.json.encode(value, enc_hook=m.encode_hook).decode("utf-8")


def columns_by_table() -> dict[str, tuple[str, ...]]:
    """Each table's column names, for readers."""
    return {spec.name: spec.names for spec in all_layouts()}
