"""Every writer keeps the output-file rules: modes, links, FIFOs, pipes behind links, whole folders."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from conftest import TINY, run_cli
from silkcli.publish.sqlite import SQLITE_MAGIC

_EXPORT = [sys.executable, "-m", "silkcli", "--data", str(TINY), "export"]


def _export_sqlite(path: Path) -> int:
    return run_cli("--data", str(TINY), "export", "-f", "sqlite", "-o", str(path)).exit_code


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_sqlite_keeps_an_existing_mode_and_gives_a_new_file_0666_less_the_umask(tmp_path: Path) -> None:
    """Under umask 077 a new database is 0600, and an existing 0600 one stays 0600 (both were 0644)."""
    old = os.umask(0o077)
    try:
        assert _export_sqlite(tmp_path / "new.db") == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.db").stat().st_mode) == 0o600
    (tmp_path / "new.db").chmod(0o640)
    assert _export_sqlite(tmp_path / "new.db") == 0
    assert stat.S_IMODE((tmp_path / "new.db").stat().st_mode) == 0o640


def test_sqlite_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    """-o LINK writes the database the link leads to; the link stays a link."""
    real, link = tmp_path / "real.db", tmp_path / "link.db"
    link.symlink_to(real)
    assert _export_sqlite(link) == 0
    assert link.is_symlink() and real.read_bytes().startswith(SQLITE_MAGIC)
    assert _export_sqlite(link) == 0  # again, now that the link leads to a database
    assert link.is_symlink() and "documents" in _tables(real)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db", "real.db"]


def test_sqlite_into_a_fifo_writes_the_database_into_it(tmp_path: Path) -> None:
    """-o FIFO neither waits on its header nor replaces it: the reader gets the whole database."""
    fifo, copy = tmp_path / "pipe", tmp_path / "copy.db"
    os.mkfifo(fifo)
    with copy.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            command = [*_EXPORT, "-f", "sqlite", "-o", str(fifo)]
            done = subprocess.run(command, capture_output=True, timeout=60, check=False)
            assert reader.wait(timeout=60) == 0
        finally:
            reader.kill()  # a writer that never opened the FIFO leaves cat waiting
            reader.wait()
    assert (done.returncode, done.stderr) == (0, b"")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and "documents" in _tables(copy)


def test_output_through_a_link_to_a_pipe_is_written_into_the_pipe(tmp_path: Path) -> None:
    """`ln -s /proc/self/fd/1 out; silkcli export -o out | …` writes into the pipe, not 'directory . does not exist'."""
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    json_run = subprocess.run([*_EXPORT, "-f", "json", "-o", str(link)], capture_output=True, timeout=60, check=False)
    assert (json_run.returncode, json_run.stderr) == (0, b"")
    assert json_run.stdout.decode() == run_cli("--data", str(TINY), "export", "-f", "json").stdout
    db_run = subprocess.run([*_EXPORT, "-f", "sqlite", "-o", str(link)], capture_output=True, timeout=60, check=False)
    assert (db_run.returncode, db_run.stderr) == (0, b"")
    assert db_run.stdout.startswith(SQLITE_MAGIC)
    assert link.is_symlink()
