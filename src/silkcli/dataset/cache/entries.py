"""Compiled datasets and JSON stamps in the user cache, one entry per dataset file.

Each dataset path has one entry (``keys.entry_file``). It starts with the
file's :class:`~.keys.Key`, so any edit or upgrade misses, then the entry's
kind and a check of the payload:

- ``M`` a small YAML dataset compiled to msgpack, with a CRC-32. It is
  decoded with every constraint of the schema, and the loader checks the
  result again as it would the source file (``verify``), so a planted entry
  can say nothing the file could not.
- ``X`` a large dataset (YAML or JSON) compiled record by record with
  indexes (:mod:`.indexed`), its table of sections sealed with this user's
  HMAC (:func:`~.keys.seal`), each section and record checked against its
  own seal when it is used: a query reads only the records it may return, and
  decodes them without the schema's constraints, because only a validation
  run by this user can have sealed them.
- ``J`` a small JSON dataset: the file is already the compiled form, so the
  entry is a sealed stamp of the CRC-32 and size of the bytes that passed
  every check; bytes that differ are checked again.

The rules for reading and writing entries at all (owner, permissions, size,
atomic writes, silent misses) are in :mod:`.keys`.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.cache import indexed, keys
from silkcli.dataset.cache.keys import (
    RACY_NS as RACY_NS,  # re-exported
)
from silkcli.dataset.cache.keys import (
    SEAL_BYTES,
    entry_file,
    file_key,
    needs_digest,
    open_private,
    seal,
    sealed,
    settled,
    write_private,
)
from silkcli.dataset.paths import cache_dir as cache_dir  # re-exported

_MAGIC = b"silkcli-cache-4\x00"
_SUFFIX = ".msgpack"
_COMPILED, _INDEXED, _VALIDATED = b"M", b"X", b"J"
#: Datasets above this size are compiled record by record with indexes, sealed, and decode
#: without re-checking the schema's constraints; small ones are checked whole, it is cheap.
TRUSTED_BYTES = 1 << 20


class Validated(msgspec.Struct, frozen=True):
    """A JSON dataset file that passed every check, as it was then."""

    crc: int
    size: int

    def matches(self, source: bytes) -> bool:
        """Whether ``source`` holds the bytes that were checked."""
        return len(source) == self.size and zlib.crc32(source) == self.crc


def get(
    path: Path,
    stat: os.stat_result,
    *,
    verify: Callable[[m.Dataset], bool] | None = None,
    content: Callable[[], bytes] | None = None,
    reload: Callable[[], m.Dataset] | None = None,
) -> m.Dataset | Validated | None:
    """What the cache holds for this exact file version: its dataset, a :class:`Validated` stamp, or None.

    ``verify`` is asked about a dataset from a small unsealed entry; one it refuses is a miss.
    ``content`` gives the file's bytes if the entry names their checksum (default: read them).
    ``reload`` reads the file itself, for a large entry a part of which fails its seal when it is used.
    """
    key = file_key(path, stat, m.SCHEMA_VERSION)
    file = open_private(entry_file(path, _SUFFIX)) if key is not None else None
    if key is None or file is None:
        return None
    kept = False
    try:
        head = file.read(len(key.header(_MAGIC)) + _DIGEST_BYTES + 1, 0)
        start = key.match(_MAGIC, head, content or path.read_bytes)
        if start is None:
            return None
        if head[start : start + 1] == _INDEXED:
            kept = True  # the dataset reads the rest of the file as it is used
            return _indexed(file, head[: start + 1], reload)
        data = file.read(file.size, 0)
    except OSError:
        return None
    finally:
        if not kept:
            file.close()
    kind, body = data[start : start + 1], memoryview(data)[start + 1 :]
    try:
        if kind == _COMPILED and zlib.crc32(body[4:]).to_bytes(4, "big") == body[:4]:
            dataset: m.Dataset = msgspec.msgpack.decode(body[4:], type=m.Dataset, dec_hook=m.decode_hook)
            return dataset if verify is None or verify(dataset) else None
        if not sealed(body[:SEAL_BYTES], memoryview(data)[: start + 1], body[SEAL_BYTES:]):
            return None
        if kind == _VALIDATED:
            return msgspec.msgpack.decode(body[SEAL_BYTES:], type=Validated)
    except (msgspec.DecodeError, ValueError, TypeError, indexed.Tampered):
        return None
    return None


#: How much longer than its plain header an entry's header is when it names the file's checksum.
_DIGEST_BYTES = len("\0crc32:00000000")


def _indexed(file: keys.Opened, head: bytes, reload: Callable[[], m.Dataset] | None) -> m.Dataset | None:
    """The dataset of an ``X`` entry (``head`` is its header) whose table of sections carries this user's seal."""
    secret = keys.secret()
    mark = file.read(SEAL_BYTES, len(head))
    found = indexed.table(file, len(head) + SEAL_BYTES)
    if secret is None or found is None:
        return None
    toc, toc_bytes, start = found
    if not sealed(mark, head, toc_bytes):
        return None
    try:
        return indexed.Store(file, toc, start, secret, reload or _unavailable).dataset()
    except (msgspec.DecodeError, ValueError, TypeError, indexed.Tampered, OSError):
        return None


def _unavailable() -> m.Dataset:
    raise indexed.Tampered("the cache entry failed a check and no source file was given")


def decode_validated(source: bytes) -> m.Dataset | None:
    """The dataset in JSON ``source``, which a sealed :class:`Validated` stamp matched; None if it will not decode."""
    try:
        dataset: m.Dataset = msgspec.json.decode(source, type=m.Dataset, dec_hook=m.decode_hook)
        return dataset
    except msgspec.DecodeError:
        return None


#: Stores a validated dataset as an ``X`` entry, calling back with each list it starts on (or None).
Writer = Callable[[m.Dataset, Callable[[str, float], None] | None], None]


def put(path: Path, stat: os.stat_result, dataset: m.Dataset, *, source: bytes, json: bool = False) -> None:
    """Store what was learnt validating ``dataset`` from ``source`` (this file version's bytes, of at most
    :data:`TRUSTED_BYTES`); failures are ignored.

    A JSON file gets a stamp (:func:`put_validated`), any other its compiled dataset.
    A larger file is stored by :func:`indexed_writer`.
    """
    if json:
        put_validated(path, stat, source)
        return
    key = _cacheable(path, stat, source)
    if key is None:
        return
    payload = msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)
    write_private(entry_file(path, _SUFFIX), key + _COMPILED + zlib.crc32(payload).to_bytes(4, "big") + payload)


def indexed_writer(path: Path, stat: os.stat_result, source: bytes) -> Writer | None:
    """What stores a file of more than :data:`TRUSTED_BYTES` as its records one by one with indexes
    (an ``X`` entry), once it is validated; None if it cannot be cached now.

    It takes what it needs from ``source`` (this file version's bytes) now, so the caller can let
    them go before the dataset is parsed and compiled: at 1,000,000 documents they are 750 MB.
    The writer is called with the dataset, and with ``on_kind``, told the name of each list it
    starts on and the share of lists done.
    """
    key = _cacheable(path, stat, source)
    if key is None:
        return None
    head = key + _INDEXED

    def write(dataset: m.Dataset, on_kind: Callable[[str, float], None] | None) -> None:
        secret = keys.secret(create=True)
        if secret is None:
            return
        payload = indexed.build(dataset, secret, on_kind)
        mark = seal(head, memoryview(payload[0])[8:])  # the table of sections, after its length
        if mark is not None:
            write_private(entry_file(path, _SUFFIX), [head, mark, *payload])

    return write


def put_validated(path: Path, stat: os.stat_result, source: bytes) -> None:
    """Record, sealed, that JSON ``source``, the bytes of this file version, passed every check."""
    key = _cacheable(path, stat, None)  # a stamp names the checksum of its bytes already
    if key is not None:
        _write_sealed(path, key + _VALIDATED, msgspec.msgpack.encode(Validated(zlib.crc32(source), len(source))))


def _cacheable(path: Path, stat: os.stat_result, source: bytes | None) -> bytes | None:
    """The header of this file version's entry (naming ``source``'s checksum if needed), if it can be cached now."""
    key = file_key(path, stat, m.SCHEMA_VERSION)
    if key is None or not settled(stat):
        return None
    return key.header(_MAGIC, source if needs_digest(stat) else None)


def _write_sealed(path: Path, head: bytes, payload: bytes) -> None:
    mark = seal(head, payload, create=True)
    if mark is not None:
        write_private(entry_file(path, _SUFFIX), head + mark + payload)
