"""What every cache entry shares: its key, where it lives, and the rules for trusting it.

One :class:`Key` names the exact version of the file an entry is about (the
resolved path, size, mtime, ctime, inode and device, and the package and
schema versions), so an edit or an upgrade misses. An entry is read only if
it is a regular file owned by this user, of bounded size, in a cache folder
owned by this user that nobody else can write (the reasoning of OpenSSH and
of Python's own caches); anything else is ignored silently. Entries are
written with :func:`silkcli.files.atomic_write` (mode 0600), so concurrent
writers never leave a broken one. No entry is sealed: a key kept beside the
entries would prove nothing that the owner and permission checks do not.
"""

from __future__ import annotations

import os
import stat as stat_
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from silkcli import __version__
from silkcli.dataset.paths import cache_dir, cache_enabled
from silkcli.files import Buffer, atomic_write
from silkcli.plain import Plain

#: A file modified (or whose inode changed) this recently may change again within the same
#: timestamp tick without its key changing, so it is not cached yet.
RACY_NS = 2_000_000_000
#: Entries larger than this are never read (the compiled form of a YAML file at the default
#: 768 MiB dataset limit is smaller; a larger file, allowed by --max-size, is simply not cached).
ENTRY_LIMIT = 1024 * 1024 * 1024


class Key(Plain):
    """What an entry must name to be about this version of this file, under this program.

    An entry written while the file's ctime was too recent to tell a later edit in the
    same timestamp tick also names a checksum of the file's bytes (:func:`needs_digest`).
    """

    parts: tuple[str, ...]

    def header(self, magic: bytes, content: bytes | None = None) -> bytes:
        """The bytes a matching entry starts with (naming ``content``'s checksum if given)."""
        digest = b"" if content is None else f"\0crc32:{zlib.crc32(content):08x}".encode()
        return magic + "\0".join(self.parts).encode("utf-8", "surrogateescape") + digest + b"\0\0"

    def match(self, magic: bytes, data: bytes, content: Callable[[], bytes]) -> int | None:
        """Where the payload of entry ``data`` starts if the entry is about this version; else None.

        ``content`` gives the file's bytes, read only for an entry that names their checksum.
        """
        plain = self.header(magic)
        if data.startswith(plain):
            return len(plain)
        if not data.startswith(plain[:-2] + b"\0crc32:"):
            return None
        try:
            digested = self.header(magic, content())
        except OSError:
            return None
        return len(digested) if data.startswith(digested) else None


def file_key(path: Path, stat: os.stat_result, *versions: str) -> Key | None:
    """The key of this version of ``path`` under this program (and ``versions``, such as the schema's).

    None when the file cannot be cached: not a regular file, or the cache is off.
    """
    if not cache_enabled() or not stat_.S_ISREG(stat.st_mode):
        return None
    numbers = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
    return Key((str(path.resolve()), *map(str, numbers), __version__, *versions))


def source_key(source: bytes, *versions: str) -> Key:
    """The key of a file's bytes, wherever they are (the compiled copy shipped in the wheel)."""
    return Key((__version__, *versions, str(len(source)), f"{zlib.crc32(source):08x}"))


def settled(stat: os.stat_result) -> bool:
    """Whether the file's content has been left alone long enough to be worth caching."""
    return time.time_ns() - stat.st_mtime_ns >= RACY_NS


def needs_digest(stat: os.stat_result) -> bool:
    """Whether the file's ctime is so recent that an edit in the same tick could keep the whole key.

    On a filesystem with 1-second timestamps, an edit that keeps the size and restores the
    mtime changes the ctime only if it falls in another second; such an entry names the
    checksum of the file's bytes too.
    """
    return time.time_ns() - stat.st_ctime_ns < RACY_NS


def entry_file(path: Path, suffix: str) -> Path:
    """Where ``path``'s entry of this kind lives (named by two checksums of the resolved path)."""
    # Two checksums, not hashlib: importing it loads OpenSSL (~3 ms of every run). A name
    # shared by two paths is only a miss, since the key holds the whole path.
    resolved = str(path.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / f"{zlib.crc32(resolved):08x}{zlib.adler32(resolved):08x}{suffix}"


def private(info: os.stat_result, *, folder: bool) -> bool:
    """Whether a cache file (or, with ``folder``, the cache folder) can only have been written by this user."""
    kind_ok = stat_.S_ISDIR(info.st_mode) if folder else stat_.S_ISREG(info.st_mode)
    writable_by_others = info.st_mode & (stat_.S_IWGRP | stat_.S_IWOTH)
    return kind_ok and info.st_uid == os.geteuid() and not (folder and writable_by_others)


def _open_private(file: Path, limit: int | None) -> tuple[int, int] | None:
    """An open descriptor of a cache file only this user can have written, and its size; None otherwise."""
    limit = ENTRY_LIMIT if limit is None else limit
    try:
        if not private(os.lstat(file.parent), folder=True):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(file, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if not private(info, folder=False) or info.st_size > limit:
        os.close(fd)
        return None
    return fd, info.st_size


def read_private(file: Path, *, limit: int | None = None) -> bytes | None:
    """The bytes of a cache file that only this user can have written (at most ``limit``, else
    :data:`ENTRY_LIMIT`); None for anything else."""
    opened = _open_private(file, limit)
    if opened is None:
        return None
    fd, size = opened
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(size + 1)
        return data if len(data) == size else None
    except OSError:
        return None
    finally:
        os.close(fd)


def write_private(file: Path, data: Buffer | Sequence[Buffer]) -> None:
    """Write a cache file readable by this user only; any failure leaves the cache as it was."""
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if private(os.lstat(file.parent), folder=True):
            atomic_write(file, data, mode=0o600, follow=False)
    except OSError:
        return
