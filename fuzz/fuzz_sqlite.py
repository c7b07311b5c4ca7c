"""A fuzz run of the SQLite entry of a large file (not part of pytest; tests/test_fuzz_cache.py runs a short one).

    python fuzz/fuzz_sqlite.py [INPUTS] [SEED]     # default 2,000 inputs, seed 1

A generated dataset is compiled into its entry once, and the right answers to a set of questions
are taken from the dataset itself (:class:`~silkcli.dataset.store.MemoryStore`). Each input then
replaces the entry with: the entry with random bit flips, a cut, random bytes written over a page,
another SQLite database, the entry with a planted trigger or view, or random bytes; each input is
stamped as the entry's own (as damage the stamp cannot see, or a plant by this user would be), so
the reading of the database itself is what is tried. The entry is opened as a load opens it
(:func:`~silkcli.dataset.cache.compiled.open_entry`, in this process) and every question asked of
its store: whole lists, selections by an indexed field, by a field no index holds and by a date,
``show``'s lookup and referrers, search candidates, a field's values, records by id, and now and then
``export -f sqlite``'s copy of the tables. Each must give exactly the right answer, with no traceback:
from the entry, or, once it fails, from the file (whose reading is the dataset already in memory, so
an input costs no rebuild). Exits 0 when all pass, and prints how many inputs the entry was refused
at opening, answered whole, or fell back part way.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import msgspec  # noqa: E402

from gen_data import generate  # noqa: E402 - found through the path above
from silkcli.dataset import model as m  # noqa: E402
from silkcli.dataset import store as st  # noqa: E402
from silkcli.dataset.cache import compiled, keys  # noqa: E402
from silkcli.dataset.cache.sqlite_store import SqliteStore  # noqa: E402
from silkcli.dataset.load import parse_bytes  # noqa: E402
from silkcli.publish.sqlite import build  # noqa: E402

_encode = msgspec.json.Encoder(enc_hook=m.encode_hook).encode


def _form(value: Any) -> Any:
    """A store's answer in a form two stores' answers compare by (records by their JSON)."""
    if isinstance(value, msgspec.Struct):
        return _encode(value)
    if isinstance(value, dict):
        return sorted((k, _form(v)) for k, v in value.items())
    if isinstance(value, set):
        return sorted(map(repr, value))
    if isinstance(value, (list, tuple)):
        return [_form(v) for v in value]
    return value


NAMES = (
    *(f"records({kind})" for kind in ("documents", "people", "events", "sources")),
    "select(documents, sectors)",
    "select(documents, parties.country, starting)",
    "select(documents, amount.currency)",
    "select(events, kind)",
    "first_with_id",
    "naming",
    "holding",
    "values(documents, sectors)",
    "by_ids(people)",
)


def questions(store: st.Store, holders: set[tuple[str, str]]) -> list[Any]:
    """Every question the listings ask of a store, with answers in comparable form (of the search candidates,
    the ``holders`` of the word: the candidates are a superset the caller tests)."""
    since = (m.PartialDate.from_checked("2020").first(), None)
    found: list[Any] = [_form(list(store.records(kind))) for kind in ("documents", "people", "events", "sources")]
    found.append(_form(store.select("documents", {"sectors": {"mining"}})))
    found.append(_form(store.select("documents", {"parties.country": {"NO"}}, starting=since)))
    found.append(_form(store.select("documents", {"amount.currency": {"USD"}})))
    found.append(_form(store.select("events", {"kind": {"visit"}})))
    found.append(_form([store.first_with_id("d3")]))
    found.append(_form(list(store.naming("d3"))))
    hits = [(kind, r) for kind, r in store.holding([["ministry"]]) if (kind, r.id) in holders]
    found.append(_form(hits))
    found.append(_form(store.values("documents", "sectors")))
    found.append(_form(store.by_ids("people", {"p1", "p2", "nobody"})))
    return found


def tables_of(path: Path) -> list[Any]:
    """Every row of every table of an exported database (FTS5's own tables too)."""
    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(name, sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr)) for name in names]


class Fuzz:
    """One dataset file, its valid entry, the right answers, and the inputs made from it."""

    def __init__(self, folder: Path, seed: int) -> None:
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        self.folder = folder
        self.path = folder / "big.json"
        source = json.dumps(generate(200, seed=seed)).encode()
        self.path.write_bytes(source)
        os.utime(self.path, (time.time() - 3600, time.time() - 3600))
        self.stat = self.path.stat()
        self.dataset = parse_bytes(source, "big.json")
        every = m.iter_records(self.dataset, sources=True)
        self.holders = {(kind, r.id) for kind, r in every if "ministry" in st.search_text(r)}
        self.truth = questions(st.MemoryStore(self.dataset), self.holders)
        head = compiled.header(self.path, self.stat, source)
        assert head is not None
        compiled.write(self.path, self.stat, self.dataset, head)
        key = keys.file_key(self.path, self.stat, m.SCHEMA_VERSION)
        assert key is not None
        self.entry, self.stamp = compiled.entry_files(self.path, key)
        self.valid = self.entry.read_bytes()
        self.exported = folder / "export.db"
        self.export_truth = self._export(lambda p: build(self.dataset, p))
        self.rng = random.Random(seed)
        self.other = folder / "other.db"
        with sqlite3.connect(self.other) as db:
            db.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT)")
            db.executemany("INSERT INTO documents VALUES (?, ?)", [(f"d{i}", "planted") for i in range(100)])
        self.planted = folder / "planted.db"

    def _export(self, write: Callable[[Path], None]) -> list[Any]:
        self.exported.unlink(missing_ok=True)
        self.exported.touch()
        write(self.exported)
        return tables_of(self.exported)

    def flips(self) -> bytes:
        data = bytearray(self.valid)
        for _ in range(self.rng.randrange(1, 9)):
            data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
        return bytes(data)

    def cut(self) -> bytes:
        return self.valid[: self.rng.randrange(len(self.valid))]

    def page_overwritten(self) -> bytes:
        at = self.rng.randrange(len(self.valid) // 4096) * 4096
        return self.valid[:at] + self.rng.randbytes(4096) + self.valid[at + 4096 :]

    def another_database(self) -> bytes:
        return self.other.read_bytes()

    def planted_schema(self) -> bytes:
        self.planted.write_bytes(self.valid)
        with sqlite3.connect(self.planted) as db:
            if self.rng.random() < 0.5:
                db.execute("CREATE TRIGGER t AFTER INSERT ON documents BEGIN SELECT 1; END")
            else:
                db.execute("CREATE VIEW v AS SELECT 1")
        return self.planted.read_bytes()

    def random_bytes(self) -> bytes:
        return self.rng.randbytes(self.rng.randrange(0, 65536))

    def check(self, data: bytes, *, planted: bool, export: bool) -> tuple[str, list[str]]:
        """Put ``data`` in the entry's place and ask every question: how the entry did, and the questions it
        answered wrong. The entry's stat is stamped as its own (damage the stat cannot see); its CRC-32 is the
        valid entry's for damage, and its own for a database this user planted."""
        self.entry.unlink(missing_ok=True)
        self.entry.write_bytes(data)
        crc = zlib.crc32(data if planted else self.valid)
        keys.write_private(self.stamp, compiled.stamp_text(os.lstat(self.entry), crc))
        ds = compiled.open_entry(self.path, self.stat, lambda: self.dataset)
        if ds is None:
            return "refused", []
        store = st.store_of(ds)
        assert isinstance(store, SqliteStore)
        got = questions(store, self.holders)
        wrong = [NAMES[at] for at, (answer, truth) in enumerate(zip(got, self.truth, strict=True)) if answer != truth]
        if export and self._export(lambda p: build(ds, p)) != self.export_truth:
            wrong.append("export -f sqlite")
        return ("answered" if store._fallback is None else "fell back"), wrong


def main(inputs: int, seed: int) -> int:
    """Fuzz the SQLite entry with ``inputs`` inputs; 0 when every answer was the file's own."""
    memory = Path("/dev/shm")  # an input is a few files written and read: in memory where the system has it
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else None) as scratch:
        fuzz = Fuzz(Path(scratch), seed)
        makers: list[tuple[str, Callable[[], bytes], bool]] = [
            ("bit flips", fuzz.flips, False),
            ("cuts", fuzz.cut, False),
            ("a page of random bytes", fuzz.page_overwritten, False),
            ("another database", fuzz.another_database, True),
            ("planted trigger or view", fuzz.planted_schema, True),
            ("random bytes", fuzz.random_bytes, True),
        ]
        counts: Counter[str] = Counter()
        outcomes: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        started = time.perf_counter()
        for i in range(inputs):
            name, make, planted = makers[i % len(makers)]
            data = make()
            try:
                outcome, mistaken = fuzz.check(data, planted=planted, export=i % 60 < len(makers))
            except Exception:
                print(f"TRACEBACK on input {i} ({name}), seed {seed}", flush=True)
                raise
            counts[name] += 1
            outcomes[outcome] += 1
            if (i + 1) % 2_000 == 0:
                so_far = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                print(f"{i + 1} inputs: {sum(wrong.values())} wrong answers, {so_far}", file=sys.stderr, flush=True)
            for question in mistaken:
                if not wrong:
                    kept = Path(tempfile.gettempdir()) / f"fuzz-sqlite-wrong-{seed}-{i}.db"
                    kept.write_bytes(data)
                    print(f"wrong answer on input {i} ({name}, seed {seed}): {question}; input kept in {kept}")
                wrong[f"{question} after {name}"] += 1
        for name, count in counts.items():
            print(f"{name}: {count}")
        for question, count in sorted(wrong.items()):
            print(f"WRONG: {question}: {count}")
        spent = time.perf_counter() - started
        print(
            f"total: {inputs} inputs ({len(NAMES)} questions each, export -f sqlite on 1 in 10) in {spent:.0f} s: "
            f"0 tracebacks, {sum(wrong.values())} wrong answers; the entry was refused at opening "
            f"{outcomes['refused']} times, answered everything {outcomes['answered']} times and fell back to the "
            f"file {outcomes['fell back']}"
        )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1))
