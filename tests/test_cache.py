"""The compiled cache: any damage to it is a silent miss that gives the same answer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import TESTS, count_parses, run_cli
from gen_data import generate
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.dataset.cache import entries as cache
from silkcli.dataset.cache import keys
from silkcli.dataset.dump import to_json
from unprivileged import command_prefix

BASE = TESTS / "bad_data" / "_valid_base.yaml"
AN_HOUR_AGO = time.time() - 3600


def _dataset(tmp_path: Path, source: Path = BASE) -> Path:
    """A copy of ``source`` old enough to be cached (see ``cache.RACY_NS``)."""
    path = tmp_path / "data.yaml"
    shutil.copy(source, path)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def _export(path: Path, env: dict[str, str] | None = None) -> str:
    """``silkcli --data PATH export -f json``, which must succeed silently."""
    result = run_cli("--data", str(path), "export", "-f", "json", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def _entries() -> list[Path]:
    """The cache entries (temporary files excluded)."""
    folder = cache.cache_dir()
    return sorted(folder.glob("*.msgpack")) if folder.is_dir() else []


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a source file fail, so only the cache can answer."""

    def refuse(data: bytes, name: str) -> tuple[m.Dataset, bool]:
        raise AssertionError(f"{name} was parsed")

    monkeypatch.setattr(store, "_parse", refuse)


def test_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first load writes one entry; the next answers from it without parsing the file."""
    path = _dataset(tmp_path)
    expected = _export(path)
    assert len(_entries()) == 1
    _no_parsing(monkeypatch)
    assert _export(path) == expected


def _damage_cases() -> dict[str, Callable[[bytes], bytes]]:
    """Ways to spoil an entry's bytes."""
    return {
        "empty": lambda data: b"",
        "truncated in the header": lambda data: data[:20],
        "truncated in the payload": lambda data: data[: len(data) // 2],
        "one byte short": lambda data: data[:-1],
        "garbage": lambda data: os.urandom(len(data)),
        "payload flipped": lambda data: data[:-10] + bytes(b ^ 0xFF for b in data[-10:]),
        # still valid msgpack, decoding to another dataset: only the checksum notices
        "text changed": lambda data: data.replace(b"Aldoria", b"Aldorib"),
        "another magic": lambda data: b"X" + data[1:],
    }


@pytest.mark.parametrize("damage", sorted(_damage_cases()))
def test_damaged_entry_is_a_silent_miss(damage: str, tmp_path: Path) -> None:
    """A corrupt or truncated entry gives the source file's answer, and is then rewritten."""
    path = _dataset(tmp_path)
    expected = _export(path)
    (entry,) = _entries()
    good = entry.read_bytes()
    assert b"Aldoria" in good
    entry.write_bytes(_damage_cases()[damage](good))
    assert _export(path) == expected
    assert entry.read_bytes() == good


@pytest.mark.parametrize("field", ["__version__", "SCHEMA_VERSION"])
def test_entry_from_another_version_is_not_used(field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry written by another package or schema version is never answered from."""
    path = _dataset(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(keys if field == "__version__" else m, field, "0-other")
        stale = store.load_dataset(path)
    assert len(_entries()) == 1
    calls = count_parses(monkeypatch)
    assert store.load_dataset(path) == stale
    assert len(calls) == 1


def test_unreadable_entry_is_a_silent_miss(tmp_path: Path) -> None:
    """An entry that cannot be read (here a directory in its place) is a miss, and not fatal to write."""
    path = _dataset(tmp_path)
    expected = _export(path)
    (entry,) = _entries()
    entry.unlink()
    entry.mkdir()
    assert _export(path) == expected
    assert _export(path) == expected
    assert entry.is_dir()
    assert list(cache.cache_dir().glob(".tmp-*")) == []


def test_missing_cache_directory_is_created(tmp_path: Path) -> None:
    """A cache directory that does not exist yet is created with its parents."""
    path = _dataset(tmp_path)
    home = tmp_path / "not" / "yet"
    expected = _export(path, env={"XDG_CACHE_HOME": str(home)})
    assert len(list((home / "silkcli").glob("*.msgpack"))) == 1
    assert _export(path, env={"XDG_CACHE_HOME": str(home)}) == expected


def test_cache_directory_that_cannot_exist(tmp_path: Path) -> None:
    """A cache path blocked by a file is silently not used."""
    path = _dataset(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    expected = _export(path, env={"SILKCLI_NO_CACHE": "1"})
    assert _export(path, env={"XDG_CACHE_HOME": str(blocker)}) == expected
    assert blocker.read_text() == "not a directory"


def test_read_only_cache_directory(tmp_path: Path) -> None:
    """A cache directory without write permission is silently not written (a real process, rights enforced)."""
    path = _dataset(tmp_path)
    home = tmp_path / "home"
    (home / "silkcli").mkdir(parents=True)
    (home / "silkcli").chmod(0o555)
    expected = _export(path, env={"SILKCLI_NO_CACHE": "1"})
    command = [*command_prefix(), sys.executable, "-m", "silkcli", "--data", str(path), "export", "-f", "json"]
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", expected)
    assert list((home / "silkcli").iterdir()) == []


def test_no_cache_variable_writes_nothing(tmp_path: Path) -> None:
    """SILKCLI_NO_CACHE=1 neither reads nor writes entries."""
    path = _dataset(tmp_path)
    _export(path, env={"SILKCLI_NO_CACHE": "1"})
    assert _entries() == []


def test_edit_with_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    """An edit that keeps the size and restores the mtime still misses (the ctime changed)."""
    path = _dataset(tmp_path)
    assert '"name": "Aldoria"' in _export(path)
    path.write_text(path.read_text().replace("name: Aldoria", "name: Aldorix"))
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert '"name": "Aldorix"' in _export(path)


def test_file_modified_just_now_is_not_cached(tmp_path: Path) -> None:
    """A file modified within the timestamp race window is read but not cached yet."""
    path = tmp_path / "fresh.yaml"
    shutil.copy(BASE, path)
    _export(path)
    assert _entries() == []


def test_pipe_is_read_but_never_cached(tmp_path: Path) -> None:
    """A dataset read from a named pipe loads, and is not cached (its size and mtime say nothing)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(BASE.read_bytes()), daemon=True)
    writer.start()
    try:
        dataset = store.load_dataset(fifo)
    finally:
        writer.join(timeout=10)
    assert dataset.countries[0].name == "Aldoria"
    assert _entries() == []


def test_concurrent_writers_never_break_the_cache(tmp_path: Path) -> None:
    """Processes loading the same file at once all answer alike, and leave one entry that decodes."""
    source = tmp_path / "gen.yaml"
    source.write_text(yaml.safe_dump(generate(1000, seed=3), sort_keys=False, allow_unicode=True), encoding="utf-8")
    path = _dataset(tmp_path, source)
    expected = _export(path, env={"SILKCLI_NO_CACHE": "1"})
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "shared")}
    command = [sys.executable, "-m", "silkcli", "--data", str(path), "export", "-f", "json"]
    for _ in range(3):
        shutil.rmtree(tmp_path / "shared", ignore_errors=True)
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
        outputs = [proc.communicate(timeout=120) for proc in procs]
        assert [(p.returncode, err) for p, (_, err) in zip(procs, outputs, strict=True)] == [(0, b"")] * 4
        assert all(out.decode() == expected for out, _ in outputs)
    entries = list((tmp_path / "shared" / "silkcli").iterdir())
    assert len(entries) == 1 and entries[0].suffix == ".msgpack"
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "shared")  # restored by the autouse fixture
    cached = cache.get(path, path.stat())
    assert isinstance(cached, m.Dataset)
    assert to_json(cached) == expected


def _json_dataset(tmp_path: Path) -> Path:
    """``_valid_base.yaml`` as a JSON dataset file, old enough to be cached."""
    path = tmp_path / "data.json"
    path.write_text(_export(_dataset(tmp_path)), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def test_json_dataset_is_stamped_not_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON file's entry records only its checksum; the next load decodes the file without checking it again."""
    path = _json_dataset(tmp_path)
    for entry in _entries():
        entry.unlink()
    expected = _export(path)
    (entry,) = _entries()
    assert entry.stat().st_size < 600 < path.stat().st_size  # header and checksum, no copy of the data
    assert isinstance(cache.get(path, path.stat()), cache.Validated)
    _no_parsing(monkeypatch)
    assert _export(path) == expected


def test_json_stamp_for_other_bytes_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp whose checksum does not match the file's bytes is ignored: the file is checked, and refused if bad."""
    path = _json_dataset(tmp_path)
    good = path.read_bytes()
    bad = good.replace(b'"source": "s1"', b'"source": "s9"', 1)
    assert len(bad) == len(good) and bad != good
    path.write_bytes(bad)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    cache.put_validated(path, path.stat(), good)  # as if the good bytes had been checked with this key
    assert isinstance(cache.get(path, path.stat()), cache.Validated)
    calls = count_parses(monkeypatch)
    result = run_cli("--data", str(path), "export", "-f", "json")
    assert (result.exit_code, len(calls)) == (3, 1)
    assert "unknown source 's9'" in result.stderr
