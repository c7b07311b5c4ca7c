"""Published tables read back into a dataset: the inverse of :mod:`.rows`, for round-trip checks.

A reader (SQLite or the data package's CSV files) gives each table's rows as
dicts of typed values; :func:`dataset_from_tables` nests them again and lets
the model's own decoder rebuild and validate the records.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import Column, TableLayout, layout
from silkcli.publish.package_tables import Rows, fold, resources


def read_sqlite(path: Path) -> Rows:
    """Every table of an exported database, rows in their stored order, booleans as bools."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: Rows = {}
        for spec in layout():
            cursor = conn.execute(f'SELECT * FROM "{spec.name}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            out[spec.name] = [_typed_sqlite(spec, dict(zip(names, row, strict=True))) for row in cursor]
        return out
    finally:
        conn.close()


def _typed_sqlite(spec: TableLayout, row: dict[str, Any]) -> dict[str, Any]:
    for column in spec.columns:
        if column.type == "boolean" and row[column.name] is not None:
            row[column.name] = bool(row[column.name])
    return row


def read_csv_folder(folder: Path) -> Rows:
    """Every table of an exported data package, values parsed by the column types, link resources folded back."""
    out: Rows = {}
    for resource in resources():
        spec = resource.layout
        with (folder / f"{spec.name}.csv").open(encoding="utf-8", newline="") as handle:
            out[spec.name] = [_typed_csv(spec.columns, row) for row in csv.DictReader(handle)]
    return fold(out)


def _typed_csv(columns: tuple[Column, ...], row: dict[str, str]) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for column in columns:
        text = row[column.name]
        if text == "":
            typed[column.name] = None
        elif column.type == "boolean":
            typed[column.name] = text == "true"
        elif column.type == "integer":
            typed[column.name] = int(text)
        elif column.type == "number":
            typed[column.name] = float(text) if any(c in text for c in ".eEn") else int(text)
        else:
            typed[column.name] = text
    return typed


def dataset_from_tables(rows: Rows) -> m.Dataset:
    """The dataset the tables hold, rebuilt and validated by the model."""
    specs = {spec.name: spec for spec in layout()}
    children = _children(rows, specs)
    data: dict[str, Any] = {}
    for spec in specs.values():
        if spec.kind is None:
            continue
        items = [_nest(spec, row, children) for row in rows[spec.name]]
        target, _, name = spec.kind.rpartition(".")
        holder = data.setdefault(target, {}) if target else data
        holder[name] = items if spec.kind not in ("meta", "partnership") else items[0]
    data["schema"] = data["meta"].pop("schema")
    return msgspec.convert(data, m.Dataset, dec_hook=m.decode_hook, strict=False)


def _children(rows: Rows, specs: dict[str, TableLayout]) -> dict[tuple[str, str], dict[str, list[Any]]]:
    """Link and child rows by (owner table, field), then owner id, in position order."""
    found: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for spec in specs.values():
        if spec.owner is None:
            continue
        owner_key, value_key = spec.columns[0].name, spec.columns[2].name
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in sorted(rows[spec.name], key=lambda r: r["position"]):
            if m.is_struct_type(spec.element):
                item = _nest(spec, {k: v for k, v in row.items() if k not in (owner_key, "position")}, {})
                grouped[row[owner_key]].append(item)
            else:
                grouped[row[owner_key]].append(row[value_key])
        found[(spec.owner, spec.field)] = grouped
    return found


def _nest(spec: TableLayout, row: dict[str, Any], children: dict[tuple[str, str], dict[str, list[Any]]]) -> Any:
    out: dict[str, Any] = {}
    for column in spec.columns:
        if column.derived or column.name not in row or column.field[0].startswith("__"):
            continue
        value = row[column.name]
        if value is None and column.none_is_null:
            continue  # the model's default, "none"
        if column.type == "json" and value is not None:
            value = json.loads(value)
        if len(column.field) == 2 and value is not None:
            out.setdefault(column.field[0], {})[column.field[1]] = value
        elif len(column.field) == 1:
            out[column.field[0]] = value
    for (owner, field), grouped in children.items():
        if owner == spec.name:
            out[field] = grouped.get(out["id"], [])
    return out
