"""The dataset as a Frictionless Tabular Data Package: one CSV per table and ``datapackage.json``.

Lists are link resources, as in the SQLite export (``documents_sectors``:
document, position, sector), and so are the lists inside list items that
SQLite keeps as JSON text (:mod:`.package_tables`): every cell holds one
value and every reference is a declared foreign key. Booleans are
``true``/``false``, a missing value is an empty cell, and a date known only to
the month or year is a patterned string with its precision in the next column.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset.tables.layout import Column, TableLayout
from silkcli.dataset.tables.rows import Row, Table
from silkcli.publish.describe import Helps, column_description, listing_helps, table_description
from silkcli.publish.package_tables import Resource, link_column_description, package_tables, resources

DESCRIPTOR = "datapackage.json"
#: No column here is JSON: :mod:`.package_tables` makes each list a resource.
_TYPES = {"text": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "date"}
_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


def to_csv(table: Table) -> str:
    """One table as CSV (RFC 4180, header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.layout.names)
    flags = [c.type == "boolean" for c in table.layout.columns]
    writer.writerows(_cells(row, flags) for row in table.rows)
    return buffer.getvalue()


def _cells(row: Row, booleans: list[bool]) -> list[str]:
    return [
        "" if v is None else ("true" if v else "false") if flag else str(v)
        for v, flag in zip(row, booleans, strict=True)
    ]


def field_schema(resource: Resource, column: Column, helps: Helps) -> dict[str, Any]:
    """A Table Schema field descriptor."""
    spec = resource.layout
    field: dict[str, Any] = {
        "name": column.name,
        "type": _TYPES[column.type],
        "description": column_description(spec, column.name, helps)
        if resource.parent is None
        else link_column_description(resource, column),
    }
    if column.type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.type == "text" and not column.precision and _is_partial_date(spec, column):
        constraints["pattern"] = _DATE_PATTERN
    if column.precision:
        constraints["enum"] = ["year", "month", "day"]
    if constraints:
        field["constraints"] = constraints
    return field


def _is_partial_date(spec: TableLayout, column: Column) -> bool:
    return f"{column.name}_precision" in spec.names


def table_schema(resource: Resource, helps: Helps) -> dict[str, Any]:
    """The Table Schema of one resource: fields, primary key, foreign keys (a link row's to the row it is in)."""
    spec = resource.layout
    schema: dict[str, Any] = {"fields": [field_schema(resource, c, helps) for c in spec.columns]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    keys = [
        {"fields": c.name, "reference": {"resource": c.references, "fields": "id"}}
        for c in spec.columns
        if c.references
    ]
    if resource.parent is not None:
        parent = next(r.layout for r in resources() if r.name == resource.parent)
        ours, theirs = list(resource.key), list(parent.primary_key)
        single = len(ours) == 1
        keys.insert(
            0,
            {
                "fields": ours[0] if single else ours,
                "reference": {"resource": parent.name, "fields": theirs[0] if single else theirs},
            },
        )
    if keys:
        schema["foreignKeys"] = keys
    return schema


def descriptor(ds: m.Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor."""
    meta = ds.meta
    helps = listing_helps(ds)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "silkcli-partnership",
        "title": meta.title,
        "version": meta.version,
        "description": meta.description or meta.title,
        "licenses": [{"name": "other-at", "title": meta.license or "See the sources' own terms."}],
        "sources": [{"title": s.title, "path": s.url} for s in ds.sources],
        "resources": [],
    }
    for resource in resources():
        spec = resource.layout
        package["resources"].append(
            {
                "name": spec.name,
                "path": f"{spec.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": resource.description or table_description(spec),
                "schema": table_schema(resource, helps),
            }
        )
    return package


def files(ds: m.Dataset) -> dict[str, str]:
    """Every file of the package by name: the CSV files, then ``datapackage.json``."""
    out = {f"{t.name}.csv": to_csv(t) for t in package_tables(ds)}
    out[DESCRIPTOR] = json.dumps(descriptor(ds), indent=2, ensure_ascii=False) + "\n"
    return out
