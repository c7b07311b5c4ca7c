"""Writing payloads: stdout that survives a closed pipe, and atomic files."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from silkcli.errors import OutputError, PipeClosed
from silkcli.files import atomic_write

#: How much output :func:`emit_all` gathers before it writes.
_BLOCK = 1 << 16


def emit(text: str, *, for_person: bool = False) -> None:
    """Write ``text`` to stdout (see :func:`emit_all`)."""
    emit_all((text,), for_person=for_person)


def emit_all(chunks: Iterable[str], *, for_person: bool = False) -> None:
    """Write ``chunks`` to stdout in blocks of about 64 KiB as they come, then flush.

    A chunk is often one row: writing each alone would cost a system call a
    row when stdout is unbuffered (``PYTHONUNBUFFERED``) or flushed. Blocks
    still leave as they fill, so output streams.

    Data always leaves as UTF-8, whatever encoding stdout was given; text
    ``for_person`` (tables, the terminal brief) is shown in the terminal's
    encoding, with what it cannot show replaced and one note saying so. A
    closed pipe raises :class:`PipeClosed`; any other failure to write is an
    :class:`OutputError` (exit 4).
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (``>&-``)
        raise OutputError("cannot write the output: standard output is closed")
    pending: list[str] = []
    size = 0
    try:
        write = _writer(stream, for_person=for_person)
        for chunk in chunks:
            pending.append(chunk)
            size += len(chunk)
            if size >= _BLOCK:
                write("".join(pending))
                pending.clear()
                size = 0
        write("".join(pending))
        stream.flush()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def _writer(stream: TextIO, *, for_person: bool) -> Callable[[str], object]:
    """How to write text to ``stream``: as it is when it takes UTF-8, else as UTF-8 bytes or with replacements."""
    encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    if encoding == "utf-8":
        return stream.write
    if not for_person and hasattr(stream, "buffer"):
        stream.flush()
        return lambda text: stream.buffer.write(text.encode("utf-8"))
    warned: list[bool] = []

    def replacing(text: str) -> None:
        shown = text.encode(encoding, "replace").decode(encoding)
        if shown != text and not warned:
            warned.append(True)
            note(f"note: this terminal's encoding ({encoding}) cannot show some characters; they are shown as '?'")
        stream.write(shown)

    return replacing


def note(text: str) -> None:
    """A hint or count for people, on stderr (nothing if stderr is closed); never fails."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except UnicodeEncodeError:
        encoding = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
        note(text.encode(encoding, "backslashreplace").decode(encoding))
    except (OSError, ValueError):
        pass


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` (``-o``, ``--export``) entirely or not at all; OutputError if it cannot be."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        atomic_write(path, payload)
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        raise OutputError(f"cannot write {path}: directory {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
