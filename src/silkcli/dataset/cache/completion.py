"""Completion values kept in the user cache, so pressing TAB reads one small file.

Completing ``--sector <TAB>`` from the compiled dataset cache imports msgspec
and the model and decodes the whole dataset: ~14 ms of an ~85 ms run. Each
completer's values are written, after the first full load, to
``$XDG_CACHE_HOME/silkcli/NAME.COMPLETER.json`` under the same key as the
dataset cache (:func:`.keys.file_key`), so an edited file or an upgrade
misses, and read and written by the same rules (:mod:`.keys`). Any problem
reading or writing one is a silent miss.
"""

from __future__ import annotations

import json
from pathlib import Path

from silkcli.dataset.cache.keys import Key, entry_file, file_key, needs_digest, read_private, settled, write_private


def _key_text(key: Key, content: bytes | None) -> str:
    return key.header(b"", content).decode("utf-8", "surrogateescape")


def get(path: Path, completer: str) -> list[tuple[str, str]] | None:
    """The values ``completer`` offered for this exact version of ``path``, or None."""
    try:
        key = file_key(path, path.stat())
        data = read_private(entry_file(path, f".{completer}.json")) if key is not None else None
        if key is None or data is None:
            return None
        saved = json.loads(data)
        if saved["key"] != _key_text(key, path.read_bytes() if saved.get("digest") else None):
            return None
        return [(str(value), str(help_text)) for value, help_text in saved["values"]]
    except (OSError, ValueError, TypeError, KeyError):  # any unusable entry is a miss
        return None


def put(path: Path, completer: str, values: list[tuple[str, str]]) -> None:
    """Keep ``values`` for this version of ``path``; failures are ignored."""
    try:
        stat = path.stat()
    except OSError:
        return
    key = file_key(path, stat)
    if key is not None and settled(stat):
        digest = needs_digest(stat)
        content = path.read_bytes() if digest else None
        saved = {"key": _key_text(key, content), "digest": digest, "values": values}
        data = json.dumps(saved, ensure_ascii=False)
        write_private(entry_file(path, f".{completer}.json"), data.encode("utf-8", "surrogateescape"))
