"""Completion values kept in the user cache, so pressing TAB reads one small file.

Completing ``--sector <TAB>`` from the compiled dataset cache imports msgspec
and the model and decodes the whole dataset: ~14 ms of an ~85 ms run. Each
completer's values are written, after the first full load, to
``$XDG_CACHE_HOME/silkcli/NAME.COMPLETER.json`` under the same key as the
dataset cache (the resolved path, size, mtime, ctime, inode and device of the
file, and the package version), so an edited file or an upgrade misses. Any
problem reading or writing one is a silent miss.
"""

from __future__ import annotations

import os
import stat as stat_
import time
import zlib
from pathlib import Path

from silkcli import __version__
from silkcli.dataset.paths import cache_dir, cache_enabled

#: Files modified this recently may change again within one timestamp tick (as in ``cache``).
_RACY_NS = 2_000_000_000


def _key(path: Path) -> tuple[Path, str] | None:
    """The file that would hold ``path``'s values, and the key it must name."""
    if not cache_enabled():
        return None
    stat = path.stat()
    if not stat_.S_ISREG(stat.st_mode):
        return None
    resolved = str(path.resolve())
    raw = resolved.encode("utf-8", "surrogateescape")
    name = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    key = [resolved, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev, __version__]
    import json  # not on the query path: only completion reads these files

    return cache_dir() / name, json.dumps(key, ensure_ascii=True)


def get(path: Path, completer: str) -> list[tuple[str, str]] | None:
    """The values ``completer`` offered for this exact version of ``path``, or None."""
    try:
        found = _key(path)
        if found is None:
            return None
        stem, key = found
        import json

        saved = json.loads(stem.with_name(f"{stem.name}.{completer}.json").read_bytes())
        if saved["key"] != key:
            return None
        return [(str(value), str(help_text)) for value, help_text in saved["values"]]
    except Exception:  # noqa: BLE001 - any unusable entry is a miss
        return None


def put(path: Path, completer: str, values: list[tuple[str, str]]) -> None:
    """Keep ``values`` for this version of ``path``; failures are ignored."""
    try:
        found = _key(path)
        if found is None or time.time_ns() - path.stat().st_mtime_ns < _RACY_NS:
            return
        stem, key = found
        stem.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing: it imports random

        fd, tmp = tempfile.mkstemp(dir=stem.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                import json

                json.dump({"key": key, "values": values}, handle, ensure_ascii=False)
            os.replace(tmp, stem.with_name(f"{stem.name}.{completer}.json"))
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        return
