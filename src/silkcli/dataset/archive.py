"""Reading an archived source text for the evidence check, safely.

``validate --sources DIR`` opens the files the dataset names, so a name can
lead anywhere in DIR: to a FIFO (an open or read that never returns), to a
device such as ``/dev/zero`` (a read that never ends) or to a huge file. Only
regular files are read, and at most ``limit`` bytes of them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from silkcli.errors import UsageError, visible


class ArchiveError(Exception):
    """An archive that cannot be used; the message says why, in a few words."""


def check_sources_folder(sources_dir: Path) -> None:
    """Raise a UsageError unless ``sources_dir`` (``validate --sources``) is a folder."""
    if not sources_dir.is_dir():
        why = "not a folder" if sources_dir.exists() else "no such folder"
        raise UsageError(f"--sources {visible(str(sources_dir))}: {why}")


def read_archive(path: Path, limit: int) -> str:
    """The UTF-8 text of the regular file at ``path``, of at most ``limit`` bytes."""
    try:
        _regular(os.stat(path).st_mode)  # before opening: opening some devices does things
        # O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            _regular(os.fstat(fd).st_mode)  # what was opened, whatever happened since the check
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ArchiveError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise ArchiveError(f"larger than the {limit // 2**20} MiB limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArchiveError("not UTF-8") from None


def _regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise ArchiveError("not a regular file (a folder, FIFO or device)")
