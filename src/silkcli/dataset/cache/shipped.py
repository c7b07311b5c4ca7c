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

from pathlib import Path

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.cache.keys import source_key

SUFFIX = ".msgpack"
_MAGIC = b"silkcli-compiled\x00"


def compiled_path(source: Path) -> Path:
    """Where the compiled copy of ``source`` is kept."""
    return source.with_suffix(SUFFIX)


def to_bytes(source: bytes, dataset: m.Dataset) -> bytes:
    """The compiled form of ``dataset``, validated from ``source``."""
    return source_key(source, m.SCHEMA_VERSION).header(_MAGIC) + msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)


def read(source_path: Path, source: bytes) -> m.Dataset | None:
    """The compiled copy of ``source`` (the bytes of ``source_path``), or None if missing or stale."""
    header = source_key(source, m.SCHEMA_VERSION).header(_MAGIC)
    try:
        data = compiled_path(source_path).read_bytes()
        if not data.startswith(header):
            return None
        dataset: m.Dataset = msgspec.msgpack.decode(
            memoryview(data)[len(header) :], type=m.Dataset, dec_hook=m.checked_decode_hook
        )
        return dataset
    except (OSError, msgspec.DecodeError, ValueError, TypeError):  # any unusable copy is a miss: the YAML is parsed
        return None
