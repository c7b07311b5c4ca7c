"""The dataset as one SQLite database: typed tables, foreign keys, full-text indexes and views.

The file is built under a temporary name in the target's folder and renamed
over it (:func:`silkcli.files.atomic_build`), so a reader never sees half a database. The same dataset gives the
same bytes: the tables, rows, indexes and views are written in one fixed
order into a fresh file with a fixed page size and no journal.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from silkcli.dataset import model as m
from silkcli.errors import OutputError
from silkcli.files import atomic_build, target_status
from silkcli.publish.layout import Column, TableLayout
from silkcli.publish.rows import Table, tables

SQLITE_MAGIC = b"SQLite format 3\x00"
#: The version of the database layout, in ``PRAGMA user_version``.
LAYOUT_VERSION = 1
#: NUMERIC keeps 4500 an integer and 0.05 a real, as the dataset writes them.
_TYPES = {"text": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER", "date": "TEXT"}
_TYPES["json"] = "TEXT"

#: Views for the questions people ask first: name, then what it shows and its SQL.
VIEWS = {
    "summit_documents": (
        "The documents signed at the summit, with their signing sides and signatories.",
        """
        SELECT d.id, d.signed, d.title, d.type, d.status,
            (SELECT group_concat(line, '; ') FROM (
                SELECT p.country || ': ' || coalesce(p.body, 'unknown') || coalesce(' (' || s.name || ')', '') AS line
                FROM documents_parties p LEFT JOIN people s ON s.id = p.signatory
                WHERE p.document = d.id ORDER BY p.position)) AS parties,
            (SELECT group_concat(name, '; ') FROM (
                SELECT s.name FROM documents_parties p JOIN people s ON s.id = p.signatory
                WHERE p.document = d.id ORDER BY p.position)) AS signatories,
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
    "cited_quotes": (
        "Every citation with its source's title, publisher and address.",
        """
        SELECT ci.id, ci.record, ci.kind, ci.fields, ci.quote, ci.source, src.title AS source_title,
            src.publisher, src.url AS source_url
        FROM citations ci JOIN sources src ON src.id = ci.source ORDER BY ci.id""",
    ),
}


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


def fts_sql(spec: TableLayout) -> list[str]:
    """An FTS5 index over a table's free-text columns (the ``<table>_fts`` name Datasette looks for)."""
    text = [quote_name(c.name) for c in spec.columns if c.text]
    if not text or spec.name == "dataset" or spec.owner is not None:
        return []  # link and child tables are searched through their owners' pages
    name, cols = quote_name(f"{spec.name}_fts"), ", ".join(text)
    return [
        f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, content={quote_name(spec.name)})",
        f"INSERT INTO {name} (rowid, {cols}) SELECT rowid, {cols} FROM {quote_name(spec.name)} ORDER BY rowid",
    ]


def check_target(path: Path) -> None:
    """Refuse to replace a directory or a regular file that is not a SQLite database.

    A FIFO or device is not read (its header check would wait for a writer): the database is written into it.
    """
    try:
        existing = target_status(path)
    except IsADirectoryError:
        raise OutputError(f"cannot write {path}: it is a directory") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if existing is None or not stat.S_ISREG(existing.st_mode):
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise OutputError(f"{path} exists and is not a SQLite database: not overwriting it (remove it or pick a name)")


def write_sqlite(ds: m.Dataset, path: Path) -> None:
    """Write the dataset as a SQLite database at ``path``, atomically, keeping the output-file rules.

    As every writer (:func:`silkcli.files.atomic_build`): an existing file keeps its
    permissions, a new one gets 0666 less the umask, a link stays a link, and a FIFO
    or device is written straight into once the database is complete.
    """
    check_target(path)
    try:
        atomic_build(path, lambda tmp: build(ds, tmp))
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        raise OutputError(f"cannot write {path}: directory {folder} does not exist") from None
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None


def build(ds: m.Dataset, path: Path) -> None:
    """Write the database into ``path``, a new empty file (a temporary one: see :func:`write_sqlite`)."""
    fill(sqlite3.connect(path, isolation_level=None), tables(ds))


def fill(conn: sqlite3.Connection, content: list[Table]) -> None:
    """Create and fill every table, index and view on a fresh connection, then close it."""
    try:
        # A fresh file, no journal: a failed build is discarded whole, never repaired.
        # A cache of up to 256 MiB keeps the id indexes in memory: 100,000 documents
        # took ~10 s to insert with the default 2 MiB, which reread index pages.
        pragmas = ("page_size = 4096", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144")
        for pragma in pragmas:
            conn.execute(f"PRAGMA {pragma}")
        conn.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        conn.execute("BEGIN")
        for table in content:
            conn.execute(create_sql(table.layout))
            marks = ", ".join("?" * len(table.layout.columns))
            conn.executemany(f"INSERT INTO {quote_name(table.name)} VALUES ({marks})", table.rows)
        for table in content:
            for statement in fts_sql(table.layout):
                conn.execute(statement)
        for name, (_, body) in VIEWS.items():
            conn.execute(f"CREATE VIEW {quote_name(name)} AS {body.strip()}")
        conn.execute("COMMIT")
    finally:
        conn.close()
