"""Datasette's ``metadata.json`` for the SQLite export: titles, descriptions, facets, labels.

``datasette DIR/partnership.db -m DIR/metadata.json`` then serves a browsable,
searchable site: each table's and column's description is the text
``--fields help`` shows, a row's ``source`` links to its row in ``sources``
(whose ``url`` Datasette shows as a link), and the ``*_fts`` indexes give
every table with free text a search box.
"""

from __future__ import annotations

import json
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset.kinds import all_kinds, label_field
from silkcli.dataset.tables.rows import all_layouts
from silkcli.dataset.tables.schema import VIEWS
from silkcli.publish.describe import column_description, listing_helps, table_description

DATABASE = "partnership"
DB_FILE = f"{DATABASE}.db"
METADATA_FILE = "metadata.json"

#: Facets Datasette offers on a table's page, by table.
FACETS = {
    "documents": ["type", "status", "summit"],
    "documents_sectors": ["sector"],
    "documents_parties": ["country"],
    "people": ["country", "role"],
    "commitments": ["sector", "kind"],
    "commitments_countries": ["country"],
    "events": ["kind"],
    "events_countries": ["country"],
    "statistics": ["topic", "metric", "country", "marker"],
    "quotes": ["person"],
    "records": ["kind"],
    "citations": ["kind", "source"],
    "sources": ["publisher", "language"],
}


def _label_column(table: str) -> str | None:
    """The column that names a row of ``table`` for a person: a record's label field, a vocabulary's name."""
    if table in all_kinds():
        return label_field(table)
    return "name" if table in m.Vocabulary.__annotations__ else None


def metadata(ds: m.Dataset) -> dict[str, Any]:
    """The metadata document for a database exported as ``partnership.db``."""
    info = ds.meta
    helps = listing_helps(ds)
    tables: dict[str, Any] = {}
    for spec in all_layouts():
        entry: dict[str, Any] = {
            "description": table_description(spec),
            "columns": {c.name: column_description(spec, c.name, helps) for c in spec.columns},
        }
        if spec.name in FACETS:
            entry["facets"] = FACETS[spec.name]
        if label := _label_column(spec.name):
            entry["label_column"] = label  # the text a link to a row shows (Datasette 1.0 guesses none)
        tables[spec.name] = entry
    for view, (text, _) in VIEWS.items():
        tables[view] = {"description": text}
    return {
        "title": info.title,
        "description": info.description or info.title,
        "license": info.license or "See the sources' own terms.",
        "source": f"silkcli dataset {info.version} (updated {info.updated.isoformat()}); "
        f"each row cites one of the {len(ds.sources)} publications in the sources table",
        "databases": {DATABASE: {"title": info.title, "tables": tables}},
    }


def metadata_json(ds: m.Dataset) -> str:
    """:func:`metadata` as indented JSON text."""
    return json.dumps(metadata(ds), indent=2, ensure_ascii=False) + "\n"
