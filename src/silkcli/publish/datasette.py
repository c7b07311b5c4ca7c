"""A folder Datasette serves as it is: the SQLite export, its metadata, its configuration and its settings.

``datasette serve DIR`` (configuration directory mode) reads ``metadata.json``
(titles, descriptions, licence, and for Datasette 0.65 the table
configuration and canned queries too), ``datasette.json`` (Datasette 1.0's
configuration: facets, hidden tables, labels, canned queries, settings) and
``settings.json`` (0.65's settings). The front page leads with the tables
people come for; link and child tables are hidden from the index (still
reachable through links and the database page); each table's facets are
chosen, none suggested; a row's ``source`` links to its row in ``sources``. The
``citations`` view, every quote in one list, is searched by its own full-text index.
"""

from __future__ import annotations

import json
import urllib.parse
from html import escape
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset.kinds import all_kinds, label_field
from silkcli.dataset.tables.citations import CITATIONS
from silkcli.dataset.tables.layout import TableLayout, layout
from silkcli.dataset.tables.schema import views
from silkcli.publish.describe import column_description, listing_helps, table_description
from silkcli.publish.queries import QUERIES

DATABASE = "partnership"
DB_FILE = f"{DATABASE}.db"
METADATA_FILE = "metadata.json"
CONFIG_FILE = "datasette.json"
SETTINGS_FILE = "settings.json"

#: The tables and views people come for, in the order the front page offers them.
FRONT = (
    "documents",
    "summit_documents",
    "commitments",
    "events",
    "people",
    "reserve_shares",
    "statistics",
    "quotes",
    "discrepancies",
    "sources",
)

#: Facets Datasette shows on a table's page, by table (none are suggested: ``suggest_facets`` is off).
FACETS = {
    "documents": ["summit_role", "type", "status"],
    "people": ["country", "role"],
    "commitments": ["sector", "kind"],
    "events": ["kind"],
    "statistics": ["topic", "metric", "country", "marker"],
    "quotes": ["person"],
    "discrepancies": ["topic", "kind"],
    "sources": ["publisher", "language"],
}

#: Only facets chosen above: suggested ones offered a fact's evidence and note as facets.
SETTINGS = {"suggest_facets": False}

#: The column descriptions as a compact grid above the rows, not a list of twenty lines (both versions' markup).
_CSS = (
    "dl.column-descriptions{display:grid;grid-template-columns:repeat(3,max-content minmax(0,1fr));"
    "gap:0 .5em;font-size:.8em;margin:.5em 0}dl.column-descriptions dd{margin:0 1em 0 0;color:#555}"
)
CSS_URL = "data:text/css," + urllib.parse.quote(_CSS)


def hidden(spec: TableLayout) -> bool:
    """Whether a table is plumbing, kept off the index: a link or child table, the record index, the
    vocabularies and the dataset's one row (each still opens from a link to it)."""
    kind = spec.kind or ""
    return spec.owner is not None or spec.name in ("records", "dataset") or kind.startswith("vocabulary.")


def _label_column(table: str) -> str | None:
    """The column that names a row of ``table`` for a person: a record's label field, a vocabulary's name."""
    if table in all_kinds():
        return label_field(table)
    return "name" if table in m.Vocabulary.__annotations__ else None


def table_config() -> dict[str, dict[str, Any]]:
    """Each table's configuration: hidden or not, its facets and its label column."""
    tables: dict[str, dict[str, Any]] = {}
    for spec in layout():
        entry: dict[str, Any] = {}
        if hidden(spec):
            entry["hidden"] = True
        if spec.name in FACETS:
            entry["facets"] = FACETS[spec.name]
        if label := _label_column(spec.name):
            entry["label_column"] = label  # the text a link to a row shows (Datasette 1.0 guesses none)
        tables[spec.name] = entry
    tables[CITATIONS.name] = {"fts_table": f"{CITATIONS.name}_fts", "fts_pk": "id"}  # a view: no index of its own
    return tables


def front_page(ds: m.Dataset) -> str:
    """The index's introduction: the tables people come for, in order, and the canned queries."""
    descriptions = {s.name: table_description(s) for s in layout()} | {v: t for v, (t, _) in views().items()}
    tables = "".join(
        f'<li><a href="/{DATABASE}/{name}">{name}</a>: {escape(descriptions[name])}</li>' for name in FRONT
    )
    queries = "".join(f'<li><a href="/{DATABASE}/{name}">{escape(q["title"])}</a></li>' for name, q in QUERIES.items())
    intro = escape(ds.meta.description or ds.meta.title)
    return f"<p>{intro}</p><p>Start with:</p><ol>{tables}</ol><p>Questions answered:</p><ul>{queries}</ul>"


def metadata(ds: m.Dataset) -> dict[str, Any]:
    """The metadata document: descriptions, and for Datasette 0.65 the tables' configuration and queries."""
    info = ds.meta
    helps = listing_helps(ds)
    tables = table_config()
    for spec in layout():
        tables[spec.name] |= {
            "description": table_description(spec),
            "columns": {c.name: column_description(spec, c.name, helps) for c in spec.columns},
        }
    for view, (text, _) in views().items():
        tables.setdefault(view, {})["description"] = text
    cited = tables[CITATIONS.name]
    cited["columns"] = {c.name: column_description(CITATIONS, c.name, helps) for c in CITATIONS.columns}
    return {
        "title": info.title,
        "description_html": front_page(ds),
        "license": info.license or "See the sources' own terms.",
        "source": f"silkcli dataset {info.version} (updated {info.updated.isoformat()}); "
        f"each row cites one of the {len(ds.sources)} publications in the sources table",
        "extra_css_urls": [CSS_URL],
        "databases": {DATABASE: {"title": info.title, "tables": tables, "queries": QUERIES}},
    }


def config() -> dict[str, Any]:
    """Datasette 1.0's configuration (``datasette.json``): what 1.0 no longer reads from metadata."""
    return {
        "settings": SETTINGS,
        "extra_css_urls": [CSS_URL],
        "databases": {DATABASE: {"tables": table_config(), "queries": QUERIES}},
    }


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def metadata_json(ds: m.Dataset) -> str:
    """:func:`metadata` as indented JSON text."""
    return _json(metadata(ds))


def files(ds: m.Dataset) -> dict[str, str]:
    """The folder's text files by name (the database is built beside them)."""
    return {METADATA_FILE: metadata_json(ds), CONFIG_FILE: _json(config()), SETTINGS_FILE: _json(SETTINGS)}
