"""A large dataset compiled into SQLite: the tables ``export -f sqlite`` writes, and silkcli's own few.

A file over :data:`~.entries.TRUSTED_BYTES` is compiled on its first load into one entry,
``cache_dir()/<path>-<version>.sqlite``, named by the file's exact version and silkcli's
(:func:`~.keys.file_key`). Beside the layout's tables, indexes and views (:mod:`silkcli.dataset.tables`;
not its per-table full-text indexes, which ``export`` builds), it holds:

- ``silkcli_entry``: the key it was written for; ``silkcli_kinds``: where each list's records start;
- ``silkcli_bodies``: each record as msgpack with its CRC-32, the partnership first, then each list
  and the sources, in file order (body 0 is the dataset without its longer lists);
- ``silkcli_names``: for every id a record names anywhere, the records naming it (``show``'s referrers);
- ``silkcli_ids``: each record's id in lower case (``show``); ``silkcli_text``: an FTS5 index of every
  text of each record, case-folded, with the trigram tokenizer (``search``).

An entry is trusted as Python trusts its ``__pycache__`` (:func:`open_entry`), opened read-only with
``trusted_schema=OFF`` and ``cell_size_check=ON``, and used only if its schema is exactly ours. Any
SQLite error, a body whose CRC fails, or a schema with anything else sends the query to the source file
(:class:`SqliteStore` falls back to it) and the entry is written again on the next load.
"""
# ruff: noqa: PLC0415 - start-up: the layout's tables load only when an entry is written

from __future__ import annotations

import functools
import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import store as st
from silkcli.dataset.cache import keys
from silkcli.dataset.cache.sqlite_store import BODY_KINDS, LAZY_KINDS, UNUSABLE, Damaged, SqliteStore, file_crc
from silkcli.dataset.tables import schema

_MAGIC = b"silkcli-sqlite-1\x00"
_SUFFIX = ".sqlite"
_STAMP = ".stamp"
OWN_TABLES = {
    "silkcli_entry": "CREATE TABLE silkcli_entry (key BLOB NOT NULL)",
    "silkcli_kinds": (
        "CREATE TABLE silkcli_kinds (kind TEXT PRIMARY KEY, first INTEGER NOT NULL, count INTEGER NOT NULL)"
    ),
    "silkcli_bodies": (
        "CREATE TABLE silkcli_bodies "
        "(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, crc INTEGER NOT NULL, body BLOB NOT NULL)"
    ),
    "silkcli_names": "CREATE TABLE silkcli_names (name TEXT, body INTEGER, PRIMARY KEY (name, body)) WITHOUT ROWID",
    "silkcli_ids": "CREATE TABLE silkcli_ids (folded TEXT, body INTEGER, PRIMARY KEY (folded, body)) WITHOUT ROWID",
}
#: Contentless and without positions (``detail=none``): it says which records hold a trigram, a third of the
#: size of a full index; :func:`~silkcli.dataset.store.text_query` asks for every trigram of a word.
TEXT_INDEX = "CREATE VIRTUAL TABLE silkcli_text USING fts5(text, content='', detail=none, tokenize='trigram')"


def entry_files(path: Path, key: keys.Key) -> tuple[Path, Path]:
    """The entry of this version of ``path``, and the stamp of the entry itself beside it."""
    named = keys.entry_file(path, "")
    version = "\0".join(key.parts).encode("utf-8", "surrogateescape")
    entry = named.with_name(f"{named.name}-{zlib.crc32(version):08x}{zlib.adler32(version):08x}{_SUFFIX}")
    return entry, entry.with_name(entry.name + _STAMP)


def _stamp(info: os.stat_result) -> bytes:
    """What an entry is as a file: if any byte of it is rewritten in place, its ctime moves."""
    return f"{info.st_ino}:{info.st_dev}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}".encode()


def stamp_text(info: os.stat_result, crc: int) -> bytes:
    """The stamp of an entry: what it is as a file, then the CRC-32 of its bytes.

    A query does not read the whole entry to check the CRC (at 100,000 documents it would cost more than
    the query): the stat catches a rewrite, SQLite's own checks and each body's CRC-32 most damage below
    it. ``export``, which copies the entry's tables whole, checks it (:meth:`.SqliteStore.copy_into`)."""
    return _stamp(info) + b" %08x" % crc


# --- writing -------------------------------------------------------------------------------------


def header(path: Path, stat: os.stat_result, source: bytes) -> bytes | None:
    """What the entry of this version of ``path`` (whose bytes are ``source``) will say it is about; None if
    the file cannot be cached now. Taken before the parse, so the bytes can be let go during it."""
    key = keys.file_key(path, stat, m.SCHEMA_VERSION)
    if key is None or not keys.settled(stat):
        return None
    return key.header(_MAGIC, source if keys.needs_digest(stat) else None)


def write(path: Path, stat: os.stat_result, dataset: m.Dataset, head: bytes) -> None:
    """Compile ``dataset``, validated from this version of ``path``, into its entry (which says ``head``,
    from :func:`header`); any failure leaves no entry."""
    key = keys.file_key(path, stat, m.SCHEMA_VERSION)
    if key is None:
        return
    entry, stamp = entry_files(path, key)
    folder = entry.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not keys.private(os.lstat(folder), folder=True):
            return
        for old in folder.glob(entry.name.split("-")[0] + "-*"):
            old.unlink()
        tmp = folder / f".{entry.name}.{os.getpid()}.tmp"
        _build(tmp, dataset, head)
        os.replace(tmp, entry)
        keys.write_private(stamp, stamp_text(os.lstat(entry), file_crc(entry)))
    except (OSError, sqlite3.Error, ValueError, OverflowError):  # a full disk, a value SQLite will not hold
        for leftover in (entry, stamp):
            leftover.unlink(missing_ok=True)


def _build(tmp: Path, dataset: m.Dataset, header: bytes) -> None:
    from silkcli.dataset.tables.rows import tables

    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.close(fd)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        schema.begin(conn)
        schema.write_tables(conn, tables(dataset), full_text=False)  # silkcli_text indexes every text
        for statement in (*OWN_TABLES.values(), *((TEXT_INDEX,) if schema.TRIGRAM else ())):
            conn.execute(statement)
        conn.execute("INSERT INTO silkcli_entry VALUES (?)", (header,))
        _write_bodies(conn, dataset)
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()


def _write_bodies(conn: sqlite3.Connection, dataset: m.Dataset) -> None:
    encode = msgspec.msgpack.Encoder(enc_hook=m.encode_hook).encode
    base = msgspec.structs.replace(dataset, **dict.fromkeys(LAZY_KINDS, ()))
    _insert_body(conn, 0, "", encode(base))
    at = 1
    for kind in BODY_KINDS:
        records = [dataset.partnership] if kind == "partnership" else list(getattr(dataset, kind))
        conn.execute("INSERT INTO silkcli_kinds VALUES (?, ?, ?)", (kind, at, len(records)))
        bodies = [encode(r) for r in records]
        conn.executemany(
            "INSERT INTO silkcli_bodies VALUES (?, ?, ?, ?)",
            ((at + i, kind, zlib.crc32(b), b) for i, b in enumerate(bodies)),
        )
        conn.executemany(
            "INSERT INTO silkcli_ids VALUES (?, ?) ON CONFLICT DO NOTHING",
            ((r.id.lower(), at + i) for i, r in enumerate(records)),
        )
        if kind != "sources":
            # in key order: appended to the B-tree rather than inserted all over it
            names = sorted({(name, at + i) for i, r in enumerate(records) for name in m.named_ids(r)})
            conn.executemany("INSERT INTO silkcli_names VALUES (?, ?)", names)
        if schema.TRIGRAM:
            texts = ((at + i, st.search_text(r)) for i, r in enumerate(records))
            conn.executemany("INSERT INTO silkcli_text (rowid, text) VALUES (?, ?)", texts)
        at += len(records)


def _insert_body(conn: sqlite3.Connection, at: int, kind: str, body: bytes) -> None:
    conn.execute("INSERT INTO silkcli_bodies VALUES (?, ?, ?, ?)", (at, kind, zlib.crc32(body), body))


# --- reading -------------------------------------------------------------------------------------


def open_entry(path: Path, stat: os.stat_result, reload: Callable[[], m.Dataset]) -> m.Dataset | None:
    """The dataset of this version of ``path`` from its entry, answering from a :class:`SqliteStore`; None if
    there is no entry this user can trust (``reload`` reads the file itself, should the entry fail later)."""
    key = keys.file_key(path, stat, m.SCHEMA_VERSION)
    if key is None:
        return None
    entry, stamp = entry_files(path, key)
    try:
        info = os.lstat(entry)
        if not keys.private(os.lstat(entry.parent), folder=True) or not keys.private(info, folder=False):
            return None
        said, _, crc = (keys.read_private(stamp, limit=200) or b"").partition(b" ")
        if said != _stamp(info):
            return None
        conn = sqlite3.connect(f"file:{entry}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "query_only = ON"):
            conn.execute(f"PRAGMA {pragma}")
        if not _ours(conn) or key.match(_MAGIC, _key_of(conn), path.read_bytes) is None:
            conn.close()
            return None
        whole = int(crc, 16) if len(crc) == 8 and crc.isalnum() else None
        return SqliteStore(conn, reload, crc=whole).dataset()
    except UNUSABLE + (Damaged,):
        conn.close()
        return None


def _key_of(conn: sqlite3.Connection) -> bytes:
    (row,) = conn.execute("SELECT key FROM silkcli_entry").fetchall()
    found = row[0]
    if not isinstance(found, bytes):
        raise ValueError("not a key")
    return found


@functools.cache
def expected_schema() -> dict[str, str]:
    """Everything an entry's ``sqlite_master`` holds, by name, with its SQL (FTS5's own tables aside)."""
    from silkcli.dataset.tables.layout import layout

    found = schema.layout_statements(layout(), full_text=False)
    found.update(OWN_TABLES)
    if schema.TRIGRAM:
        found["silkcli_text"] = TEXT_INDEX
    return found


def _ours(conn: sqlite3.Connection) -> bool:
    """Whether the database holds exactly our tables, indexes and views: no trigger, nothing else."""
    if conn.execute("PRAGMA user_version").fetchone() != (schema.LAYOUT_VERSION,):
        return False
    expected = expected_schema()
    shadows = {f"{name}{suffix}" for name, sql in expected.items() if "fts5" in sql for suffix in schema.FTS_SHADOWS}
    seen = set()
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind == "trigger" or kind not in ("table", "index", "view"):
            return False
        if name in expected:
            if sql != expected[name]:
                return False
            seen.add(name)
        elif not (name in shadows or (sql is None and name.startswith("sqlite_autoindex_"))):
            return False
    return seen == set(expected)
