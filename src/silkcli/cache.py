"""A compiled (msgpack) copy of each validated dataset, in the user cache.

The key is the dataset's resolved path, size and mtime plus the package and
schema versions, so any edit or upgrade misses. Entries are written atomically
and any problem reading one (corrupt, truncated, foreign, unreadable, missing
directory) is a silent miss: the caller parses the source file instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import msgspec

from . import __version__
from . import model as m

_MAGIC = b"silkcli-cache\x00"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/silkcli`` (default ``~/.cache/silkcli``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "silkcli"


def enabled() -> bool:
    """False when ``SILKCLI_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("SILKCLI_NO_CACHE", "") in ("", "0")


def _entry(path: Path, stat: os.stat_result) -> tuple[Path, bytes]:
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{__version__}\0{m.SCHEMA_VERSION}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir() / f"{digest[:32]}.msgpack", _MAGIC + key.encode("utf-8", "surrogateescape") + b"\x00\x00"


def get(path: Path, stat: os.stat_result) -> m.Dataset | None:
    """The cached dataset for this exact file version, or None."""
    if not enabled():
        return None
    try:
        entry, header = _entry(path, stat)
        data = entry.read_bytes()
        if not data.startswith(header):
            return None
        return msgspec.msgpack.decode(memoryview(data)[len(header) :], type=m.Dataset, dec_hook=m.decode_hook)
    except Exception:  # noqa: BLE001 - any unusable cache entry is a miss
        return None


def put(path: Path, stat: os.stat_result, dataset: m.Dataset) -> None:
    """Store ``dataset`` for this file version; failures are ignored."""
    if not enabled():
        return
    try:
        entry, header = _entry(path, stat)
        entry.parent.mkdir(parents=True, exist_ok=True)
        payload = header + msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        return
