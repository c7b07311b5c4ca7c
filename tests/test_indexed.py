"""A large dataset's compiled entry is read in part: a query decodes only what it may return (issue 15).

Each test compares what the cached, indexed form answers with what the
source file answers read afresh, and damages the entry in the places a query
should or should not read.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import count_parses, run_cli
from gen_data import generate
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.dataset.cache import entries as cache
from silkcli.dataset.cache import indexed, keys

AN_HOUR_AGO = time.time() - 3600
QUERIES = [
    ("agreements", "--sector", "energy"),
    ("agreements", "--sector", "mining,energy", "--type", "mou"),
    ("agreements", "--status", "signed", "--party", "NO", "--fields", "id,parties,amount,milestones", "--cite"),
    ("agreements", "--party", "Aldoria", "--since", "2020", "--sort", "title"),
    ("agreements", "--no-summit", "-n", "5"),
    ("quotes",),
    ("leaders", "--country", "NO"),
    ("timeline", "--country", "XA"),
    ("stats",),
    ("countries",),
    ("sources",),
    ("commitments", "--sector", "mining"),
    ("commitments", "--country", "XB", "--kind", "plans"),
    ("timeline", "--kind", "visit", "--since", "2025"),
    ("leaders", "--role", "president"),
    ("quotes", "--person", "p0"),
    ("agreements", "--since", "2023-06", "--until", "2024"),
    ("agreements", "--until", "1991-02-14", "--type", "mou"),
    ("timeline", "--since", "2020-03-01"),
    ("sectors",),
    ("search", "document"),
    ("search", "MINING"),  # any case, and letters re folds (i here, i and s below)
    ("search", "Ministry", "quote"),
    ("agreements", "--summit"),
    ("agreements", "--no-summit", "--sector", "mining"),
    ("commitments", "--kind", "plans"),
]


@pytest.fixture(scope="module")
def big_text() -> str:
    """A generated dataset large enough to be compiled record by record, as JSON."""
    return json.dumps(generate(8000, seed=5), ensure_ascii=False)


@pytest.fixture
def big(tmp_path: Path, big_text: str) -> Path:
    """That dataset in a file old enough to be cached."""
    path = tmp_path / "big.json"
    path.write_text(big_text, encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert path.stat().st_size > cache.TRUSTED_BYTES
    return path


def _answer(path: Path, *args: str, cached: bool = True) -> str:
    env = None if cached else {"SILKCLI_NO_CACHE": "1"}
    result = run_cli("--data", str(path), *args, "-f", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _entry(path: Path) -> tuple[Path, int, indexed.Toc]:
    """The entry file, where its sections start, and its table of sections."""
    (entry,) = cache.cache_dir().glob("*.msgpack")
    data = entry.read_bytes()
    key = keys.file_key(path, path.stat(), m.SCHEMA_VERSION)
    assert key is not None
    start = key.match(cache._MAGIC, data, path.read_bytes)
    assert start is not None and data[start : start + 1] == b"X"
    file = keys.open_private(entry)
    assert file is not None
    found = indexed.table(file, start + 1 + keys.SEAL_BYTES)
    file.close()
    assert found is not None
    toc, _, sections = found
    return entry, sections, toc


def _damage(entry: Path, offsets: Iterator[int] | list[int]) -> None:
    """Flip one bit at each offset, keeping the entry's size and times (its key still matches)."""
    data = bytearray(entry.read_bytes())
    for offset in offsets:
        data[offset] ^= 0x01
    info = entry.stat()
    entry.write_bytes(bytes(data))
    os.utime(entry, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
def test_cached_answer_is_the_files_answer(big: Path, query: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every listing answers from the indexed entry exactly as from the file, without parsing it again."""
    fresh = _answer(big, *query, cached=False)
    _answer(big, *query)  # writes the entry
    calls = count_parses(monkeypatch)
    assert _answer(big, *query) == fresh
    assert calls == []


WHOLE = [
    ("export", "-f", "json"),
    ("export", "-f", "yaml"),
    ("brief", "-f", "markdown"),
    ("brief", "-f", "html"),
    ("sources", "-f", "bibtex"),
    ("sectors", "mining", "-f", "tsv"),
    ("discrepancies", "-f", "csv"),
    ("validate",),
]


@pytest.mark.parametrize("command", WHOLE, ids=" ".join)
def test_whole_dataset_commands_answer_from_the_entry_as_from_the_file(
    big: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands that read every record (export, the brief, validate) give the file's answer from the entry."""
    fresh = run_cli("--data", str(big), *command, env={"SILKCLI_NO_CACHE": "1"})
    run_cli("--data", str(big), "agreements", "-n", "1")  # writes the entry
    calls = count_parses(monkeypatch)
    cached = run_cli("--data", str(big), *command)
    assert (cached.exit_code, cached.stdout, cached.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr)
    assert fresh.exit_code == 0
    assert len(calls) == (1 if command[0] == "validate" else 0)  # validate always reads the file itself


def test_sqlite_export_from_the_entry_is_the_files(big: Path, tmp_path: Path) -> None:
    """``export -f sqlite`` from the entry writes the same database as from the file."""
    fresh, cached = tmp_path / "fresh.db", tmp_path / "cached.db"
    assert (
        run_cli("--data", str(big), "export", "-f", "sqlite", "-o", str(fresh), env={"SILKCLI_NO_CACHE": "1"}).exit_code
        == 0
    )
    run_cli("--data", str(big), "agreements", "-n", "1")
    assert run_cli("--data", str(big), "export", "-f", "sqlite", "-o", str(cached)).exit_code == 0
    dumps = []
    for path in (fresh, cached):
        with sqlite3.connect(path) as db:
            dumps.append(list(db.iterdump()))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 8000


def test_show_reads_one_record_by_its_id(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``show`` of a document answers from the entry as from the file."""
    ident = json.loads(_answer(big, "agreements", "-n", "1", "--desc"))[0]["id"]
    fresh = _answer(big, "show", ident, cached=False)
    calls = count_parses(monkeypatch)
    assert _answer(big, "show", ident) == fresh
    assert calls == []


def test_query_reads_only_the_records_it_may_return(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every document outside the mining sector damaged in the entry, a mining query still answers
    from the entry: it never read them (reading one would fail its tag and send it back to the file)."""
    mining = _answer(big, "agreements", "--sector", "mining", cached=False)
    _answer(big, "agreements", "--sector", "mining")
    entry, sections, toc = _entry(big)
    at, _, _ = toc.sections["documents.data"]
    offsets = _record_offsets(entry, sections, toc)
    wanted = {d["id"] for d in json.loads(mining)}
    ids = _ids(entry, sections, toc)
    _damage(entry, [sections + at + offsets[i] + 1 for i, ident in enumerate(ids) if ident not in wanted])
    calls = count_parses(monkeypatch)
    assert _answer(big, "agreements", "--sector", "mining") == mining
    assert calls == []
    assert _answer(big, "agreements", "--sector", "energy") == _answer(
        big, "agreements", "--sector", "energy", cached=False
    )


@pytest.mark.parametrize(
    ("section", "reads", "parses"),
    [
        ("documents.data", "many", 1),  # the list's seal fails: the file is read
        ("documents.data", "one", 1),  # show reads one record: its tag fails, then the list's seal
        ("base", "many", 1),
        ("documents.tags", "one", 0),  # the tag fails, the whole list is read instead: its seal holds
        (f"documents.by.ref.{indexed._bucket('mining')}", "many", 0),  # as above
        ("documents.offsets", "one", 0),  # as above
        ("documents.dates", "dated", 0),  # the index of dates fails: the whole list is read, its seal holds
        ("documents.by.date", "dated", 0),
    ],
)
def test_damaged_entry_is_never_served(
    big: Path, section: str, reads: str, parses: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged record, tag, index, offset table or base gives the file's answer, never the damaged bytes."""
    _answer(big, "agreements")
    entry, sections, toc = _entry(big)
    ids = _ids(entry, sections, toc)
    position = len(ids) // 2 + 1
    ident = ids[position]
    query = {
        "many": ("agreements", "--sector", "mining"),
        "dated": ("agreements", "--since", "2020", "--until", "2021-06"),
    }.get(reads, ("show", ident))
    fresh = _answer(big, *query, cached=False)
    at, size, _ = toc.sections[section]
    where = {
        "documents.data": _record_offsets(entry, sections, toc)[position] + 1,
        "documents.tags": position * 16,
        "documents.offsets": position * 8,
    }.get(section, size // 3)
    _damage(entry, [sections + at + where])
    calls = count_parses(monkeypatch)
    assert _answer(big, *query) == fresh
    assert len(calls) == parses


def test_entry_sealed_with_another_key_is_ignored(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this user's key can have sealed an entry: after the key changes, the file is read again."""
    fresh = _answer(big, "agreements", "--sector", "mining", cached=False)
    _answer(big, "agreements", "--sector", "mining")
    secret = cache.cache_dir() / "key"
    secret.write_bytes(os.urandom(keys.SEAL_BYTES))
    calls = count_parses(monkeypatch)
    assert _answer(big, "agreements", "--sector", "mining") == fresh
    assert len(calls) == 1


def test_index_holds_every_matching_record(big: Path) -> None:
    """For every sector, type, status and signing country, the index finds (at least) the records a full scan does,
    and the filter that tests each of them then finds exactly those."""
    store.load_dataset(big)
    lazy = store.load_dataset(big)
    fresh = store.load_dataset(big, use_cache=False)
    assert isinstance(lazy.documents, indexed.Records)
    every = {
        "sector": {s for d in fresh.documents for s in d.sectors},
        "type": {d.type for d in fresh.documents},
        "status": {d.status for d in fresh.documents},
        "country": {p.country for d in fresh.documents for p in d.parties},
    }
    for field, values in every.items():
        for value in values:
            found = [d.id for d in m.narrowed(lazy.documents, **{field: {value}}) if value in _values(d, field)]
            expected = [d.id for d in fresh.documents if value in _values(d, field)]
            assert found == expected, (field, value)


def _values(document: m.Document, field: str) -> tuple[str, ...]:
    if field == "sector":
        return document.sectors
    if field == "country":
        return tuple(p.country for p in document.parties)
    return (getattr(document, field),)


def _record_offsets(entry: Path, sections: int, toc: indexed.Toc) -> list[int]:
    at, size, _ = toc.sections["documents.offsets"]
    found = array("Q")
    found.frombytes(entry.read_bytes()[sections + at : sections + at + size])
    return list(found)


def _ids(entry: Path, sections: int, toc: indexed.Toc) -> list[str]:
    at, size, _ = toc.sections["documents.ids"]
    return entry.read_bytes()[sections + at : sections + at + size].decode().strip("\n").split("\n")


def _straddled(entry: Path, sections: int, toc: indexed.Toc) -> tuple[str, int]:
    """A document's id that its list's bytes hold once, and where in them it starts."""
    at, size, _ = toc.sections["documents.data"]
    data = entry.read_bytes()[sections + at : sections + at + size]
    ids = _ids(entry, sections, toc)
    ident = next(i for i in ids[len(ids) // 2 :] if data.count(i.encode()) == 1)
    return ident, data.find(ident.encode())


def test_search_finds_a_word_that_two_pieces_of_the_scan_share(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search scans a list in pieces; a word that one piece ends inside and the next finishes is found."""
    _answer(big, "agreements")
    entry, sections, toc = _entry(big)
    ident, where = _straddled(entry, sections, toc)
    fresh = _answer(big, "search", ident.upper(), cached=False)
    assert ident in fresh
    monkeypatch.setattr(indexed, "_SCAN_BYTES", where + 3)  # the first piece ends after the id's third byte
    calls = count_parses(monkeypatch)
    assert _answer(big, "search", ident.upper()) == fresh
    assert calls == []


def test_search_never_answers_from_a_damaged_list(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search that scanned damaged bytes learns it after the last piece, and gives the file's answer."""
    _answer(big, "agreements")
    entry, sections, toc = _entry(big)
    ident, where = _straddled(entry, sections, toc)
    fresh = _answer(big, "search", ident, cached=False)
    at, _, _ = toc.sections["documents.data"]
    _damage(entry, [sections + at + where + 1])  # the id no longer reads as itself in the entry
    calls = count_parses(monkeypatch)
    assert _answer(big, "search", ident) == fresh
    assert len(calls) == 1


def _scan(big: Path) -> Iterator[bytes]:
    """A scan of the documents' bytes, from the entry that a query wrote."""
    store_ = store.load_dataset(big).documents._store  # type: ignore[attr-defined]
    scan: Iterator[bytes] = store_.scan("documents.data")
    return scan


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fails the test (instead of hanging it) if the block takes longer than ``seconds``."""

    def late(*_: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    old = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_scan_left_early_stops_its_reader(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search that stops scanning after a piece (an error, Ctrl-C) leaves no thread reading the
    entry and Python's switch interval as it was, though the reader had filled its queue."""
    _answer(big, "agreements")
    monkeypatch.setattr(indexed, "_SCAN_BYTES", 4096)
    threads, interval = threading.active_count(), sys.getswitchinterval()
    scan = _scan(big)
    assert len(next(scan)) == 4096
    assert threading.active_count() == threads + 1
    assert sys.getswitchinterval() == pytest.approx(indexed._SWITCH_SECONDS)
    time.sleep(0.05)  # the reader fills its queue and waits
    with _within(10):
        scan.close()  # type: ignore[attr-defined]
    assert (threading.active_count(), sys.getswitchinterval()) == (threads, interval)


def test_a_scan_of_an_entry_cut_short_fails(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry cut in the middle of a list while it is scanned gives fewer bytes than its table
    says: the scan fails (the search then answers from the file) instead of waiting for the rest."""
    _answer(big, "agreements")
    entry, sections, toc = _entry(big)
    at, size, _ = toc.sections["documents.data"]
    monkeypatch.setattr(indexed, "_SCAN_BYTES", 4096)
    scan = _scan(big)
    os.truncate(entry, sections + at + size // 2)
    with _within(10), pytest.raises(indexed.Tampered):
        assert sum(map(len, scan)) < size


@pytest.mark.parametrize("yaml", [False, True], ids=["json", "yaml"])
def test_first_load_reads_a_large_file_once(big: Path, yaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry takes what it needs from the bytes before the parse, which lets them go (at 1M
    documents 750 MB less at the peak) and never reads them again; the entry then answers."""
    if yaml:  # a comment first: read as YAML, not by the JSON fast path
        big.write_bytes(b"# generated\n" + big.read_bytes())
        os.utime(big, (AN_HOUR_AGO, AN_HOUR_AGO))
    reads: list[Path] = []
    real = store._read

    def counted(file: Path, name: str, limit: int) -> bytes:
        reads.append(file)
        return real(file, name, limit)

    monkeypatch.setattr(store, "_read", counted)
    parses = count_parses(monkeypatch)
    first = _encoded(store.load_dataset(big))
    assert (reads, len(parses)) == ([big], 1)
    assert _encoded(store.load_dataset(big)) == first
    assert len(parses) == 1  # the entry answered (reading the file only for its checksum: its ctime is recent)


def _encoded(dataset: m.Dataset) -> bytes:
    """The dataset as JSON (an entry's records are of classes of their own, equal field by field)."""
    return msgspec.json.encode(dataset, enc_hook=m.encode_hook)


def test_dates_split_from_an_entry_never_stand_in_for_a_checked_parse() -> None:
    """An entry's dates are split, not checked again (its seal says they were); what they make is
    kept apart, so a file's own dates are always checked."""
    split = m.checked_decode_hook(m.PartialDate, "2023-02-29")  # as if an entry held it
    assert (split.year, split.month, split.day) == (2023, 2, 29)
    with pytest.raises(ValueError, match="not a possible date"):
        m.decode_hook(m.PartialDate, "2023-02-29")
    assert m.checked_decode_hook(m.PartialDate, "2024-06") == m.PartialDate.parse("2024-06")


def _decoded(monkeypatch: pytest.MonkeyPatch, field: str) -> list[object]:
    """The records that entries decode from now on, of the lists whose records have ``field``."""
    decoded: list[object] = []
    real = indexed.Records._decoded

    def counted(self: indexed.Records[msgspec.Struct], raw: bytes) -> list[msgspec.Struct]:
        found = real(self, raw)
        decoded.extend(record for record in found if hasattr(record, field))
        return found

    monkeypatch.setattr(indexed.Records, "_decoded", counted)
    return decoded


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (("agreements", "--since", "2023", "--until", "2023"), "signed"),
        (("agreements", "--since", "2024-02-01"), "signed"),
        (("timeline", "--until", "1990-12"), "end"),
    ],
    ids=["agreements in 2023", "agreements since February 2024", "timeline until 1990"],
)
def test_dates_narrow_by_the_index(
    big: Path, query: tuple[str, ...], field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--since``/``--until`` read the records whose dates start in the range, not the whole list,
    and answer as the file does."""
    expected = _answer(big, *query, cached=False)
    assert json.loads(expected)
    _answer(big, *query)
    decoded = _decoded(monkeypatch, field)
    assert _answer(big, *query) == expected
    assert 0 < len(decoded) < 1998 // 4


def test_party_narrows_by_the_index(tmp_path: Path, big_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--party`` given as countries reads the documents that name them (and the first to name each
    country, to know who signs), not every document."""
    data = json.loads(big_text)
    for document in data["documents"][::50]:  # a country few documents name
        document["parties"][0]["country"] = "XB"
    path = tmp_path / "parties.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    query = ("agreements", "--party", "XB", "--fields", "id,parties")
    expected = _answer(path, *query, cached=False)
    assert len(json.loads(expected)) == len(data["documents"][::50])
    _answer(path, *query)
    decoded = _decoded(monkeypatch, "parties")
    assert _answer(path, *query) == expected
    assert 0 < len(decoded) < len(data["documents"]) // 4


@pytest.mark.parametrize(("output", "reads_people"), [("json", False), ("yaml", False), ("csv", True)])
def test_signatories_are_read_only_for_a_partys_text(
    big: Path, output: str, reads_people: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A format that gives a party as an object names its signatory by id and reads no person; one
    that gives it as text (csv) names the signatory, from the people it reads, as the file does."""
    query = ("--data", str(big), "agreements", "--sector", "mining", "--fields", "id,parties", "-f", output)
    expected = run_cli(*query, env={"SILKCLI_NO_CACHE": "1"})
    assert expected.exit_code == 0, expected.stderr
    run_cli(*query)  # writes the entry
    decoded = _decoded(monkeypatch, "role")
    assert run_cli(*query).stdout == expected.stdout
    assert bool(decoded) is reads_people


@pytest.fixture
def flagged(tmp_path: Path, big_text: str) -> tuple[Path, dict[str, Any]]:
    """The generated dataset with one document in 50 signed at the summit and one commitment in 10
    that asks rather than plans (the generator makes none of either)."""
    data = json.loads(big_text)
    for document in data["documents"][::50]:
        document["summit"] = True
    for commitment in data["commitments"][::10]:
        commitment["kind"] = "asked"
    path = tmp_path / "flagged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path, data


@pytest.mark.parametrize(
    ("query", "field", "share"),
    [
        (("agreements", "--summit"), "parties", 50),
        (("agreements", "--summit", "--sector", "mining"), "parties", 50),
        (("commitments", "--kind", "asked"), "kind", 10),
    ],
    ids=["--summit", "--summit --sector", "commitments --kind"],
)
def test_flags_and_words_narrow_by_the_index(
    flagged: tuple[Path, dict[str, Any]],
    query: tuple[str, ...],
    field: str,
    share: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A filter by a value that is no id (the summit flag, a commitment's kind) reads the records
    that hold it, not the whole list, and answers as the file does."""
    path, data = flagged
    expected = _answer(path, *query, cached=False)
    assert json.loads(expected)
    _answer(path, *query)
    decoded = _decoded(monkeypatch, field)
    assert _answer(path, *query) == expected
    listed = len(data["documents" if query[0] == "agreements" else "commitments"])
    assert 0 < len(decoded) <= 2 * (listed // share + 1)  # the summit's are read twice: listed, then counted


@pytest.mark.parametrize("query", [("agreements", "--no-summit", "--type", "mou"), ("commitments", "--kind", "plans")])
def test_an_entry_that_does_not_index_a_value_answers_by_reading_the_list(
    flagged: tuple[Path, dict[str, Any]], query: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written before the index held these values (no ``KIND.values`` section) is not asked
    about them: it answers as the file does, by testing every record."""
    path, _ = flagged
    expected = _answer(path, *query, cached=False)
    assert json.loads(expected)
    valued = indexed.VALUED
    monkeypatch.setattr(indexed, "VALUED", {})
    _answer(path, *query)  # writes the entry as an older silkcli did
    monkeypatch.setattr(indexed, "VALUED", valued)
    parses = count_parses(monkeypatch)
    assert _answer(path, *query) == expected
    assert parses == []  # from that entry, not the file


def test_a_run_that_reads_an_entry_ends_quietly(big: Path) -> None:
    """The program, run on a compiled entry, exits 0 with nothing on stderr: the entry's file closes at shutdown."""
    _answer(big, "agreements")  # compiles the entry
    command = [sys.executable, "-m", "silkcli", "--data", str(big), "agreements", "--sector", "mining", "-f", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)
