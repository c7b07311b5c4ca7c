"""A SQLite entry is trusted as Python trusts its pycache; any failure reading it gives the file's answer (issue 24)."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from conftest import count_parses, run_cli
from gen_data import generate
from silkcli.dataset import load as loader
from silkcli.dataset import model as m
from silkcli.dataset.cache import compiled, keys
from silkcli.dataset.store import MemoryStore, store_of
from silkcli.dataset.tables import schema

AN_HOUR_AGO = time.time() - 3600
QUERY = ("agreements", "--sector", "mining", "-f", "json")


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A generated dataset over the size threshold, compiled into its entry."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(generate(3000, seed=4)), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    loader.load_dataset(path)
    return path


def _entry(path: Path) -> tuple[Path, Path]:
    key = keys.file_key(path, path.stat(), m.SCHEMA_VERSION)
    assert key is not None
    return compiled.entry_files(path, key)


def _restamp(path: Path) -> None:
    """Stamp the entry as it is now as its own (damage the stamp cannot see, or a plant by this user)."""
    entry, stamp = _entry(path)
    keys.write_private(stamp, compiled._stamp(os.lstat(entry)))


def _answer(path: Path, *, cached: bool = True) -> str:
    result = run_cli("--data", str(path), *QUERY, env=None if cached else {"SILKCLI_NO_CACHE": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_entry_is_named_by_the_files_version_and_used(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry's name holds the file's exact version; a query answers from it without parsing the file."""
    entry, stamp = _entry(big)
    assert entry.is_file() and stamp.is_file() and entry.read_bytes().startswith(b"SQLite format 3\0")
    calls = count_parses(monkeypatch)
    assert _answer(big) == _answer(big, cached=False)
    assert len(calls) == 1  # only the uncached run parsed
    os.utime(big, (AN_HOUR_AGO - 60, AN_HOUR_AGO - 60))  # another version: another name
    assert _entry(big)[0] != entry


def test_an_entry_changed_in_place_is_not_used(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes rewritten in the entry (its ctime moves) make it a miss: the file is read, and the entry written again."""
    entry, _ = _entry(big)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x10
    info = entry.stat()
    entry.write_bytes(bytes(data))
    os.utime(entry, ns=(info.st_atime_ns, info.st_mtime_ns))
    calls = count_parses(monkeypatch)
    assert _answer(big) == _answer(big, cached=False)
    assert len(calls) == 2 and entry.read_bytes() != bytes(data)


@pytest.mark.parametrize("plant", ["trigger", "view", "table", "index"])
def test_an_entry_with_a_schema_not_ours_is_not_used(big: Path, plant: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A trigger, view, table or index that silkcli did not write makes the entry a miss."""
    entry, _ = _entry(big)
    statement = {
        "trigger": "CREATE TRIGGER t AFTER INSERT ON documents BEGIN SELECT 1; END",
        "view": "CREATE VIEW v AS SELECT 1",
        "table": "CREATE TABLE extra (x)",
        "index": "CREATE INDEX extra ON documents (title)",
    }[plant]
    with sqlite3.connect(entry) as db:
        db.execute(statement)
    _restamp(big)
    assert compiled.open_entry(big, big.stat(), lambda: loader.parse_bytes(big.read_bytes(), "big")) is None
    calls = count_parses(monkeypatch)
    assert _answer(big) == _answer(big, cached=False) and len(calls) == 2


def test_another_database_is_not_used(big: Path) -> None:
    """A SQLite database of another layout in the entry's place is a miss."""
    entry, _ = _entry(big)
    entry.unlink()
    with sqlite3.connect(entry) as db:
        db.execute("CREATE TABLE documents (id TEXT)")
    _restamp(big)
    assert compiled.open_entry(big, big.stat(), lambda: loader.parse_bytes(big.read_bytes(), "big")) is None
    assert _answer(big) == _answer(big, cached=False)


@pytest.mark.parametrize("damage", ["body", "cut"])
def test_a_damaged_entry_gives_the_files_answer(big: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that fails its CRC, or an entry cut short, sends the query to the file, silently."""
    entry, _ = _entry(big)
    if damage == "body":
        with sqlite3.connect(entry) as db:
            db.execute("UPDATE silkcli_bodies SET body = body || x'00' WHERE kind = 'documents'")
    else:
        os.truncate(entry, entry.stat().st_size * 2 // 3)
    _restamp(big)
    calls = count_parses(monkeypatch)
    result = run_cli("--data", str(big), *QUERY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, _answer(big, cached=False), "")
    assert len(calls) == 2  # the entry was opened, failed while read, and the file answered


def test_an_entry_in_a_folder_others_can_write_is_not_used(big: Path) -> None:
    """In a group- or world-writable cache folder the entry is ignored and none is written."""
    entry, _ = _entry(big)
    entry.parent.chmod(0o777)
    try:
        assert compiled.open_entry(big, big.stat(), lambda: loader.parse_bytes(big.read_bytes(), "big")) is None
        entry.unlink()
        assert _answer(big) == _answer(big, cached=False) and not entry.exists()
    finally:
        entry.parent.chmod(0o700)


def test_a_link_in_the_entrys_place_is_not_followed(big: Path, tmp_path: Path) -> None:
    """A symbolic link named as the entry, even to a valid entry, is not opened."""
    entry, _ = _entry(big)
    elsewhere = tmp_path / "elsewhere.sqlite"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert compiled.open_entry(big, big.stat(), lambda: loader.parse_bytes(big.read_bytes(), "big")) is None


def test_the_bundled_dataset_never_opens_sqlite() -> None:
    """The bundled data answers from memory: its store is the in-memory one and no entry is written."""
    ds = loader.load_dataset(loader.bundled_path())
    assert isinstance(store_of(ds), MemoryStore)
    assert not list((Path(os.environ["XDG_CACHE_HOME"]) / "silkcli").glob("*.sqlite"))


def test_without_the_trigram_tokenizer_search_reads_every_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where SQLite has no trigram tokenizer (before 3.34) the entry has no text index, and search gives the
    same answers by testing every record."""
    monkeypatch.setattr(schema, "TRIGRAM", False)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(generate(3000, seed=6)), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    loader.load_dataset(path)
    with sqlite3.connect(_entry(path)[0]) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'silkcli_text%'").fetchone() == (0,)
    for words in (("ministry",), ("quote", "is")):
        cached = run_cli("--data", str(path), "search", *words, "-f", "json")
        fresh = run_cli("--data", str(path), "search", *words, "-f", "json", env={"SILKCLI_NO_CACHE": "1"})
        assert cached.stdout == fresh.stdout and json.loads(cached.stdout)


def _tables(path: Path) -> list[object]:
    """Every row of every table of a database, FTS5's own included."""
    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(name, sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr)) for name in names]


def _export(path: Path, target: Path, *, cached: bool = True) -> list[object]:
    result = run_cli(
        "--data",
        str(path),
        "export",
        "-f",
        "sqlite",
        "-o",
        str(target),
        env=None if cached else {"SILKCLI_NO_CACHE": "1"},
    )
    assert result.exit_code == 0, result.stderr
    return _tables(target)


def test_export_of_a_large_file_copies_the_entrys_tables(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export -f sqlite`` of a compiled file copies the entry's tables: the same database, no record decoded."""
    expected = _export(big, tmp_path / "built.db", cached=False)
    monkeypatch.setattr("silkcli.publish.sqlite.tables", lambda ds: pytest.fail("the rows were built"))
    assert _export(big, tmp_path / "copied.db") == expected


def test_export_of_an_entry_damaged_below_its_stat_is_built_from_the_records(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell changed in the entry where its stat cannot see it fails the entry's CRC-32: export builds the rows."""
    entry, stamp = _entry(big)
    crc = stamp.read_bytes().partition(b" ")[2]
    with sqlite3.connect(entry) as db:
        db.execute("UPDATE documents SET title = 'planted' WHERE rowid = 1")
    keys.write_private(stamp, compiled._stamp(os.lstat(entry)) + b" " + crc)
    copied = _export(big, tmp_path / "copied.db")
    assert copied == _export(big, tmp_path / "built.db", cached=False)
    assert all("planted" not in repr(rows) for _, rows in copied)
