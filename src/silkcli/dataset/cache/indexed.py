"""A large dataset compiled so that a query reads only the records it returns.

A dataset above :data:`~.entries.TRUSTED_BYTES` is cached in this form (an
``X`` entry). Its payload is a table of sections, sealed with this user's key
(:func:`~.keys.seal`), then the sections:

- ``base``: the dataset without its long record lists (meta, vocabulary,
  countries, sectors, the partnership), decoded whole on every load;
- per list (:data:`LAZY_KINDS`): ``KIND.data``, each record as its own msgpack
  bytes, back to back; ``KIND.offsets``, where each one starts; ``KIND.tags``,
  a keyed BLAKE2b tag of each record; ``KIND.ids``, the ids in lower case, one
  per line;
- ``KIND.by.ref.N``, an index in :data:`BUCKETS` parts (by a checksum of the
  id): for each id that records of the list name anywhere (a sector, a type,
  a country, a person, a source, another record), the positions of the
  records naming it; and under ``"\0"`` and its id in lower case, each record;
- for a list that ``--since``/``--until`` select by a date (:data:`DATED`):
  ``KIND.dates``, the day each record's date starts (a proleptic ordinal), in
  order, and ``KIND.by.date``, the position of the record each one is from.

The records of a list come back as :class:`Records`, a sequence that decodes
a record when it is asked for. A query that an index can answer asks for the
records it may return, and only those are read, checked against their tags
and decoded; a query that walks the whole list decodes it in one call, after
checking the section's seal. Every section is checked against its seal
before it is used, and a record read alone against its tag: anything that
fails sends the load back to the source file (``reload``), as if there were
no entry. The entry is read with ``pread``, never mapped: a mapped 1%
selection of a million documents touched 630 MB (the kernel maps the pages
around each fault), read record by record under 100 MB.
"""
# ruff: noqa: PLC0415 - start-up: hashing loads OpenSSL, and only large datasets have this form

from __future__ import annotations

import bisect
import datetime as dt
import gc
import os
import re
import zlib
from array import array
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.cache.keys import Opened
from silkcli.dataset.cache.unchecked import unchecked
from silkcli.files import Buffer

if TYPE_CHECKING:
    import hmac

#: The record lists kept record by record: the ones that grow with a dataset.
LAZY_KINDS = ("sources", "people", "documents", "commitments", "events", "statistics", "quotes", "discrepancies")


#: The index of each list: for every id a record names anywhere (a sector, a type, a status, a
#: country, a person, a source, another record), the positions of the records naming it. It answers
#: the filters (``--sector mining`` is among the records naming ``mining``) and ``show``'s "referred by".
REF_INDEX = "by.ref"
#: How the index lists a record under its own id (in lower case): ids never start with it.
_SELF = "\0"
#: How the index lists a record under the value of one of its :data:`VALUED` fields: ids never start with it.
_VALUE = "\1"
#: The lists that ``--since``/``--until`` select by a date, and its field: a record's period starts
#: on that date's first day (an event's may end later), so a range holds only records whose date
#: starts in it, and the index of start days answers both ends (the start exactly, the end as a superset).
DATED = {"documents": "signed", "events": "date"}
#: The fields of a list that are filtered by a value that is not an id (a flag, a word): the index
#: also lists each record under its value of them (see :func:`_value_key`), a flag's only where it is
#: set (a filter for the records without it takes most of the list, and listing them all cost a first
#: load of 100k documents 7% more), and the list's section ``KIND.values`` names these fields, so
#: that an entry written before a field was added is never asked about it.
VALUED = {"documents": ("summit", "at_summit"), "commitments": ("kind",)}
#: The index is split by a checksum of the id into this many sections, so a lookup checks the seal
#: of, and decodes, the one holding its id (at 1,000,000 documents the whole index is 40 MB).
BUCKETS = 256

_TAG_BYTES = 16
#: Checking one record's tag costs about as much as checking this many bytes of a section's seal:
#: a query that reads more of a list than that checks the whole section's seal instead.
_TAG_COST = 6000
#: What else an ASCII letter matches in UTF-8 when ``re`` ignores case (found by trying every code point):
#: İ and ı match i, ſ matches s, and the Kelvin sign matches k.
_FOLDED = {"i": rb"(?:i|\xc4[\xb0\xb1])", "s": rb"(?:s|\xc5\xbf)", "k": rb"(?:k|\xe2\x84\xaa)"}
#: How much of a section a search reads, seals, lowers and scans at a time: small enough to stay in
#: the processor's cache (at 100,000 documents, 256 KiB and 1 MiB pieces took 97 ms to lower and
#: scan where the whole section took 230 ms), large enough that the reader seals each in one call.
_SCAN_BYTES = 1024 * 1024
#: How many pieces the reader of a scan may be ahead of the search.
_AHEAD = 4
#: Python's switch interval while a scan's reader runs: at the default 5 ms, a reader done hashing
#: waits for the search to let it go on, and the hash ends up after the scan instead of beside it.
_SWITCH_SECONDS = 1e-4
#: Reading this many records or fewer, each one's place and tag are read alone rather than the whole tables.
_FEW = 64
#: Ids looked up one by one before a list makes a table of them all (a search costs a pass over the ids).
_SEARCHES = 8
R = TypeVar("R", bound=msgspec.Struct)


class Toc(msgspec.Struct, frozen=True, array_like=True):
    """The table of sections: the entry's nonce, each list's length, and each section's place and seal."""

    nonce: bytes
    counts: dict[str, int]
    sections: dict[str, tuple[int, int, bytes]]


class Tampered(Exception):
    """A section or a record does not carry this user's seal: the entry is not used."""


#: What reading a part of an entry that cannot be used raises: a part that fails its check, bytes
#: that do not decode or do not fit, a file that cannot be read. Each sends the query elsewhere.
_UNUSABLE = (Tampered, msgspec.DecodeError, ValueError, OSError)


def build(dataset: m.Dataset, secret: bytes, on_kind: Callable[[str, float], None] | None = None) -> list[Buffer]:
    """The payload of an ``X`` entry for ``dataset``, in parts: the table of sections (its length first),
    then the sections.

    ``on_kind`` is told the name of each list as its turn comes, and the share of lists done.
    """
    encoder = msgspec.msgpack.Encoder(enc_hook=m.encode_hook)
    nonce = os.urandom(16)
    parts: dict[str, Buffer] = {
        "base": encoder.encode(msgspec.structs.replace(dataset, **dict.fromkeys(LAZY_KINDS, ())))
    }
    counts = {}
    for done, kind in enumerate(LAZY_KINDS):
        records: Sequence[msgspec.Struct] = getattr(dataset, kind)
        if on_kind is not None:
            on_kind(kind, done / len(LAZY_KINDS))
        counts[kind] = len(records)
        data, offsets, tags = bytearray(), array("Q"), bytearray()
        tag = _tagger(secret, nonce, kind)
        for position, record in enumerate(records):
            offsets.append(len(data))
            encoder.encode_into(record, data, -1)
            tags += tag(position, memoryview(data)[offsets[-1] :])
        offsets.append(len(data))
        parts[f"{kind}.data"] = data
        parts[f"{kind}.offsets"] = offsets.tobytes()
        parts[f"{kind}.tags"] = tags
        parts[f"{kind}.ids"] = "".join(f"\n{record.id.lower()}" for record in records).encode() + b"\n"  # type: ignore[attr-defined]
        index: dict[str, array[int]] = {}
        for position, record in enumerate(records):
            valued = [
                _value_key(field, value) for field in VALUED.get(kind, ()) if _listed(value := getattr(record, field))
            ]
            for named in {_SELF + record.id.lower(), *m.named_ids(record), *valued}:  # type: ignore[attr-defined]
                found = index.get(named)
                if found is None:
                    found = index[named] = array("I")
                found.append(position)
        buckets: dict[int, dict[str, bytes]] = {}
        for named, found in index.items():
            buckets.setdefault(_bucket(named), {})[named] = found.tobytes()
        for number, bucket in sorted(buckets.items()):
            parts[f"{kind}.{REF_INDEX}.{number}"] = encoder.encode(bucket)
        if kind in VALUED:
            parts[f"{kind}.values"] = "\n".join(VALUED[kind]).encode()
        if kind in DATED:
            starts = array("I", (getattr(record, DATED[kind]).first().toordinal() for record in records))
            order = sorted(range(len(records)), key=starts.__getitem__)
            parts[f"{kind}.dates"] = array("I", map(starts.__getitem__, order)).tobytes()
            parts[f"{kind}.by.date"] = array("I", order).tobytes()
    sections, at = {}, 0
    for name, part in parts.items():
        sections[name] = (at, len(part), _seal(secret, name, part))
        at += len(part)
    toc = encoder.encode(Toc(nonce, counts, sections))
    return [len(toc).to_bytes(8, "big") + toc, *parts.values()]


def _seal(secret: bytes, name: str, part: Buffer) -> bytes:
    """A section's seal: an HMAC-SHA256 of its name and bytes (fed in turn, never joined into a copy)."""
    mac = _sealing(secret, name)
    mac.update(part)
    return mac.digest()


def _sealing(secret: bytes, name: str) -> hmac.HMAC:
    """The seal of section ``name`` being computed: fed its bytes, in one part or many, it gives :func:`_seal`."""
    import hmac

    return hmac.new(secret, name.encode() + b"\0", "sha256")


def _listed(value: object) -> bool:
    """Whether the index lists records under this value of a :data:`VALUED` field: a flag only where set."""
    return value is not False and value is not None


def _value_key(field: str, value: object) -> str:
    """How the index names the records whose ``field`` holds ``value``."""
    return f"{_VALUE}{field}={value}"


def _bucket(named: str) -> int:
    """Which section of an index holds the id ``named``."""
    return zlib.crc32(named.encode("utf-8", "surrogateescape")) % BUCKETS


def _tagger(secret: bytes, nonce: bytes, kind: str) -> Callable[[int, bytes | memoryview], bytes]:
    """The tag of a record of list ``kind`` from its position and bytes.

    A keyed BLAKE2b, salted with the entry's nonce, so a record copied from another entry fails.
    """
    import hashlib

    keyed = hashlib.blake2b(key=secret, salt=nonce, person=kind.encode()[:16], digest_size=_TAG_BYTES)

    def tag(position: int, record: bytes | memoryview) -> bytes:
        mac = keyed.copy()
        mac.update(position.to_bytes(8, "big"))
        mac.update(record)
        return mac.digest()

    return tag


def table(file: Opened, at: int) -> tuple[Toc, bytes, int] | None:
    """The table of sections of the entry in ``file`` whose payload starts ``at``: the table, its bytes
    (which the entry's seal covers), and where the sections start in the file."""
    size = int.from_bytes(file.read(8, at), "big")
    if size > file.size:
        return None
    data = file.read(size, at + 8)
    try:
        return msgspec.msgpack.decode(data, type=Toc), data, at + 8 + size
    except (msgspec.DecodeError, ValueError):
        return None


class Store:
    """The sections of one ``X`` entry, each checked against its seal the first time it is used."""

    def __init__(self, file: Opened, toc: Toc, start: int, secret: bytes, reload: Callable[[], m.Dataset]) -> None:
        self._file = file
        self._toc = toc
        self._start = start
        self._secret = secret
        self._reload = reload
        self._checked: dict[str, bytes] = {}
        self._fallback: m.Dataset | None = None
        self._taggers: dict[str, Callable[[int, bytes | memoryview], bytes]] = {}

    def section(self, name: str) -> bytes:
        """The section's bytes, once its seal is checked; :class:`Tampered` if it is missing or does not match."""
        found = self._checked.get(name)
        if found is not None:
            return found
        import hmac

        part = self.unchecked(name)
        if not hmac.compare_digest(_seal(self._secret, name, part), self._toc.sections[name][2]):
            raise Tampered(name)
        self._checked[name] = part
        return part

    def scan(self, name: str) -> Iterator[bytes]:
        """The section's bytes in pieces of :data:`_SCAN_BYTES`, so that a pass over a large section
        works in the processor's cache, not in a copy of it all.

        A thread reads and seals the pieces (``pread`` and the hash let other threads run) while
        the caller works on the ones before. The seal is checked after the last piece
        (:class:`Tampered` if it does not match), so what is learnt from the pieces may be used only
        once the loop has run to its end.
        """
        found = self._checked.get(name)
        if found is not None:
            yield found
            return
        import hmac
        import queue
        import sys
        import threading

        if name not in self._toc.sections:
            raise Tampered(name)
        at, size, seal = self._toc.sections[name]
        mac = _sealing(self._secret, name)
        pieces: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
        stop = threading.Event()

        def read() -> None:
            """Put each piece, sealed; then None, also after a short read or a failed one (the seal
            then covers less than the section, and does not match)."""
            try:
                for offset in range(0, size, _SCAN_BYTES):
                    want = min(_SCAN_BYTES, size - offset)
                    piece = self._file.read(want, self._start + at + offset)
                    if stop.is_set() or len(piece) != want:
                        return
                    mac.update(piece)
                    pieces.put(piece)
            except OSError:
                return
            finally:
                pieces.put(None)

        # The reader takes the lock back as soon as its hash is done, not after Python's 5 ms.
        switching = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_SECONDS)
        reader = threading.Thread(target=read, name=f"scan {name}", daemon=True)
        reader.start()
        try:
            while (piece := pieces.get()) is not None:
                yield piece
        finally:
            stop.set()
            while not pieces.empty():  # room for the reader's last put, if the caller stopped early
                pieces.get_nowait()
            reader.join()
            sys.setswitchinterval(switching)
        if not hmac.compare_digest(mac.digest(), seal):
            raise Tampered(name)

    def unchecked(self, name: str) -> bytes:
        """The section's bytes without checking its seal: for records that each carry their own tag."""
        if name not in self._toc.sections:
            raise Tampered(name)
        at, size, _ = self._toc.sections[name]
        part = self._file.read(size, self._start + at)
        if len(part) != size:
            raise Tampered(name)
        return part

    def piece(self, name: str, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` of a section, read alone (a record checked by its tag)."""
        if name not in self._toc.sections:
            raise Tampered(name)
        at, size, _ = self._toc.sections[name]
        if not 0 <= start <= end <= size:
            raise Tampered(name)
        part = self._file.read(end - start, self._start + at + start)
        if len(part) != end - start:
            raise Tampered(name)
        return part

    def checked(self, name: str) -> bool:
        """Whether the section's seal has been checked already."""
        return name in self._checked

    def size(self, name: str) -> int:
        """The section's length in bytes (0 if there is none)."""
        return self._toc.sections[name][1] if name in self._toc.sections else 0

    def has(self, name: str) -> bool:
        """Whether the entry has a section of this name."""
        return name in self._toc.sections

    def count(self, kind: str) -> int:
        """How many records the list ``kind`` holds."""
        return self._toc.counts.get(kind, 0)

    def tagged(self, kind: str, position: int, record: bytes | memoryview, expected: bytes) -> bool:
        """Whether ``record``, the bytes at ``position`` of list ``kind``, carries the tag ``expected``."""
        import hmac

        tag = self._taggers.get(kind)
        if tag is None:
            tag = self._taggers[kind] = _tagger(self._secret, self._toc.nonce, kind)
        return hmac.compare_digest(tag(position, record), expected)

    def fallback(self) -> m.Dataset:
        """The dataset read from its source file instead, for an entry that failed a check."""
        if self._fallback is None:
            self._fallback = self._reload()
        return self._fallback

    def dataset(self) -> m.Dataset:
        """The dataset: the base decoded, each long list a :class:`Records`."""
        base: m.Dataset = msgspec.msgpack.decode(
            self.section("base"), type=unchecked(m.Dataset), dec_hook=m.checked_decode_hook
        )
        lists = {kind: Records(self, kind, _item_type(kind)) for kind in LAZY_KINDS}
        return msgspec.structs.replace(base, **lists)


def _item_type(kind: str) -> type[msgspec.Struct]:
    item: type[msgspec.Struct] = m.Source if kind == "sources" else m.record_type(kind)
    return unchecked(item)


class Records(Sequence[R]):
    """One list of a dataset, read from its ``X`` entry record by record as it is asked for.

    It is a sequence like the tuple it stands for (equal to it, encoded as it);
    :meth:`where` and :meth:`find` answer from the entry's indexes.
    """

    def __init__(self, store: Store, kind: str, item: type[R]) -> None:
        self._store = store
        self._kind = kind
        self._item = item
        self._count = store.count(kind)
        self._all: tuple[R, ...] | None = None
        self._decoder = msgspec.msgpack.Decoder(list[item], dec_hook=m.checked_decode_hook)  # type: ignore[valid-type]
        self._buckets: dict[int, dict[str, bytes]] = {}
        self._ids: bytes | None = None
        self._table: dict[bytes, int] | None = None
        self._searches = 0

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...
    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        if isinstance(index, slice) or self._all is not None:
            return self.all()[index]
        position = range(self._count)[index]  # IndexError as a tuple gives
        return self.at([position])[0]

    def __iter__(self) -> Iterator[R]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records | tuple):
            return self.all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.all())

    def __repr__(self) -> str:
        return f"Records({self._kind!r}, {self._count} records)"

    def all(self) -> tuple[R, ...]:
        """Every record, decoded in one call once the section's seal is checked."""
        if self._all is None:
            try:
                data = self._store.section(f"{self._kind}.data")
                self._all = tuple(self._decoded(b"\xdd" + self._count.to_bytes(4, "big") + data))
            except _UNUSABLE:
                self._all = getattr(self._store.fallback(), self._kind)
        return self._all

    def at(self, positions: Sequence[int]) -> list[R]:
        """The records at ``positions`` (in that order), each checked against its tag."""
        if self._all is not None:
            return [self._all[p] for p in positions]
        try:
            name = f"{self._kind}.data"
            whole = self._store.checked(name) or len(positions) * _TAG_COST > self._store.size(name)
            if whole:
                offsets = self._offsets_of(checked=True)
                data = memoryview(self._store.section(name))
                pieces: Sequence[bytes | memoryview] = [data[offsets[p] : offsets[p + 1]] for p in positions]
            else:  # each record is checked by its tag, which covers its place too
                pieces = self._pieces(positions)
                tags = self._tags(positions)
                pairs = zip(positions, pieces, tags, strict=True)
                if not all(self._store.tagged(self._kind, p, piece, tag) for p, piece, tag in pairs):
                    raise Tampered(self._kind)
            joined = b"".join([b"\xdd" + len(pieces).to_bytes(4, "big"), *pieces])
            found: list[R] = self._decoded(joined)
            return found
        except (*_UNUSABLE, IndexError):
            every = self.all()
            return [every[p] for p in positions]

    def _decoded(self, data: bytes) -> list[R]:
        """The records in ``data`` (a msgpack array), decoded with the garbage collector paused: every
        object made lives on, and collections in the middle of a large decode only cost time (a fifth
        of decoding 13,229 documents)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            found: list[R] = self._decoder.decode(data)
            return found
        finally:
            if enabled:
                gc.enable()

    def where(self, wanted: Mapping[str, Collection[object]], between: m.Between | None = None) -> Sequence[R]:
        """The records that may hold, for each field of ``wanted``, one of its values, and whose date
        starts ``between`` the two days given (either may be None), in file order.

        The index of the ids records name stands for every field: a record naming the value
        in another field is a superset, which the caller's own test removes; so is a record
        whose date starts in the range but ends after it. A :data:`VALUED` field is looked up
        by its value; not at all in an entry that does not index it, nor for a flag that is not set.
        """
        try:
            valued = self._valued()
            keys = [self._keys(field, values, valued) for field, values in wanted.items() if values]
            fields = [[self._naming(key) for key in found] for found in keys if found is not None]
            dated = self._dated(*between) if between is not None else None
        except _UNUSABLE:
            return self
        if dated is not None:
            fields.append([dated])
        if not fields:
            return self
        fields.sort(key=lambda found: sum(map(len, found)))  # a set of the rarest, then test the others' against it
        chosen: set[int] = set().union(*fields[0])
        for found in fields[1:]:
            if len(found) == 1:
                chosen.intersection_update(found[0])
            else:
                chosen &= set().union(*found)
        return self.at(sorted(chosen))

    def first_naming(self, ident: str, test: Callable[[R], bool]) -> R | None:
        """The first record (in file order) that names ``ident`` and passes ``test``, read a few at a
        time from the index's list of those naming it."""
        try:
            positions = self._naming(ident)
        except _UNUSABLE:
            return next((record for record in self.all() if test(record)), None)
        for start in range(0, len(positions), _FEW):
            found = next((record for record in self.at(list(positions[start : start + _FEW])) if test(record)), None)
            if found is not None:
                return found
        return None

    def _keys(self, field: str, values: Collection[object], valued: frozenset[str]) -> list[str] | None:
        """How the index names the records holding each of ``values`` in ``field``; None when it cannot
        answer for the field (a :data:`VALUED` one this entry does not index, or a value it does not list)."""
        if field not in VALUED.get(self._kind, ()):
            return [str(value) for value in values]  # ids
        if field in valued and all(map(_listed, values)):
            return [_value_key(field, value) for value in values]
        return None

    def _valued(self) -> frozenset[str]:
        """The :data:`VALUED` fields this entry's index lists records under (none, if written before)."""
        name = f"{self._kind}.values"
        return frozenset(self._store.section(name).decode().split("\n")) if self._store.has(name) else frozenset()

    def _dated(self, start: dt.date | None, end: dt.date | None) -> memoryview | None:
        """The positions of the records whose date starts between ``start`` and ``end`` (in date
        order); None for a list with no index of dates."""
        if self._kind not in DATED or not self._store.has(f"{self._kind}.dates"):
            return None  # an entry written before lists had one answers by reading every record
        starts = memoryview(self._store.section(f"{self._kind}.dates")).cast("I")
        order = memoryview(self._store.section(f"{self._kind}.by.date")).cast("I")
        if len(starts) != len(order) or len(order) != self._count:
            raise Tampered(self._kind)
        low = 0 if start is None else bisect.bisect_left(starts, start.toordinal())
        high = len(starts) if end is None else bisect.bisect_right(starts, end.toordinal())
        return order[low:high]

    def _naming(self, ident: str) -> memoryview:
        """The positions of the records naming ``ident``, from its section of the index."""
        number = _bucket(ident)
        bucket = self._buckets.get(number)
        if bucket is None:
            name = f"{self._kind}.{REF_INDEX}.{number}"
            raw = self._store.section(name) if self._store.has(name) else None
            bucket = self._buckets[number] = {} if raw is None else msgspec.msgpack.decode(raw, type=dict[str, bytes])
        return memoryview(bucket.get(ident, b"")).cast("I")

    def holding(self, words: Sequence[str]) -> Sequence[R]:
        """The records whose bytes hold every one of ``words`` in any case (a superset of those whose
        text does, case-insensitively as ``re`` matches), in file order; all of them for a word that
        is not ASCII."""
        if not words or not all(word.isascii() for word in words):
            return self
        patterns = [re.compile(b"".join(_FOLDED.get(c, re.escape(c.encode())) for c in w.lower())) for w in words]
        found: list[set[int]] = [set() for _ in words]
        # Each piece is scanned after the end of the one before it, long enough to hold any match
        # (a letter that re folds is at most 3 bytes), so a match across two pieces is found.
        keep = 3 * max(map(len, words))
        tail, base = b"", 0  # base: where in the section the lowered bytes being scanned start
        try:
            offsets = self._offsets_of(checked=True)
            for piece in self._store.scan(f"{self._kind}.data"):
                lowered = tail + piece.lower()
                for pattern, holders in zip(patterns, found, strict=True):
                    at = 0
                    while (match := pattern.search(lowered, at)) is not None:
                        position = bisect.bisect_right(offsets, base + match.start()) - 1
                        holders.add(position)
                        at = offsets[position + 1] - base  # on to the next record
                tail = lowered[-keep:]
                base += len(lowered) - len(tail)
        except _UNUSABLE:
            return self
        return self.at(sorted(set.intersection(*found)))

    def by_id(self, only: Collection[str] | None = None) -> Mapping[str, R]:
        """The records by id, each read when it is asked for; with ``only``, those of these ids, read at once."""
        if only is None:
            return _ById(self)
        try:
            positions = sorted({p for p in (self._position(i.lower()) for i in only) if p is not None})
        except Tampered:
            return {r.id: r for r in self.all() if r.id in only}  # type: ignore[attr-defined]
        found = {r.id: r for r in self.at(positions) if r.id in only}  # type: ignore[attr-defined]
        if len(found) < len(positions):  # ids differing in case only: read them all
            return {r.id: r for r in self.all() if r.id in only}  # type: ignore[attr-defined]
        return found

    def find(self, ident: str) -> R | None:
        """The record whose id is exactly ``ident``."""
        found = self.find_folded(ident.lower())
        if found is None or found.id == ident:  # type: ignore[attr-defined]
            return found
        return next((r for r in self.all() if r.id == ident), None)  # type: ignore[attr-defined]  # ids differing in case only

    def find_folded(self, needle: str) -> R | None:
        """The first record whose id is ``needle`` (lower case) in any case, from the list of ids."""
        try:
            position = self._position(needle)
        except Tampered:
            return next((r for r in self.all() if r.id.lower() == needle), None)  # type: ignore[attr-defined]
        return None if position is None else self.at([position])[0]

    def _position(self, needle: str) -> int | None:
        """Where the first record whose id is ``needle`` in lower case is: from the index for the
        first few asked, then from a table of all the ids."""
        if self._table is None and self._searches < _SEARCHES:
            self._searches += 1
            found = self._naming(_SELF + needle)
            return found[0] if len(found) else None
        if self._ids is None:
            self._ids = bytes(self._store.section(f"{self._kind}.ids"))
        if self._table is None:
            keys = self._ids[1:-1].split(b"\n") if self._count else []
            # built backwards, so the first record with an id is the one kept
            self._table = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        return self._table.get(needle.encode("utf-8", "replace"))

    def _pieces(self, positions: Sequence[int]) -> list[bytes]:
        """The bytes of the records at ``positions``, unchecked: their places read alone for a few,
        from the whole (unchecked) table of offsets for more."""
        name = f"{self._kind}.data"
        if len(positions) > _FEW:
            offsets = self._offsets_of(checked=False)
            return [self._store.piece(name, offsets[p], offsets[p + 1]) for p in positions]
        found = []
        for p in positions:
            start, end = memoryview(self._store.piece(f"{self._kind}.offsets", 8 * p, 8 * p + 16)).cast("Q")
            found.append(self._store.piece(name, start, end))
        return found

    def _tags(self, positions: Sequence[int]) -> list[bytes]:
        """The tags of the records at ``positions``: read alone for a few, from the whole section for more."""
        name = f"{self._kind}.tags"
        if len(positions) > _FEW:
            tags = self._store.unchecked(name)
            return [tags[p * _TAG_BYTES : (p + 1) * _TAG_BYTES] for p in positions]
        return [self._store.piece(name, p * _TAG_BYTES, (p + 1) * _TAG_BYTES) for p in positions]

    def _offsets_of(self, *, checked: bool) -> memoryview:
        """Where each record starts (and the end), read in place; ``checked``: once the section's seal holds."""
        name = f"{self._kind}.offsets"
        offsets = memoryview(self._store.section(name) if checked else self._store.unchecked(name)).cast("Q")
        if len(offsets) != self._count + 1:
            raise Tampered(self._kind)
        return offsets


class _ById(Mapping[str, R]):
    """A list read in part, by id: looking one up reads that record only; walking it reads them all."""

    def __init__(self, records: Records[R]) -> None:
        self._records = records
        self._found: dict[str, R | None] = {}

    def __getitem__(self, ident: str) -> R:
        if ident not in self._found:
            self._found[ident] = self._records.find(ident)
        found = self._found[ident]
        if found is None:
            raise KeyError(ident)
        return found

    def __iter__(self) -> Iterator[str]:
        return (record.id for record in self._records)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._records)
