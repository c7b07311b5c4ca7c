"""Writing files whole or not at all: the one atomic writer every part of silkcli uses.

A regular file (or a new one) is written to a temporary file in the same
folder and renamed over the target, so a reader never sees half of it and an
error, Ctrl-C, SIGTERM or SIGHUP leaves the old file as it was and no
temporary file behind. An existing file keeps its permission bits; a new one
gets ``mode`` less the umask. Anything that is not a regular file (a FIFO, a
terminal, ``/dev/stdout``) is written straight into, never replaced.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

#: What a file is written from: bytes, or a view of them.
Buffer = bytes | bytearray | memoryview


def atomic_write(path: Path, data: Buffer | Sequence[Buffer], *, mode: int = 0o666, follow: bool = True) -> None:
    """Replace ``path`` with ``data`` entirely or not at all; raises OSError (IsADirectoryError for a folder).

    ``data`` is the bytes, or a list of parts written one after the other (a large cache
    entry is never joined into one copy).

    A symbolic link stays a link: the file it points at is the one replaced. With
    ``follow=False`` (the cache's own files) the name itself is replaced, whatever
    it is now: nothing is ever followed or written into.
    """
    if follow:
        path = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(21, "it is a directory", str(path))
    if follow and existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as handle:  # a device or pipe: its reader takes the bytes as they come
            _write(handle, data)
        return
    import tempfile  # noqa: PLC0415 - 2 ms of every start-up (it imports random); only writers need it

    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, data)
        keep = follow and existing is not None
        os.chmod(tmp, stat.S_IMODE(existing.st_mode) if keep and existing is not None else mode & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


def _write(handle: BinaryIO, data: Buffer | Sequence[Buffer]) -> None:
    if isinstance(data, bytes | bytearray | memoryview):
        handle.write(data)
    else:
        handle.writelines(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
