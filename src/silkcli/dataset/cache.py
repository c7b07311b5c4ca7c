"""What was learnt by validating each dataset file, kept in the user cache.

Each dataset path has one entry, named by a hash of the path. Its header
holds the key: the resolved path, the file's size, mtime, ctime, inode and
device, and the package and schema versions, so any edit or upgrade misses;
then the entry's kind and a CRC-32 of the payload, so a corrupt entry misses
rather than answering wrongly. For a YAML file the payload is the validated
dataset compiled to msgpack. A JSON file is already in a compiled form (the
schema's own JSON), so its entry records only that the file passed every
check, with the CRC-32 of its bytes: a later load whose bytes have that CRC
decodes them without checking again, and one whose bytes differ checks them.

Entries are written to a temporary file and renamed into place, so
concurrent writers never leave a broken entry, and any problem reading one
(corrupt, truncated, foreign, unreadable, missing directory) is a silent miss:
the caller parses the source file instead.
"""

from __future__ import annotations

import os
import stat as stat_
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from silkcli import __version__
from silkcli.dataset import model as m
from silkcli.dataset.paths import cache_dir
from silkcli.dataset.paths import cache_enabled as enabled

_MAGIC = b"silkcli-cache-2\x00"
_COMPILED = b"M"  # payload: the dataset as msgpack
_VALIDATED = b"J"  # payload: CRC-32 and size of a JSON file that passed every check
#: Entries above this size decode without re-checking the schema's constraints
#: (half the load time of a large dataset); small ones are checked, it is cheap.
TRUSTED_BYTES = 1 << 20
#: A file modified this recently may be modified again within the same
#: timestamp tick without its key changing, so it is not cached yet.
RACY_NS = 2_000_000_000


def _entry(path: Path, stat: os.stat_result) -> tuple[Path, bytes]:
    """The entry's file and the header that a fresh entry starts with."""
    resolved = str(path.resolve()).encode("utf-8", "surrogateescape")
    version = f"{__version__}\0{m.SCHEMA_VERSION}".encode()
    numbers = f"{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\0{stat.st_dev}".encode()
    # Two checksums, not hashlib: importing it loads OpenSSL (~3 ms of every run). A name
    # shared by two paths is only a miss, since the header holds the whole path.
    name = f"{zlib.crc32(resolved):08x}{zlib.adler32(resolved):08x}"
    return cache_dir() / f"{name}.msgpack", _MAGIC + b"\0".join([resolved, numbers, version]) + b"\0\0"


def _usable(stat: os.stat_result) -> bool:
    """Only regular files have a size and mtime that say what they hold."""
    return enabled() and stat_.S_ISREG(stat.st_mode)


class Validated(msgspec.Struct, frozen=True):
    """A JSON dataset file that passed every check, as it was then."""

    crc: int
    size: int

    def matches(self, source: bytes) -> bool:
        """Whether ``source`` holds the bytes that were checked."""
        return len(source) == self.size and zlib.crc32(source) == self.crc


def get(path: Path, stat: os.stat_result) -> m.Dataset | Validated | None:
    """What the cache holds for this exact file version: its dataset, a :class:`Validated` stamp, or None."""
    if not _usable(stat):
        return None
    try:
        entry, header = _entry(path, stat)
        data = memoryview(entry.read_bytes())
        if data[: len(header)] != header:
            return None
        kind, checksum, payload = (
            data[len(header) : len(header) + 1],
            data[len(header) + 1 : len(header) + 5],
            data[len(header) + 5 :],
        )
        if zlib.crc32(payload).to_bytes(4, "big") != checksum:
            return None
        if kind == _VALIDATED:
            return msgspec.msgpack.decode(payload, type=Validated)
        if kind != _COMPILED:
            return None
        dataset: m.Dataset = msgspec.msgpack.decode(payload, type=_schema(len(payload)), dec_hook=m.decode_hook)
        return dataset
    except Exception:  # noqa: BLE001 - any unusable cache entry is a miss
        return None


def decode_validated(source: bytes) -> m.Dataset | None:
    """The dataset in JSON ``source``, which a :class:`Validated` stamp matched; None if it will not decode."""
    try:
        dataset: m.Dataset = msgspec.json.decode(source, type=_schema(len(source)), dec_hook=m.decode_hook)
        return dataset
    except msgspec.DecodeError:
        return None


def _schema(size: int) -> type[m.Dataset]:
    """The model to decode validated data with: large data skips re-checking what was checked."""
    if size <= TRUSTED_BYTES:  # small: checking again is cheap
        return m.Dataset
    from silkcli.dataset.trusted import unchecked

    return unchecked(m.Dataset)


def put(path: Path, stat: os.stat_result, dataset: m.Dataset) -> None:
    """Store the compiled ``dataset`` for this file version; failures are ignored."""
    _write(path, stat, _COMPILED, lambda: msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook))


def put_validated(path: Path, stat: os.stat_result, source: bytes) -> None:
    """Record that JSON ``source``, the bytes of this file version, passed every check."""
    _write(path, stat, _VALIDATED, lambda: msgspec.msgpack.encode(Validated(zlib.crc32(source), len(source))))


def _write(path: Path, stat: os.stat_result, kind: bytes, payload_of: Callable[[], bytes]) -> None:
    if not _usable(stat) or time.time_ns() - stat.st_mtime_ns < RACY_NS:
        return
    try:
        entry, header = _entry(path, stat)
        payload = payload_of()
        entry.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing: it imports random

        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + kind + zlib.crc32(payload).to_bytes(4, "big"))
                handle.write(payload)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        return
