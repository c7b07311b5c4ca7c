"""The bundled dataset, validated and compiled when the wheel is built.

So that the very first run after installing reads no YAML (PyYAML's import
and the parse cost more than the rest of a query), the wheel build
(``hatch_build.py``) loads ``partnership.yaml`` through the full checks and
writes it as msgpack beside it. The compiled copy names the size and CRC-32
of the YAML it came from and the package and schema versions; it is used only
for the packaged dataset, only when all of those match, and any problem
reading it means the YAML is parsed as usual.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import msgspec

from silkcli import __version__
from silkcli.dataset import model as m

SUFFIX = ".msgpack"
_MAGIC = b"silkcli-compiled\x00"


def _header(source: bytes) -> bytes:
    key = f"{__version__}\0{m.SCHEMA_VERSION}\0{len(source)}\0{zlib.crc32(source):08x}"
    return _MAGIC + key.encode() + b"\0\0"


def compiled_path(source: Path) -> Path:
    """Where the compiled copy of ``source`` is kept."""
    return source.with_suffix(SUFFIX)


def to_bytes(source: bytes, dataset: m.Dataset) -> bytes:
    """The compiled form of ``dataset``, validated from ``source``."""
    return _header(source) + msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)


def read(source_path: Path, source: bytes) -> m.Dataset | None:
    """The compiled copy of ``source`` (the bytes of ``source_path``), or None if missing or stale."""
    try:
        data = compiled_path(source_path).read_bytes()
        header = _header(source)
        if not data.startswith(header):
            return None
        dataset: m.Dataset = msgspec.msgpack.decode(
            memoryview(data)[len(header) :], type=m.Dataset, dec_hook=m.decode_hook
        )
        return dataset
    except Exception:  # noqa: BLE001 - any unusable copy is a miss: the YAML is parsed instead
        return None
