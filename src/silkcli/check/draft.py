"""A text to check, from the command line, standard input or a file, refused when it is no text at all.

Each refusal is one line and a usage error (exit 2): a binary file (a NUL
byte), bytes that are not UTF-8, more than :data:`MAX_BYTES`, nothing but
white space. A file must be ``.txt`` or ``.md`` (a Markdown draft).
"""

from __future__ import annotations

import sys
from pathlib import Path

from silkcli.errors import UsageError

#: The largest text ``check`` reads: about 150,000 words, far more than a long draft.
MAX_BYTES = 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown")


def decode(data: bytes, name: str) -> str:
    """``data`` as text, or the one-line reason it is not a text to check."""
    if len(data) > MAX_BYTES:
        raise UsageError(f"{name}: over the limit of {MAX_BYTES:,} bytes for a text to check")
    if b"\0" in data:
        raise UsageError(f"{name}: a binary file, not UTF-8 text or Markdown")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise UsageError(f"{name}: the text is empty: nothing to check")
    return text


def names_file(args: list[str]) -> Path | None:
    """The file ``check ARG`` names: one argument, no white space, ending in .txt or .md or naming a file."""
    if len(args) != 1 or not args[0] or any(ch.isspace() for ch in args[0]) or args[0] == "-":
        return None
    path = Path(args[0])
    if path.suffix.lower() in SUFFIXES:
        return path
    if path.exists():
        raise UsageError(f"{args[0]}: only .txt and .md files can be checked", hint="or pass the text itself")
    return None


def read_file(path: Path) -> str:
    """The text of a .txt or .md file (refused as :func:`decode` says)."""
    try:
        if path.is_dir():
            raise UsageError(f"{path}: a folder, not a file")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(data, str(path))


def read_stdin(*, asked: bool) -> bytes:
    """Standard input's bytes (up to one more than the limit); a usage error when it is closed, or when
    it is a terminal and ``-`` was not given (``silkcli check`` alone would otherwise wait for typing)."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise UsageError("standard input is closed: give the text, a .txt or .md file, or '-' with a pipe")
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive and not asked:
        raise UsageError("nothing to check: give the text, a .txt or .md file, or '-' to read standard input")
    try:
        return stream.buffer.read(MAX_BYTES + 1)
    except (AttributeError, OSError) as exc:
        raise UsageError(f"cannot read standard input: {exc}") from None
