"""The SQL of the layout: tables, indexes, full-text indexes and views, as ``export -f sqlite`` and the cache write it.

The cache (:mod:`silkcli.dataset.cache.compiled`) creates the same statements and adds its own
``silkcli_*`` tables; :func:`expected_schema` is what an entry's ``sqlite_master`` must hold to be trusted.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable

from silkcli.dataset.tables import citations
from silkcli.dataset.tables.layout import Column, TableLayout
from silkcli.dataset.tables.rows import Table

SQLITE_MAGIC = b"SQLite format 3\x00"
#: The version of the database layout, in ``PRAGMA user_version``.
LAYOUT_VERSION = 4
#: NUMERIC keeps 4500 an integer and 0.05 a real, as the dataset writes them.
_TYPES = {"text": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER", "date": "TEXT"}
_TYPES["json"] = "TEXT"
#: SQLite's trigram tokenizer (3.34 and later) matches inside words: '대통령' inside '대통령은', as ``search`` does.
#: Where SQLite is older, the full-text indexes fall back to the default tokenizer, which matches whole words only.
TRIGRAM = sqlite3.sqlite_version_info >= (3, 34, 0)
TOKENIZER = "trigram" if TRIGRAM else "unicode61"
#: The tables FTS5 makes for each full-text index.
FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")

#: Views for the questions people ask first: name, then what it shows and its SQL (see :func:`views`).
VIEWS = {
    "summit_documents": (
        "The documents signed at the summit, with their signing sides and signatories (where no source names"
        " them: not named in the sources).",
        """
        SELECT d.id, d.signed, d.title, d.type, d.status,
            (SELECT group_concat(line, '; ') FROM (
                SELECT p.country || ': ' || coalesce(p.body, 'unknown') || coalesce(' (' || s.name || ')', '') AS line
                FROM documents_parties p LEFT JOIN people s ON s.id = p.signatory
                WHERE p.document = d.id ORDER BY p.position)) AS parties,
            coalesce((SELECT group_concat(name, '; ') FROM (
                SELECT s.name FROM documents_parties p JOIN people s ON s.id = p.signatory
                WHERE p.document = d.id ORDER BY p.position)), 'not named in the sources') AS signatories,
            d.source, src.url AS source_url
        FROM documents d JOIN sources src ON src.id = d.source
        WHERE d.summit = 1 ORDER BY d.rowid""",
    ),
    "document_sectors": (
        "Each document under each sector it covers.",
        """
        SELECT l.sector, s.name AS sector_name, d.id AS document, d.title, d.signed, d.summit
        FROM documents_sectors l JOIN sectors s ON s.id = l.sector JOIN documents d ON d.id = l.document
        ORDER BY s.rowid, d.rowid""",
    ),
    "figures": (
        "Every figure with its country's name, its marker (estimated, lower bound, ...) and its source's address.",
        """
        SELECT st.id, st.topic, st.metric, st.country, c.name AS country_name, st.period, st.value, st.marker,
            st.unit, st.as_of, st.claim, st.attribution, st.source, src.url AS source_url
        FROM statistics st LEFT JOIN countries c ON c.id = st.country JOIN sources src ON src.id = st.source
        ORDER BY st.rowid""",
    ),
    "reserve_shares": (
        "Each country's reserves and latest mine production with its share of the source's world total and its rank"
        " by reserves (as silkcli's reserves listing computes them), the world total last; a share is an upper bound"
        " where the world total is only a lower bound.",
        """
        WITH f AS (SELECT rowid AS r, * FROM statistics WHERE claim = 0 AND metric IN ('reserves', 'mine-production')),
        k AS (SELECT topic, country, min(r) AS first FROM f
            WHERE topic IN (SELECT topic FROM f WHERE metric = 'reserves') GROUP BY topic, country),
        v AS (SELECT k.*,
            (SELECT max(period) FROM f WHERE f.topic = k.topic AND metric = 'mine-production') AS period,
            (SELECT r FROM f WHERE f.topic = k.topic AND f.country IS k.country AND metric = 'reserves'
                ORDER BY r LIMIT 1) AS res,
            (SELECT r FROM f WHERE f.topic = k.topic AND f.country IS NULL AND metric = 'reserves'
                ORDER BY r LIMIT 1) AS world_res
            FROM k),
        w AS (SELECT v.*,
            (SELECT r FROM f WHERE f.topic = v.topic AND f.country IS v.country AND metric = 'mine-production'
                AND f.period = v.period ORDER BY r DESC LIMIT 1) AS prod,
            (SELECT r FROM f WHERE f.topic = v.topic AND f.country IS NULL AND metric = 'mine-production'
                AND f.period = v.period ORDER BY r LIMIT 1) AS world_prod
            FROM v),
        x AS (SELECT w.topic, w.country, w.first, w.country IS NULL AS is_total, w.period,
            r.value AS reserves, r.unit AS reserves_unit, r.marker AS reserves_marker,
            wr.value AS world_reserves, wr.marker AS world_reserves_marker, wr.label AS world_label,
            p.value AS production, p.marker AS production_marker, wp.value AS world_production,
            wp.marker AS world_production_marker
            FROM w LEFT JOIN f r ON r.r = w.res LEFT JOIN f wr ON wr.r = w.world_res
            LEFT JOIN f p ON p.r = w.prod LEFT JOIN f wp ON wp.r = w.world_prod)
        SELECT x.topic, x.country,
            CASE WHEN x.is_total THEN coalesce(x.world_label, 'World total') ELSE coalesce(c.name, x.country) END
                AS label,
            x.is_total, x.reserves, x.reserves_unit, x.reserves_marker,
            CASE WHEN NOT x.is_total AND x.reserves >= 0 THEN
                rank() OVER (PARTITION BY x.topic, x.is_total, x.reserves IS NULL ORDER BY x.reserves DESC) END AS rank,
            CASE WHEN NOT x.is_total AND x.world_reserves <> 0 THEN 100.0 * x.reserves / x.world_reserves END
                AS reserves_share,
            coalesce(x.world_reserves_marker = 'lower_bound', 0) AS share_is_upper_bound,
            x.period AS production_period, x.production, x.production_marker,
            CASE WHEN NOT x.is_total AND x.world_production <> 0 THEN 100.0 * x.production / x.world_production END
                AS production_share,
            coalesce(x.production_marker = 'estimated', 0) OR coalesce(x.world_production_marker = 'estimated', 0)
                AS production_share_estimated
        FROM x LEFT JOIN countries c ON c.id = x.country
        ORDER BY (SELECT min(first) FROM x AS t WHERE t.topic = x.topic), x.is_total,
            coalesce(x.reserves, -1) DESC, x.first""",
    ),
    "cited_quotes": (
        "Every citation with its source's title, publisher and address.",
        """
        SELECT ci.id, ci.record, ci.kind, ci.fields, ci.quote, ci.source, src.title AS source_title,
            src.publisher, src.url AS source_url
        FROM citations ci JOIN sources src ON src.id = ci.source ORDER BY ci.id""",
    ),
}


@functools.cache
def views() -> dict[str, tuple[str, str]]:
    """Every view, as :data:`VIEWS`, the citations first (read off the layout; ``cited_quotes`` reads them)."""
    described = (
        "Every quote backing a record or a part of one, with its source: each quote read where it is kept"
        " (a record's evidence, its cites, a part's), in file order and numbered within each record."
    )
    return {citations.CITATIONS.name: (described, citations.view_sql()), **VIEWS}


def quote_name(name: str) -> str:
    """An identifier quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def _column_sql(column: Column, single_key: bool) -> str:
    sql = f"{quote_name(column.name)} {_TYPES[column.type]}"
    if single_key:
        sql += " PRIMARY KEY"
    if column.required:
        sql += " NOT NULL"
    if column.type == "boolean":
        sql += f" CHECK ({quote_name(column.name)} IN (0, 1))"
    if column.references:
        sql += f" REFERENCES {quote_name(column.references)}(id)"
    return sql


def create_sql(spec: TableLayout) -> str:
    """The CREATE TABLE statement of a table."""
    single = spec.primary_key[0] if len(spec.primary_key) == 1 else None
    parts = [_column_sql(c, c.name == single) for c in spec.columns]
    if len(spec.primary_key) > 1:
        parts.append(f"PRIMARY KEY ({', '.join(map(quote_name, spec.primary_key))})")
    return f"CREATE TABLE {quote_name(spec.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def indexed_columns(spec: TableLayout) -> list[Column]:
    """The columns a filter looks up by value: references (but a key's first column) and dates of records."""
    first = spec.primary_key[0] if spec.primary_key else None
    return [
        c
        for c in spec.columns
        if c.name != first and (c.references or (c.partial_date and spec.owner is None and spec.kind is not None))
    ]


def index_sql(spec: TableLayout) -> list[str]:
    """An index per looked-up column (``documents_sectors(sector)`` answers ``--sector`` and Datasette's facets)."""
    return [
        f"CREATE INDEX {quote_name(f'{spec.name}_by_{c.name}')} ON {quote_name(spec.name)} ({quote_name(c.name)})"
        for c in indexed_columns(spec)
    ]


def fts_name(spec: TableLayout) -> str | None:
    """The ``<table>_fts`` index Datasette looks for, if the table has free text of its own."""
    if not any(c.text for c in spec.columns) or spec.name == "dataset" or spec.owner is not None:
        return None  # link and child tables are searched through their owners' pages
    return f"{spec.name}_fts"


def fts_create(spec: TableLayout) -> str | None:
    """The CREATE statement of a table's full-text index (external content: the table's own rows)."""
    name = fts_name(spec)
    if name is None:
        return None
    cols = ", ".join(quote_name(c.name) for c in spec.columns if c.text)
    return (
        f"CREATE VIRTUAL TABLE {quote_name(name)} USING fts5({cols}, content={quote_name(spec.name)}, "
        f"tokenize='{TOKENIZER}')"
    )


def fts_fill(spec: TableLayout) -> str:
    """The statement that fills a table's full-text index from its rows."""
    cols = ", ".join(quote_name(c.name) for c in spec.columns if c.text)
    name = quote_name(f"{spec.name}_fts")
    return f"INSERT INTO {name} (rowid, {cols}) SELECT rowid, {cols} FROM {quote_name(spec.name)} ORDER BY rowid"


def view_sql(name: str) -> str:
    """The CREATE VIEW statement of one of :func:`views`."""
    return f"CREATE VIEW {quote_name(name)} AS {views()[name][1].strip()}"


def citations_fts() -> tuple[str, str]:
    """The citations' full-text index: its CREATE statement and the one that fills it (keyed by the view's id)."""
    name, view = quote_name(f"{citations.CITATIONS.name}_fts"), quote_name(citations.CITATIONS.name)
    create = f"CREATE VIRTUAL TABLE {name} USING fts5(quote, content={view}, content_rowid=id, tokenize='{TOKENIZER}')"
    return create, f"INSERT INTO {name} (rowid, quote) SELECT id, quote FROM {view}"


def begin(conn: sqlite3.Connection) -> None:
    """Set a fresh connection up for one bulk write and begin it."""
    # A fresh file, no journal: a failed build is discarded whole, never repaired.
    # A cache of up to 256 MiB keeps the id indexes in memory: 100,000 documents
    # took ~10 s to insert with the default 2 MiB, which reread index pages.
    pragmas = ("page_size = 4096", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144")
    for pragma in pragmas:
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
    conn.execute("BEGIN")


def write_tables(conn: sqlite3.Connection, content: Iterable[Table], *, full_text: bool = True) -> None:
    """Create and fill every table of the layout, then its indexes, full-text indexes (with ``full_text``) and views."""
    done = []
    for table in content:
        conn.execute(create_sql(table.layout))
        marks = ", ".join("?" * len(table.layout.columns))
        conn.executemany(f"INSERT INTO {quote_name(table.name)} VALUES ({marks})", table.rows)
        done.append(table.layout)
    _finish(conn, done, full_text=full_text)


def copy_tables(conn: sqlite3.Connection, source: str, specs: Iterable[TableLayout]) -> None:
    """Create every table of the layout, filled from the same table of the database attached as ``source``
    (a large file's compiled entry), then its indexes, full-text indexes and views, as :func:`write_tables`."""
    done = []
    for spec in specs:
        conn.execute(create_sql(spec))
        name = quote_name(spec.name)
        conn.execute(f"INSERT INTO main.{name} SELECT * FROM {quote_name(source)}.{name}")
        done.append(spec)
    _finish(conn, done, full_text=True)


def _finish(conn: sqlite3.Connection, done: list[TableLayout], *, full_text: bool) -> None:
    for spec in done:
        for statement in index_sql(spec):
            conn.execute(statement)
        fts = fts_create(spec) if full_text else None
        if fts is not None:
            conn.execute(fts)
            conn.execute(fts_fill(spec))
    for name in views():
        conn.execute(view_sql(name))
    if full_text:
        for statement in citations_fts():
            conn.execute(statement)


def fill(conn: sqlite3.Connection, content: list[Table]) -> None:
    """Create and fill every table, index and view on a fresh connection, then close it."""
    try:
        begin(conn)
        write_tables(conn, content)
        conn.execute("COMMIT")
    finally:
        conn.close()


def layout_statements(specs: Iterable[TableLayout], *, full_text: bool = True) -> dict[str, str]:
    """What ``sqlite_master`` holds for these tables (written by :func:`write_tables`), by name: each CREATE
    statement, which SQLite keeps as written."""
    found: dict[str, str] = {}
    for spec in specs:
        found[spec.name] = create_sql(spec)
        found.update(
            (f"{spec.name}_by_{c.name}", s) for c, s in zip(indexed_columns(spec), index_sql(spec), strict=True)
        )
        fts = fts_create(spec) if full_text else None
        if fts is not None:
            found[f"{spec.name}_fts"] = fts
    found.update((name, view_sql(name)) for name in views())
    if full_text:
        found[f"{citations.CITATIONS.name}_fts"] = citations_fts()[0]
    return found
