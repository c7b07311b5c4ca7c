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

import os
import sqlite3
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import store as st
from silkcli.dataset.cache import keys
from silkcli.dataset.cache.unchecked import unchecked
from silkcli.dataset.tables import schema
from silkcli.dataset.tables.layout import Column

#: The lists kept out of body 0 and read as they are used (countries and sectors are few, and read by every query).
LAZY_KINDS = ("people", "documents", "commitments", "events", "statistics", "quotes", "discrepancies", "sources")
#: Every list a body belongs to, in body order.
BODY_KINDS = ("partnership", *m.RECORD_KINDS, "sources")
_MAGIC = b"silkcli-sqlite-1\x00"
_SUFFIX = ".sqlite"
_STAMP = ".stamp"
#: What a damaged or foreign entry raises while it is read: each sends the query to the source file.
UNUSABLE = (sqlite3.Error, msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, KeyError, OSError)
#: How many values one statement binds at most.
_CHUNK = 500

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


T = TypeVar("T")


class Place(NamedTuple):
    """Where a field is kept: a table, its column, and the column naming the owner (for a link or child table)."""

    table: str
    column: str
    owner: str | None
    #: how the column holds its values: ``boolean`` (0 or 1), ``date`` (a partial date's text) or as they are
    holds: str = ""


def _condition(place: Place, count: int) -> str:
    """The SQL that keeps a row of ``T`` whose field holds one of ``count`` values bound after it."""
    q = schema.quote_name
    marks = ", ".join("?" * count)
    if place.owner is None:
        return f"T.{q(place.column)} IN ({marks})"
    return f"T.id IN (SELECT {q(place.owner)} FROM {q(place.table)} WHERE {q(place.column)} IN ({marks}))"


def _holds(column: Column) -> str:
    return "date" if column.partial_date else column.type


#: A column's value as the model holds it, by :attr:`Place.holds`.
_BACK: dict[str, Callable[[Any], Any]] = {
    "boolean": lambda v: None if v is None else bool(v),
    "date": lambda v: None if v is None else m.PartialDate.from_checked(v),
}


def _bound(value: object) -> object:
    """A value as SQLite holds it: a flag as 0 or 1, a date as its text."""
    if isinstance(value, bool):
        return int(value)
    return str(value) if isinstance(value, m.PartialDate) else value


class Damaged(Exception):
    """A body does not match its CRC-32."""


def entry_files(path: Path, key: keys.Key) -> tuple[Path, Path]:
    """The entry of this version of ``path``, and the stamp of the entry itself beside it."""
    named = keys.entry_file(path, "")
    version = "\0".join(key.parts).encode("utf-8", "surrogateescape")
    entry = named.with_name(f"{named.name}-{zlib.crc32(version):08x}{zlib.adler32(version):08x}{_SUFFIX}")
    return entry, entry.with_name(entry.name + _STAMP)


def _stamp(info: os.stat_result) -> bytes:
    """What an entry is as a file: if any byte of it is rewritten in place, its ctime moves."""
    return f"{info.st_ino}:{info.st_dev}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}".encode()


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
        keys.write_private(stamp, _stamp(os.lstat(entry)))
    except (OSError, sqlite3.Error):
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
            names = ((name, at + i) for i, r in enumerate(records) for name in set(m.named_ids(r)))
            conn.executemany("INSERT INTO silkcli_names VALUES (?, ?)", names)
        if schema.TRIGRAM:
            text = msgspec.json.Encoder(enc_hook=m.encode_hook).encode
            texts = ((at + i, st.search_text(text(r))) for i, r in enumerate(records))
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
        if keys.read_private(stamp, limit=200) != _stamp(info):
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
        return SqliteStore(conn, reload).dataset()
    except UNUSABLE + (Damaged,):
        conn.close()
        return None


def _key_of(conn: sqlite3.Connection) -> bytes:
    (row,) = conn.execute("SELECT key FROM silkcli_entry").fetchall()
    found = row[0]
    if not isinstance(found, bytes):
        raise ValueError("not a key")
    return found


def expected_schema() -> dict[str, str]:
    """Everything an entry's ``sqlite_master`` holds, by name, with its SQL (FTS5's own tables aside)."""
    from silkcli.dataset.tables.rows import all_layouts

    found = schema.layout_statements(all_layouts(), full_text=False)
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


class SqliteStore:
    """The :class:`~silkcli.dataset.store.Store` of a compiled entry; it falls back to the source file on any error."""

    def __init__(self, conn: sqlite3.Connection, reload: Callable[[], m.Dataset]) -> None:
        self._conn = conn
        self._reload = reload
        self._fallback: st.MemoryStore | None = None
        self._kinds = {kind: (first, count) for kind, first, count in conn.execute("SELECT * FROM silkcli_kinds")}
        self._all: dict[str, tuple[Any, ...]] = {}
        (base,) = self._bodies("", "SELECT crc, body FROM silkcli_bodies WHERE id = 0", ())
        self.base: m.Dataset = base
        from silkcli.dataset.tables.layout import by_name

        self._tables = by_name()

    def dataset(self) -> m.Dataset:
        """The dataset, its longer lists read from the entry when first used."""
        lists = {kind: Rows(self, kind, self._kinds[kind][1]) for kind in LAZY_KINDS}
        ds = msgspec.structs.replace(self.base, **lists)
        st.register(ds, self)
        return ds

    # each question, asked of the entry, or of the source file once the entry has failed

    def _ask(self, entry: Callable[[], T], source: Callable[[st.MemoryStore], T]) -> T:
        if self._fallback is None:
            try:
                return entry()
            except UNUSABLE + (Damaged,):
                self._fallback = st.MemoryStore(self._reload())
                self._conn.close()
        return source(self._fallback)

    def records(self, kind: str) -> Sequence[Any]:
        """Every record of the list, in file order."""
        if kind not in LAZY_KINDS:
            found: Sequence[Any] = getattr(self.base, kind)
            return found
        if kind not in self._all:
            self._all[kind] = tuple(self._ask(lambda: self._whole(kind), lambda s: s.records(kind)))
        return self._all[kind]

    def _whole(self, kind: str) -> list[Any]:
        first, count = self._kinds[kind]
        sql = "SELECT crc, body FROM silkcli_bodies WHERE id >= ? AND id < ? ORDER BY id"
        return self._bodies(kind, sql, (first, first + count))

    def select(
        self, kind: str, where: Mapping[str, Collection[object]], *, starting: st.Between | None = None
    ) -> list[Any]:
        """The records of the list answering ``where`` and ``starting`` (see the protocol)."""
        asked = {field: wanted for field, wanted in where.items() if wanted}
        if kind not in LAZY_KINDS or kind in self._all or (not asked and starting is None):
            found: Sequence[Any] = self.records(kind)
        else:
            found = self._ask(lambda: self._selected(kind, asked, starting), lambda s: s.records(kind))
        return [r for r in found if st.matches(r, asked, kind, starting)]  # exact, whatever the entry holds

    def _selected(self, kind: str, asked: Mapping[str, Collection[object]], starting: st.Between | None) -> list[Any]:
        conditions: list[str] = []
        values: list[object] = []
        for field, wanted in asked.items():
            place = self._place(kind, field)
            if place is not None:
                conditions.append(_condition(place, len(wanted)))
                values += [_bound(v) for v in wanted]
        if starting is not None:
            column = "T." + schema.quote_name(st.DATED[kind])
            start, end = starting
            if start is not None:  # the first test can use the index; the second is exact
                conditions.append(f"{column} >= ? AND ({column} || substr('-01-01', length({column}) - 3)) >= ?")
                values += [f"{start.year:04d}", start.isoformat()]
            if end is not None:
                conditions.append(f"{column} <= ?")
                values.append(end.isoformat())
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        return self._bodies(kind, f"{self._join(kind)}{where} ORDER BY T.rowid", (self._kinds[kind][0] - 1, *values))

    def _join(self, kind: str) -> str:
        return f"SELECT b.crc, b.body FROM {schema.quote_name(kind)} T JOIN silkcli_bodies b ON b.id = T.rowid + ?"

    def _place(self, kind: str, field: str) -> Place | None:
        """Where the layout keeps a field of the list's records; None if no column holds it as it is."""
        path = tuple(field.split("."))
        own = next((c for c in self._tables[kind].columns if c.field == path and not c.precision), None)
        if own is not None:
            return None if own.type == "json" else Place(kind, own.name, None, _holds(own))
        table = self._tables.get(f"{kind}_{path[0]}")
        if table is None or table.owner != kind:
            return None
        if len(path) == 1:
            item = None if m.is_struct_type(table.element) else table.columns[2]
        else:
            item = next((c for c in table.columns[2:] if c.field == path[1:] and not c.precision), None)
        if item is None or item.type == "json":
            return None
        return Place(table.name, item.name, table.columns[0].name, _holds(item))

    def by_ids(self, kind: str, ids: Collection[str]) -> dict[str, Any]:
        """The records of the list with these ids, by id."""
        if kind not in LAZY_KINDS or kind in self._all:
            found: Sequence[Any] = self.records(kind)
        else:
            found = self._ask(lambda: self._by_ids(kind, sorted(ids)), lambda s: s.records(kind))
        return {r.id: r for r in found if r.id in ids}

    def _by_ids(self, kind: str, ids: list[str]) -> list[Any]:
        found = []
        for at in range(0, len(ids), _CHUNK):
            part = ids[at : at + _CHUNK]
            sql = f"{self._join(kind)} WHERE T.id IN ({', '.join('?' * len(part))})"
            found += self._bodies(kind, sql, (self._kinds[kind][0] - 1, *part))
        return found

    def first_with_id(self, needle: str) -> st.Found | None:
        """The first record (then source) whose id in lower case is ``needle``."""
        sql = "SELECT body FROM silkcli_ids WHERE folded = ?"
        hits = self._ask(lambda: self._found(sql, (needle,)), lambda s: [h for h in [s.first_with_id(needle)] if h])
        return next(((kind, r) for kind, r in hits if r.id.lower() == needle), None)

    def naming(self, ident: str) -> Iterator[st.Found]:
        """The partnership and the records naming ``ident``."""
        sql = "SELECT body FROM silkcli_names WHERE name = ? UNION SELECT 1"
        hits = self._ask(lambda: self._found(sql, (ident,)), lambda s: list(s.naming(ident)))
        return iter([(kind, r) for kind, r in hits if kind == "partnership" or ident in m.named_ids(r)])

    def holding(self, terms: Sequence[Sequence[str]]) -> Iterator[st.Found]:
        """The records and sources that may hold every term (all of them where the index cannot tell)."""
        query = st.text_query(terms) if schema.TRIGRAM else None
        if query is None:
            return self._everything()
        sql = "SELECT rowid FROM silkcli_text WHERE silkcli_text MATCH ?"
        return iter(self._ask(lambda: self._found(sql, (query,)), lambda s: list(s.holding(terms))))

    def _everything(self) -> Iterator[st.Found]:
        yield "partnership", self.base.partnership
        for kind in BODY_KINDS[1:]:
            for record in self.records(kind):
                yield kind, record

    def values(self, kind: str, field: str) -> set[object]:
        """Every value the field takes in the list."""
        place = self._place(kind, field) if kind in LAZY_KINDS else None
        if place is None or place.holds not in ("text", "boolean", "date"):  # a number's type is SQLite's own
            return {v for r in self.records(kind) for v in st.field_values(r, field.split("."))}
        sql = f"SELECT DISTINCT {schema.quote_name(place.column)} FROM {schema.quote_name(place.table)}"
        back = _BACK.get(place.holds, lambda v: v)
        found = self._ask(lambda: {back(row[0]) for row in self._conn.execute(sql)}, lambda s: s.values(kind, field))
        return {v for v in found if v is not None}

    # reading bodies

    def _found(self, sql: str, args: tuple[Any, ...]) -> list[st.Found]:
        """The records whose body ids ``sql`` selects, in body order, with their kinds."""
        ids = sorted({row[0] for row in self._conn.execute(sql, args)})
        found: list[st.Found] = []
        for at in range(0, len(ids), _CHUNK):
            part = ids[at : at + _CHUNK]
            marks = ", ".join("?" * len(part))
            sql = f"SELECT id, kind, crc, body FROM silkcli_bodies WHERE id IN ({marks}) ORDER BY id"
            rows = self._conn.execute(sql, part).fetchall()
            for _, kind, crc, body in rows:
                (record,) = _decode(kind, [(crc, body)])
                found.append((kind, record))
        return found

    def _bodies(self, kind: str, sql: str, args: tuple[Any, ...]) -> list[Any]:
        return _decode(kind, self._conn.execute(sql, args).fetchall())


def _decode(kind: str, rows: list[tuple[int, bytes]]) -> list[Any]:
    """The records of ``rows`` (CRC, body), each checked against its CRC and decoded in one call."""
    for crc, body in rows:
        if not isinstance(body, bytes) or zlib.crc32(body) != crc:
            raise Damaged(kind)
    count = len(rows)
    head = b"\xdd" + count.to_bytes(4, "big")
    found: list[Any] = _decoder(kind).decode(head + b"".join(body for _, body in rows))
    return found


_DECODERS: dict[str, msgspec.msgpack.Decoder[Any]] = {}
_ITEMS: dict[str, type[msgspec.Struct]] = {"": m.Dataset, "partnership": m.Partnership, "sources": m.Source}


def _decoder(kind: str) -> msgspec.msgpack.Decoder[Any]:
    """A decoder of a list of records of ``kind`` ('' for body 0), without the schema's constraints."""
    decoder = _DECODERS.get(kind)
    if decoder is None:
        item: Any = unchecked(_ITEMS.get(kind) or m.record_type(kind))
        decoder = _DECODERS[kind] = msgspec.msgpack.Decoder(list[item], dec_hook=m.checked_decode_hook)
    return decoder


class Rows(Sequence[Any]):
    """A list of a compiled dataset, read from its entry when first used."""

    def __init__(self, store: SqliteStore, kind: str, count: int) -> None:
        self._store, self._kind, self._count = store, kind, count

    def __len__(self) -> int:
        return len(self._store.records(self._kind)) if self._store._fallback is not None else self._count

    def __getitem__(self, index: Any) -> Any:
        return self._store.records(self._kind)[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._store.records(self._kind))

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Rows({self._kind!r}, {self._count})"
