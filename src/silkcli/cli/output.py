"""Writing payloads: stdout that survives a closed pipe, and atomic files."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from silkcli.errors import OutputError, PipeClosed, visible
from silkcli.files import atomic_write

#: How much output :func:`emit_all` gathers before it writes.
_BLOCK = 1 << 16


def emit(text: str) -> None:
    """Write ``text`` to stdout; a closed pipe raises :class:`PipeClosed`."""
    emit_all((text,))


def emit_all(chunks: Iterable[str]) -> None:
    """Write ``chunks`` to stdout in blocks of about 64 KiB as they come, then flush.

    A chunk is often one row: writing each alone would cost a system call a
    row when stdout is unbuffered (``PYTHONUNBUFFERED``) or flushed. Blocks
    still leave as they fill, so output streams.
    """
    pending: list[str] = []
    size = 0
    try:
        write = sys.stdout.write
        for chunk in chunks:
            pending.append(chunk)
            size += len(chunk)
            if size >= _BLOCK:
                write("".join(pending))
                pending.clear()
                size = 0
        write("".join(pending))
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None


def note(text: str) -> None:
    """A hint or count for people, on stderr."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` (``-o``, ``--export``) entirely or not at all; OutputError if it cannot be."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        atomic_write(path, payload)
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        raise OutputError(
            f"cannot write {visible(str(path))}: directory {visible(str(folder))} does not exist"
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot write {visible(str(path))}: {exc.strerror}") from None
