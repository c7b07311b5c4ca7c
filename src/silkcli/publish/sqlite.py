"""The dataset as one SQLite database: typed tables, foreign keys, indexes, full-text indexes and views.

The SQL is :mod:`silkcli.dataset.tables.schema`'s, the one the cache of a large file holds too.

The file is built under a temporary name in the target's folder and renamed
over it, so a reader never sees half a database. The same dataset gives the
same bytes: the tables, rows, indexes and views are written in one fixed
order into a fresh file with a fixed page size and no journal.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from silkcli.dataset import model as m
from silkcli.dataset.tables.rows import tables
from silkcli.dataset.tables.schema import SQLITE_MAGIC, fill
from silkcli.errors import OutputError


def check_target(path: Path) -> None:
    """Refuse to replace a directory or a file that is not a SQLite database."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise OutputError(f"{path} exists and is not a SQLite database: not overwriting it (remove it or pick a name)")


def write_sqlite(ds: m.Dataset, path: Path) -> None:
    """Write the dataset as a SQLite database at ``path``, atomically."""
    check_target(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        fill(sqlite3.connect(tmp, isolation_level=None), tables(ds))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        _discard(tmp)
        raise OutputError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
