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
import signal
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            _write(handle, data)

    if follow:
        found = target_status(path)
        if found is not None and not stat.S_ISREG(found.st_mode):
            with open(path, "wb") as handle:  # a device or pipe: its reader takes the bytes as they come
                _write(handle, data)
            return
        atomic_build(path, fill, mode=mode)
        return
    try:
        existing: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(21, "it is a directory", str(path))
    _replace(path, fill, mode=mode & ~umask())


def target_status(path: Path) -> os.stat_result | None:
    """What ``path`` leads to now, links followed (None: nothing yet); IsADirectoryError for a folder."""
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(21, "it is a directory", str(path))
    return existing


def atomic_build(path: Path, fill: Callable[[Path], None], *, mode: int = 0o666) -> None:
    """Make ``path`` what ``fill`` writes into the file it is given, whole or not at all.

    A regular file (or a new one) is built under a temporary name beside the file a
    link leads to, then renamed over it: it keeps its permission bits, a new one gets
    ``mode`` less the umask, and the link stays a link. Anything else a name leads to
    (a FIFO, a terminal, a pipe through ``/proc/self/fd/1``) is written straight into
    once the content is complete, and never replaced.
    """
    existing = target_status(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _build_then_copy(path, fill)
        return
    real = Path(os.path.realpath(path))
    _replace(real, fill, mode=stat.S_IMODE(existing.st_mode) if existing is not None else mode & ~umask())


def temporary_file(folder: Path | None, name: str) -> str:
    """A new empty file named after ``name`` in ``folder`` (None: the system's).

    Call it inside :func:`held_signals` and keep the name before the block ends: a signal
    that came between the file's making and the caller's knowing its name would leave it behind.
    """
    import tempfile  # noqa: PLC0415 - 2 ms of every start-up (it imports random); only writers need it

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    return tmp


#: The signals that end a run (see ``cli.app``), held back while a temporary file is made or files are renamed.
ENDING_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

#: How many :func:`held_signals` blocks are running, and the ending signals that came meanwhile.
_held = 0
_came: list[int] = []


def came_while_held(signum: int) -> bool:
    """Keep ``signum`` for the end of the :func:`held_signals` block running now (False: none runs).

    The program's signal handler asks this first. The mask alone does not hold a signal back
    when the process has another thread (a library's): the kernel hands the signal to that
    thread, and Python still runs the handler in this one, in the middle of the block.
    """
    if _held:
        _came.append(signum)
    return bool(_held)


@contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the block; one that came is acted on as it ends."""
    global _held
    _held += 1
    held: set[int] | None = None
    try:
        if hasattr(signal, "pthread_sigmask"):
            held = signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)
        yield
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # one this thread held comes now: it is kept
        _held -= 1
        if not _held and _came:
            signum = _came[0]
            _came.clear()
            signal.raise_signal(signum)  # one the handler kept: acted on now, by the handler now in place


def _replace(path: Path, fill: Callable[[Path], None], *, mode: int) -> None:
    """Build ``path`` under a temporary name in its folder with ``fill``, give it ``mode``, rename it over."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp = ""
    try:
        with held_signals():
            tmp = temporary_file(folder, path.name)
        fill(Path(tmp))
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if tmp:
            _discard(tmp)
        raise


def _build_then_copy(path: Path, fill: Callable[[Path], None]) -> None:
    """Build the content in a temporary file of its own, then write it into ``path`` (a device or pipe)."""
    import shutil  # noqa: PLC0415 - start-up: only writers need it

    tmp = ""
    try:
        with held_signals():
            tmp = temporary_file(None, "silkcli")
        fill(Path(tmp))
        with open(tmp, "rb") as source, open(path, "wb") as target:  # its reader takes the bytes as they come
            shutil.copyfileobj(source, target, 1 << 20)
    finally:
        if tmp:
            _discard(tmp)


def _write(handle: BinaryIO, data: Buffer | Sequence[Buffer]) -> None:
    if isinstance(data, bytes | bytearray | memoryview):
        handle.write(data)
    else:
        handle.writelines(data)


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
