"""A fuzz run of the SQLite entry of a large file (not part of pytest; tests/test_fuzz_cache.py runs a short one).

    python fuzz/fuzz_sqlite.py [INPUTS] [SEED]     # default 2,000 inputs, seed 1

A generated dataset over the size threshold is compiled into its entry once. Each input then
replaces the entry with: the entry with random bit flips, a cut, random bytes written over a page,
another SQLite database, the entry with a planted trigger or view, or random bytes; each input is
stamped as the entry's own (as damage the stamp cannot see, or a plant by this user would be), so
the reading of the database itself is what is tried. Every query (a selection, ``show`` with its
referrers, a search) must then give exactly the file's own answer, with no traceback and without
hanging. Exits 0 when all pass, and prints how many inputs the entry answered and how many fell back.
"""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from gen_data import generate  # noqa: E402 - found through the path above
from silkcli.cli import main as cli_main  # noqa: E402
from silkcli.dataset.cache import compiled, keys  # noqa: E402

QUERIES = [
    ("agreements", "--sector", "mining", "-f", "json"),
    ("agreements", "--party", "NO", "--since", "2020", "-f", "csv"),
    ("show", "d3", "-f", "json"),
    ("search", "ministry", "-f", "json"),
    ("timeline", "--kind", "visit", "-f", "csv"),
]


def run(path: Path, args: tuple[str, ...], *, cached: bool = True) -> tuple[int, str, str]:
    """``silkcli --data PATH ARGS`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    os.environ.pop("SILKCLI_NO_CACHE", None)
    if not cached:
        os.environ["SILKCLI_NO_CACHE"] = "1"
    code = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                cli_main(["--data", str(path), *args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.environ.pop("SILKCLI_NO_CACHE", None)
    return code, out.getvalue(), err.getvalue()


class Fuzz:
    """One large dataset file, its valid entry, and the inputs made from it."""

    def __init__(self, folder: Path, seed: int) -> None:
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        self.path = folder / "big.json"
        self.path.write_text(json.dumps(generate(3000, seed=seed)), encoding="utf-8")
        os.utime(self.path, (time.time() - 3600, time.time() - 3600))
        self.truth = [run(self.path, q, cached=False) for q in QUERIES]
        run(self.path, QUERIES[0])  # writes the entry
        key = keys.file_key(self.path, self.path.stat(), "1")
        assert key is not None
        self.entry, self.stamp = compiled.entry_files(self.path, key)
        self.valid = self.entry.read_bytes()
        self.rng = random.Random(seed)
        self.other = folder / "other.db"
        with sqlite3.connect(self.other) as db:
            db.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT)")
            db.executemany("INSERT INTO documents VALUES (?, ?)", [(f"d{i}", "planted") for i in range(100)])
        self.planted = folder / "planted.db"

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

    def check(self, data: bytes) -> bool:
        """Put ``data`` in the entry's place, stamped as its own; whether the entry still answered."""
        self.entry.unlink(missing_ok=True)
        self.entry.write_bytes(data)
        keys.write_private(self.stamp, compiled._stamp(os.lstat(self.entry)))
        started = time.perf_counter()
        answered = True
        for query, truth in zip(QUERIES, self.truth, strict=True):
            got = run(self.path, query)
            if got != truth:
                raise AssertionError(f"wrong answer to {' '.join(query)}: {got[2][-300:] or got[1][:300]}")
            answered = answered and self.entry.exists() and self.entry.read_bytes() == data
        if time.perf_counter() - started > 120:  # a hang, not a slow machine: a rebuild takes a few seconds
            raise AssertionError("the queries took more than 120 s")
        return answered


def main(inputs: int, seed: int) -> int:
    """Fuzz the SQLite entry with ``inputs`` inputs; 0 when every answer was the file's own."""
    with tempfile.TemporaryDirectory() as scratch:
        fuzz = Fuzz(Path(scratch), seed)
        makers: list[tuple[str, Callable[[], bytes]]] = [
            ("bit flips", fuzz.flips),
            ("cuts", fuzz.cut),
            ("a page of random bytes", fuzz.page_overwritten),
            ("another database", fuzz.another_database),
            ("planted trigger or view", fuzz.planted_schema),
            ("random bytes", fuzz.random_bytes),
        ]
        counts = dict.fromkeys((name for name, _ in makers), 0)
        kept = 0
        started = time.perf_counter()
        for i in range(inputs):
            name, make = makers[i % len(makers)]
            data = make()
            try:
                kept += fuzz.check(data)
            except Exception:
                print(f"FAILED on input {i} ({name}), seed {seed}", flush=True)
                raise
            counts[name] += 1
        for name, count in counts.items():
            print(f"{name}: {count}")
        print(f"total: {inputs} inputs ({len(QUERIES)} queries each) in {time.perf_counter() - started:.0f} s, ")
        print(f"0 tracebacks, 0 wrong answers; the entry itself answered after {kept}, the file after the rest")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1))
