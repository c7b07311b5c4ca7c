"""Compiled datasets and JSON stamps in the user cache, one entry per dataset file.

Each dataset path has one entry (``keys.entry_file``). It starts with the
file's :class:`~.keys.Key`, so any edit or upgrade misses, then the entry's
kind and a check of the payload:

- ``M`` a small YAML dataset compiled to msgpack, with a CRC-32. It is
  decoded with every constraint of the schema, and the loader checks the
  result again as it would the source file (``verify``), so a planted entry
  can say nothing the file could not.
- ``J`` a small JSON dataset: the file is already the compiled form, so the
  entry is a stamp of the CRC-32 and size of the bytes that passed every
  check; bytes that differ are checked again.

A file larger than :data:`TRUSTED_BYTES` is compiled into SQLite instead (:mod:`.compiled`).
The rules for reading and writing entries at all (owner, permissions, size, atomic writes,
silent misses) are in :mod:`.keys`.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.cache.keys import (
    RACY_NS as RACY_NS,  # re-exported
)
from silkcli.dataset.cache.keys import entry_file, file_key, needs_digest, read_private, settled, write_private
from silkcli.dataset.paths import cache_dir as cache_dir  # re-exported

_MAGIC = b"silkcli-cache-5\x00"
_SUFFIX = ".msgpack"
_COMPILED, _VALIDATED = b"M", b"J"
#: Datasets above this size are compiled into SQLite (:mod:`.compiled`) and answer a query from its
#: indexes; small ones are held whole, checked again on each load, it is cheap.
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
) -> m.Dataset | Validated | None:
    """What the cache holds for this exact file version: its dataset, a :class:`Validated` stamp, or None.

    ``verify`` is asked about a dataset from a compiled entry; one it refuses is a miss.
    ``content`` gives the file's bytes if the entry names their checksum (default: read them).
    """
    key = file_key(path, stat, m.SCHEMA_VERSION)
    data = read_private(entry_file(path, _SUFFIX)) if key is not None else None
    if key is None or data is None:
        return None
    start = key.match(_MAGIC, data, content or path.read_bytes)
    if start is None:
        return None
    kind, body = data[start : start + 1], memoryview(data)[start + 1 :]
    try:
        if kind == _COMPILED and zlib.crc32(body[4:]).to_bytes(4, "big") == body[:4]:
            dataset: m.Dataset = msgspec.msgpack.decode(body[4:], type=m.Dataset, dec_hook=m.decode_hook)
            return dataset if verify is None or verify(dataset) else None
        if kind == _VALIDATED:
            return msgspec.msgpack.decode(body, type=Validated)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    return None


def decode_validated(source: bytes) -> m.Dataset | None:
    """The dataset in JSON ``source``, which a :class:`Validated` stamp matched; None if it will not decode."""
    try:
        dataset: m.Dataset = msgspec.json.decode(source, type=m.Dataset, dec_hook=m.decode_hook)
        return dataset
    except msgspec.DecodeError:
        return None


def put(path: Path, stat: os.stat_result, dataset: m.Dataset, *, source: bytes, json: bool = False) -> None:
    """Store what was learnt validating ``dataset`` from ``source`` (this file version's bytes, of at most
    :data:`TRUSTED_BYTES`); failures are ignored.

    A JSON file gets a stamp (:func:`put_validated`), any other its compiled dataset.
    """
    if json:
        put_validated(path, stat, source)
        return
    key = _cacheable(path, stat, source)
    if key is None:
        return
    payload = msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)
    write_private(entry_file(path, _SUFFIX), key + _COMPILED + zlib.crc32(payload).to_bytes(4, "big") + payload)


def put_validated(path: Path, stat: os.stat_result, source: bytes) -> None:
    """Record that JSON ``source``, the bytes of this file version, passed every check."""
    key = _cacheable(path, stat, None)  # a stamp names the checksum of its bytes already
    if key is not None:
        stamp = msgspec.msgpack.encode(Validated(zlib.crc32(source), len(source)))
        write_private(entry_file(path, _SUFFIX), key + _VALIDATED + stamp)


def _cacheable(path: Path, stat: os.stat_result, source: bytes | None) -> bytes | None:
    """The header of this file version's entry (naming ``source``'s checksum if needed), if it can be cached now."""
    key = file_key(path, stat, m.SCHEMA_VERSION)
    if key is None or not settled(stat):
        return None
    return key.header(_MAGIC, source if needs_digest(stat) else None)
