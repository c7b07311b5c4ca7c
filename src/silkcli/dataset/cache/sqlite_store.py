"""The :class:`~silkcli.dataset.store.Store` of a compiled SQLite entry (see :mod:`.compiled`).

Each question is asked of the entry in SQL, through the layout's tables (a field the layout keeps in a
column is selected by it; any other by reading the list), and each record it returns is tested again in
Python, so a store answers exactly what :class:`~silkcli.dataset.store.MemoryStore` does. Bodies are
checked against their CRC-32 and decoded without the schema's constraints: only this user's own
validation can have written them. Any error while reading sends this and every later question to the
source file, read whole.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import store as st
from silkcli.dataset.cache.unchecked import unchecked
from silkcli.dataset.tables import schema
from silkcli.dataset.tables.layout import Column, by_name

#: The lists kept out of body 0 and read as they are used (countries and sectors are few, and read by every query).
LAZY_KINDS = ("people", "documents", "commitments", "events", "statistics", "quotes", "discrepancies", "sources")
#: Every list a body belongs to, in body order.
BODY_KINDS = ("partnership", *m.RECORD_KINDS, "sources")
#: What a damaged or foreign entry raises while it is read: each sends the query to the source file.
UNUSABLE = (sqlite3.Error, msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, KeyError, OSError)
#: How many values one statement binds at most.
_CHUNK = 500


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


class SqliteStore:
    """The :class:`~silkcli.dataset.store.Store` of a compiled entry; it falls back to the source file on any error."""

    def __init__(self, conn: sqlite3.Connection, reload: Callable[[], m.Dataset], *, crc: int | None = None) -> None:
        self._conn = conn
        #: the CRC-32 of the entry's bytes, from its stamp (None: unknown, and the entry is not copied)
        self._crc = crc
        self._reload = reload
        self._fallback: st.MemoryStore | None = None
        self._kinds = {kind: (first, count) for kind, first, count in conn.execute("SELECT * FROM silkcli_kinds")}
        self._all: dict[str, tuple[Any, ...]] = {}
        (base,) = self._bodies("", "SELECT crc, body FROM silkcli_bodies WHERE id = 0", ())
        self.base: m.Dataset = base
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
            # "none" (no marker) is NULL in the table: such a field is matched on the records themselves
            return None if own.type == "json" or own.none_is_null else Place(kind, own.name, None, _holds(own))
        table = self._tables.get(f"{kind}_{path[0]}")
        if table is None or table.owner != kind:
            return None
        if len(path) == 1:
            item = None if m.is_struct_type(table.element) else table.columns[2]
        else:
            item = next((c for c in table.columns[2:] if c.field == path[1:] and not c.precision), None)
        if item is None or item.type == "json" or item.none_is_null:
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

    def copy_into(self, path: Path) -> bool:
        """Write the layout's tables into ``path``, a new empty file, copied from the entry's own (``export -f
        sqlite`` of a large file, decoding no record); False, ``path`` left empty, where the entry cannot."""
        from silkcli.dataset.tables.layout import layout  # noqa: PLC0415 - only export needs the layout

        if self._fallback is not None or self._crc is None:
            return False
        conn = None
        try:
            (entry,) = [row[2] for row in self._conn.execute("PRAGMA database_list") if row[1] == "main"]
            if file_crc(Path(entry)) != self._crc:  # damage that SQLite reads as data would be copied
                return False
            conn = sqlite3.connect(_uri(path), uri=True, isolation_level=None)
            for pragma in ("trusted_schema = OFF", "cell_size_check = ON"):
                conn.execute(f"PRAGMA {pragma}")
            conn.execute("ATTACH DATABASE ? AS entry", (_uri(Path(entry)) + "?mode=ro&immutable=1",))
            schema.begin(conn)
            schema.copy_tables(conn, "entry", layout())
            conn.execute("COMMIT")
            conn.close()
        except (sqlite3.Error, ValueError, OSError):
            if conn is not None:
                conn.close()
            with path.open("wb"):  # what a failed copy wrote, gone: the export is built from the records
                pass
            return False
        return True

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


def file_crc(path: Path) -> int:
    """The CRC-32 of a file's bytes, read in parts."""
    crc = 0
    with path.open("rb") as handle:
        while part := handle.read(1 << 20):
            crc = zlib.crc32(part, crc)
    return crc


def _uri(path: Path) -> str:
    """A file's URI for SQLite (``?`` and ``#`` in its name are not read as a query or a fragment)."""
    return "file:" + urllib.parse.quote(str(path.absolute()))


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
