"""Every writer keeps the output-file rules: modes, links, FIFOs, pipes behind links, whole folders."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TINY, run_cli
from silkcli.errors import Interrupted
from silkcli.publish import datapackage, datasette
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


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


class _StopsAfter(dict[str, str]):
    """The files of a package, whose iteration ends with ``error`` after ``count`` of them (as a signal would)."""

    def __init__(self, files: dict[str, str], count: int, error: BaseException) -> None:
        super().__init__(files)
        self._count, self._error = count, error

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        for number, item in enumerate(super().items()):
            if number == self._count:
                raise self._error
            yield item


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_datapackage_stopped_midway_leaves_the_old_folder_whole(
    signum: int, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal after 10 of the new files leaves every old file as it was and no temporary file, exit 128+N."""
    folder = tmp_path / "package"
    assert run_cli("--data", str(TINY), "export", "-f", "datapackage", "-o", str(folder)).exit_code == 0
    before = _snapshot(folder)
    real = datapackage.files
    monkeypatch.setattr(datapackage, "files", lambda ds: _StopsAfter(real(ds), 10, Interrupted(signum)))
    result = run_cli("export", "-f", "datapackage", "-o", str(folder))  # the bundled dataset: other bytes
    assert (result.exit_code, result.stderr) == (code, "interrupted\n")
    assert _snapshot(folder) == before


def test_datasette_that_fails_on_its_metadata_keeps_the_old_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while metadata.json is written leaves the old database and metadata together, exit 4."""
    folder = tmp_path / "site"
    assert run_cli("--data", str(TINY), "export", "-f", "datasette", "-o", str(folder)).exit_code == 0
    before = _snapshot(folder)

    def full(ds: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(datasette, "metadata_json", full)
    result = run_cli("export", "-f", "datasette", "-o", str(folder))
    assert (result.exit_code, result.stderr) == (4, f"error: cannot write into {folder}: No space left on device\n")
    assert _snapshot(folder) == before


def test_datasette_hint_quotes_the_folder_as_one_shell_word(tmp_path: Path) -> None:
    """The 'serve it with' hint quotes the folder for the shell, and a line break in it stays on its line."""
    folder = tmp_path / "my site\nx"
    result = run_cli("--data", str(TINY), "export", "-f", "datasette", "-o", str(folder))
    assert result.exit_code == 0
    assert result.stderr == f"serve it with: datasette serve '{folder}'\n".replace("\nx", "\\nx")
