"""Writing payloads: stdout that survives a closed pipe, and atomic files."""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from silkcli.cli import state
from silkcli.errors import OutputError, PipeClosed, UsageError
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
    """An error, hint or count for people, on stderr, as one line (scripts read an error's one line); nothing if
    stderr is closed; never fails. Notes about an answer go through :func:`notes`, which wraps them."""
    _write(text)


#: Notes print at most this many lines unless --verbose asks for all of them.
NOTE_LINES = 2


def notes(texts: Sequence[str], *, width: int | None = None) -> None:
    """Notes on stderr, each wrapped to ``width``: at most :data:`NOTE_LINES` lines of them, the last of
    which then says how many more ``--verbose`` prints; all of them with ``--verbose``."""
    room = width or note_width()
    wrapped = [wrap_note(text, room) for text in texts]
    lines = [line for block in wrapped for line in block]
    if len(lines) <= NOTE_LINES or state.verbose():
        for line in lines:
            _write(line)
        return
    whole = len(wrapped[0]) == 1
    first = wrapped[0][0] if whole else _cut(wrapped[0][0], room)
    more = len(texts) - 1 if whole else len(texts)
    if len(texts) == 1:
        tail = "note: --verbose prints the whole note"
    elif whole:
        tail = f"note: {more} more {'note' if more == 1 else 'notes'}; --verbose prints them"
    else:
        tail = f"note: {more} notes in all; --verbose prints them"
    _write("\n".join([first, *wrap_note(tail, room)]))


def wrap_note(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells broken between words, the lines after the first indented."""
    from silkcli.formats.display import cell_width, wrap_cells  # noqa: PLC0415 - start-up: most notes fit a line

    lines = text.split("\n")
    if all(len(line) <= width and cell_width(line) <= width for line in lines):
        return lines
    return [part for line in lines for part in (wrap_cells(line, width, rest="  ") or [""])]


def _cut(line: str, width: int) -> str:
    """A note's first line, marked with … as continued (the last word gives way if the line is full)."""
    return line + " …" if len(line) + 2 <= width else line.rsplit(" ", 1)[0] + " …"


def note_width() -> int:
    """The width notes wrap at: COLUMNS, else the terminal's (80 when neither says)."""
    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) >= MIN_NOTE_WIDTH:
        return int(given)
    return max(MIN_NOTE_WIDTH, shutil.get_terminal_size((80, 24)).columns)


#: Notes never wrap narrower than this (the narrowest terminal silkcli draws for).
MIN_NOTE_WIDTH = 40


def _write(text: str) -> None:
    """``text`` and a newline on stderr (nothing if stderr is closed); never fails."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except UnicodeEncodeError:
        encoding = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
        _write(text.encode(encoding, "backslashreplace").decode(encoding))
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


class _FileFormat(Protocol):
    @property
    def value(self) -> str: ...  # noqa: D102 - the format's name, as -f takes it

    @property
    def suffixes(self) -> tuple[str, ...]: ...  # noqa: D102 - the file name endings it is written with


F = TypeVar("F", bound=_FileFormat)


def file_format(path: Path, given: F | None, choices: tuple[F, ...], *, option: str = "-o") -> F:
    """The format to write ``path`` in: ``given`` (-f), else the one its suffix names; a usage error otherwise.

    A suffix that names another format than ``given`` (``-f json -o x.csv``) is refused, as is any suffix
    without -f that names none (``-o brief.pdf`` says how to make a PDF).
    """
    suffix = path.suffix.lower()
    named = next((fmt for fmt in choices if suffix in fmt.suffixes), None)
    if suffix == ".pdf":
        raise UsageError(
            f"{option} {path}: silkcli does not write PDF",
            hint="write HTML instead (-f html -o NAME.html) and print it to PDF from a browser",
        )
    if given is not None:
        if named is not None and named is not given:
            raise UsageError(
                f"{option} {path}: a {suffix} name is -f {named.value}, but -f {given.value} was given",
                hint=f"name the file with {given.suffixes[0] if given.suffixes else 'another suffix'} or leave out -f",
            )
        return given
    if named is None:
        endings = ", ".join(fmt.suffixes[0] for fmt in choices if fmt.suffixes)
        raise UsageError(
            f"{option} {path}: cannot tell the format from the name", hint=f"use a name ending in {endings}, or -f"
        )
    return named
