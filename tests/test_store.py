"""Both stores give the same answers: every listing, filter, ``show``, referrer and search (issue 24).

The same generated data is answered once from its SQLite entry and once from the file read afresh
(the in-memory store), and the outputs are compared byte for byte.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import typing
from pathlib import Path

import msgspec
import pytest

from conftest import count_parses, run_cli
from gen_data import generate
from silkcli.dataset import load as loader
from silkcli.dataset import model as m
from silkcli.dataset import store as st
from silkcli.dataset.cache import entries as cache
from silkcli.dataset.cache.sqlite_store import SqliteStore

AN_HOUR_AGO = time.time() - 3600
QUERIES = [
    ("agreements",),
    ("agreements", "--sector", "energy"),
    ("agreements", "--sector", "mining,energy", "--type", "mou"),
    ("agreements", "--type", "treaty", "--status", "in-force"),
    ("agreements", "--status", "signed", "--party", "NO", "--fields", "id,parties,amount,milestones", "--cite"),
    ("agreements", "--party", "Aldoria", "--since", "2020", "--sort", "title"),
    ("agreements", "--party", "ministry"),
    ("agreements", "--signatory", "p0", "--sector", "mining"),
    ("agreements", "--no-summit", "-n", "5"),
    ("agreements", "--summit"),
    ("agreements", "--no-summit", "--sector", "mining"),
    ("agreements", "--since", "2023-06", "--until", "2024"),
    ("agreements", "--until", "1991-02-14", "--type", "mou"),
    ("agreements", "--since", "2024-12-01", "--until", "2024-12-31"),
    ("leaders",),
    ("leaders", "--country", "NO"),
    ("leaders", "--role", "president"),
    ("timeline",),
    ("timeline", "--country", "XA"),
    ("timeline", "--kind", "visit", "--since", "2025"),
    ("timeline", "--since", "2020-03-01", "--until", "2029-06"),
    ("stats",),
    ("stats", "--topic", "trade"),
    ("commitments",),
    ("commitments", "--sector", "mining"),
    ("commitments", "--country", "XB", "--kind", "plans"),
    ("commitments", "--kind", "agreed"),
    ("quotes",),
    ("quotes", "--person", "p0"),
    ("quotes", "--person", "Anna"),
    ("countries",),
    ("sources",),
    ("sources", "--cite"),
    ("sectors",),
    ("sectors", "mining"),
    ("discrepancies",),
    ("discrepancies", "--topic", "t"),
    ("show", "d1"),
    ("show", "XA"),
    ("show", "s0"),
    ("show", "p0"),
    ("show", "mining"),
    ("show", "Anna"),
    ("search", "document"),
    ("search", "MINING"),  # any case
    ("search", "Ministry", "quote"),
    ("search", "documents"),  # a plural finds the singular
    ("search", "is", "quote"),  # a word too short for trigrams
    ("search", "ministry", "--kind", "documents"),
]


@pytest.fixture(scope="module")
def big_text() -> str:
    """A generated dataset over the size threshold, as JSON."""
    return json.dumps(generate(8000, seed=5), ensure_ascii=False)


@pytest.fixture(scope="module")
def compiled_big(big_text: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """That dataset in a file old enough to be cached, and a cache folder holding its entry."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.json"
    path.write_text(big_text, encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert path.stat().st_size > cache.TRUSTED_BYTES
    home = folder / "cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        loader.load_dataset(path)
    return path, home


@pytest.fixture
def big(compiled_big: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The compiled file, its entry in this test's cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(compiled_big[1]))
    return compiled_big[0]


def _run(path: Path, *args: str, cached: bool = True) -> tuple[int, str, str]:
    env = None if cached else {"SILKCLI_NO_CACHE": "1"}
    result = run_cli("--data", str(path), *args, env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
@pytest.mark.parametrize("form", ["json", "csv"])
def test_sqlite_store_answers_as_the_file(
    big: Path, query: tuple[str, ...], form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every listing, filter, ``show`` and search answers from the SQLite entry byte for byte as from the file."""
    fresh = _run(big, *query, "-f", form, cached=False)
    calls = count_parses(monkeypatch)
    assert _run(big, *query, "-f", form) == fresh
    assert fresh[0] == 0 and fresh[1]
    assert calls == []


WHOLE = [
    ("export", "-f", "json"),
    ("export", "-f", "yaml"),
    ("brief", "-f", "markdown"),
    ("sources", "-f", "bibtex"),
    ("validate",),
]


@pytest.mark.parametrize("command", WHOLE, ids=" ".join)
def test_whole_dataset_commands_answer_from_the_entry_as_from_the_file(big: Path, command: tuple[str, ...]) -> None:
    """Commands that read every record (export, the brief, validate) give the file's answer from the entry."""
    fresh = _run(big, *command, cached=False)
    assert _run(big, *command) == fresh
    assert fresh[0] == 0


def _stores(path: Path) -> tuple[st.Store, st.Store]:
    """The SQLite store of the file's entry, and the in-memory store of the file read afresh."""
    entry = loader.load_dataset(path)
    sqlite_store = st.store_of(entry)
    assert isinstance(sqlite_store, SqliteStore)
    return sqlite_store, st.MemoryStore(loader.load_dataset(path, use_cache=False))


def _fields(cls: type[msgspec.Struct], prefix: str = "") -> list[str]:
    """Every field path of a record class one level into its nested structs (``amount.currency``)."""
    found = []
    for field in msgspec.structs.fields(cls):
        found.append(prefix + field.name)
        inner = [a for a in typing.get_args(field.type) if m.is_struct_type(a)] or [field.type]
        for kind in inner:
            kind = typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else kind
            if m.is_struct_type(kind) and not prefix:
                found += _fields(kind, f"{field.name}.")
    return found


def _plain(values: set[object]) -> list[str]:
    """Values as JSON text (a struct read from an entry is of a class of its own, equal field by field)."""
    return sorted(msgspec.json.encode(v, enc_hook=m.encode_hook).decode() for v in values)


def _json(value: object) -> bytes:
    return msgspec.json.encode(value, enc_hook=m.encode_hook)


def _ids(records: list[typing.Any]) -> list[str]:
    return [r.id for r in records]


def test_every_field_selects_the_same_records_from_both_stores(big: Path) -> None:
    """A selection by any field, indexed or not (a document's currency), gives the same records from both stores."""
    sqlite_store, memory = _stores(big)
    asked = 0
    for kind in (*m.RECORD_KINDS, "sources"):
        records = memory.records(kind)
        for field in _fields(m.Source if kind == "sources" else m.record_type(kind)):
            found = (v for r in records[:50] for v in st.field_values(r, field.split(".")))
            values = sorted({repr(v): v for v in found if not isinstance(v, msgspec.Struct)}.items())
            for _, value in values[:3]:
                where = {field: (value,)}
                assert _ids(sqlite_store.select(kind, where)) == _ids(memory.select(kind, where)), (kind, field)
                asked += 1
            assert _plain(sqlite_store.values(kind, field)) == _plain(memory.values(kind, field)), (kind, field)
    assert asked > 100
    usd = sqlite_store.select("documents", {"amount.currency": {"USD"}})
    assert len(usd) == len(memory.select("documents", {"amount.currency": {"USD"}})) == 666


def test_lookups_agree_between_the_stores(big: Path) -> None:
    """Ids, referrers and the records that may hold a word are the same from both stores."""
    sqlite_store, memory = _stores(big)
    for ident in ("d1", "XA", "s0", "p0", "mining", "mou", "e0", "nothing"):
        assert _json(sqlite_store.first_with_id(ident.lower())) == _json(memory.first_with_id(ident.lower()))
        assert _json(list(sqlite_store.naming(ident))) == _json(list(memory.naming(ident)))
        assert _json(sqlite_store.by_ids("documents", {ident, "d3"})) == _json(
            memory.by_ids("documents", {ident, "d3"})
        )
    words = [("quote",), ("ministry", "ministr"), ("2024-12",)]
    held = {ident for _, r in memory.holding(words) for ident in [r.id] if _holds(r, words)}
    assert held == {r.id for _, r in sqlite_store.holding(words) if _holds(r, words)} and held


def _holds(record: typing.Any, terms: list[tuple[str, ...]]) -> bool:
    text = st.search_text(record)
    return all(any(st.fold(form) in text for form in forms) for forms in terms)


def test_the_entry_has_the_exports_tables(big: Path, tmp_path: Path) -> None:
    """The entry holds every table, index and view ``export -f sqlite`` writes, with the same rows (its
    per-table full-text indexes aside: the entry's own index covers every text)."""
    exported = tmp_path / "export.db"
    assert _run(big, "export", "-f", "sqlite", "-o", str(exported), cached=False)[0] == 0
    (entry,) = (p for p in (Path(os.environ["XDG_CACHE_HOME"]) / "silkcli").glob("*.sqlite"))
    with sqlite3.connect(exported) as out, sqlite3.connect(entry) as kept:
        names = (
            "SELECT name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'silkcli%' AND name NOT LIKE '%_fts%'"
            " ORDER BY name"
        )
        assert out.execute(names).fetchall() == kept.execute(names).fetchall()
        for (table,) in out.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"):
            query = f'SELECT * FROM "{table}" ORDER BY rowid'
            assert out.execute(query).fetchall() == kept.execute(query).fetchall(), table
