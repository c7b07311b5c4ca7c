"""The dataset as one SQLite database: typed tables, foreign keys, indexes, full-text indexes and views.

The SQL is :mod:`silkcli.dataset.tables.schema`'s, the one the cache of a large file holds too.

The file is built under a temporary name in the target's folder and renamed
over it (:func:`silkcli.files.atomic_build`), so a reader never sees half a database. The same dataset
gives the same bytes: the tables, rows, indexes and views are written in one fixed
order into a fresh file with a fixed page size and no journal.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from silkcli.dataset import model as m
from silkcli.dataset.cache.sqlite_store import SqliteStore
from silkcli.dataset.store import store_of
from silkcli.dataset.tables.rows import tables
from silkcli.dataset.tables.schema import SQLITE_MAGIC, fill
from silkcli.errors import OutputError
from silkcli.files import atomic_build, target_status


def check_target(path: Path) -> None:
    """Refuse to replace a directory or a regular file that is not a SQLite database.

    A FIFO or device is not read (its header check would wait for a writer): the database is written into it.
    """
    try:
        existing = target_status(path)
    except IsADirectoryError:
        raise OutputError(f"cannot write {path}: it is a directory") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if existing is None or not stat.S_ISREG(existing.st_mode):
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise OutputError(f"{path} exists and is not a SQLite database: not overwriting it (remove it or pick a name)")


def write_sqlite(ds: m.Dataset, path: Path) -> None:
    """Write the dataset as a SQLite database at ``path``, atomically, keeping the output-file rules.

    As every writer (:func:`silkcli.files.atomic_build`): an existing file keeps its
    permissions, a new one gets 0666 less the umask, a link stays a link, and a FIFO
    or device is written straight into once the database is complete.
    """
    check_target(path)
    try:
        atomic_build(path, lambda tmp: build(ds, tmp))
    except FileNotFoundError:
        folder = path.parent if str(path.parent) else Path(".")
        raise OutputError(f"cannot write {path}: directory {folder} does not exist") from None
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None


def build(ds: m.Dataset, path: Path) -> None:
    """Write the database into ``path``, a new empty file (a temporary one: see :func:`write_sqlite`).

    A large file's dataset answers from a compiled entry (:mod:`silkcli.dataset.cache.compiled`) that holds
    these very tables: they are copied from it in SQL (at 100,000 documents in seconds, where building the
    rows from the records took a minute)."""
    store = store_of(ds)
    if isinstance(store, SqliteStore) and store.copy_into(path):
        return
    fill(sqlite3.connect(path, isolation_level=None), tables(ds))
