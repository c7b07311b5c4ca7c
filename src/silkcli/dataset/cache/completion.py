"""Completion values kept in the user cache, so pressing TAB reads one small file.

Completing ``--sector <TAB>`` from the compiled dataset cache imports msgspec
and the model and decodes the whole dataset: ~14 ms of an ~85 ms run. Each
completer's values are written, after the first full load, to
``$XDG_CACHE_HOME/silkcli/NAME.COMPLETER.values`` under the same key as the
dataset cache (:func:`.keys.file_key`), so an edited file or an upgrade
misses, and read and written by the same rules (:mod:`.keys`). Any problem
reading or writing one is a silent miss.

The format is this module's own, not JSON: importing ``json`` was 2-3 ms of
every completion and of ``--help`` (which lists closed values from here). An
entry is :data:`_MAGIC`, a byte saying whether the key names the file's
checksum, the key's length (4 bytes) and UTF-8 text, then each value and its
help, every one ended by a NUL (which no dataset text holds).
"""

from __future__ import annotations

from pathlib import Path

from silkcli.dataset.cache.keys import Key, entry_file, file_key, needs_digest, read_private, settled, write_private

_MAGIC = b"silkcli-complete-2\n"
_SUFFIX = ".values"


def _key_bytes(key: Key, content: bytes | None) -> bytes:
    return key.header(b"", content)


def get(path: Path, completer: str) -> list[tuple[str, str]] | None:
    """The values ``completer`` offered for this exact version of ``path``, or None."""
    try:
        key = file_key(path, path.stat())
        data = read_private(entry_file(path, f".{completer}{_SUFFIX}")) if key is not None else None
        if key is None or data is None or not data.startswith(_MAGIC):
            return None
        at = len(_MAGIC)
        digest, size = data[at : at + 1], int.from_bytes(data[at + 1 : at + 5], "big")
        saved, body = data[at + 5 : at + 5 + size], data[at + 5 + size :]
        if digest not in (b"0", b"1") or saved != _key_bytes(key, path.read_bytes() if digest == b"1" else None):
            return None
        fields = body.decode("utf-8", "surrogateescape").split("\0")
        if fields.pop() != "" or len(fields) % 2:
            return None
        return list(zip(fields[::2], fields[1::2], strict=True))
    except (OSError, ValueError):  # any unusable entry is a miss
        return None


def put(path: Path, completer: str, values: list[tuple[str, str]]) -> None:
    """Keep ``values`` for this version of ``path``; failures are ignored."""
    try:
        stat = path.stat()
    except OSError:
        return
    key = file_key(path, stat)
    if key is None or not settled(stat) or any("\0" in text for pair in values for text in pair):
        return
    digest = needs_digest(stat)
    saved = _key_bytes(key, path.read_bytes() if digest else None)
    body = "".join(f"{value}\0{help_text}\0" for value, help_text in values).encode("utf-8", "surrogateescape")
    head = _MAGIC + (b"1" if digest else b"0") + len(saved).to_bytes(4, "big")
    write_private(entry_file(path, f".{completer}{_SUFFIX}"), head + saved + body)
