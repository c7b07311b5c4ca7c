"""A long fuzz run of the cache reader with random and adversarial entries (not part of pytest).

    python fuzz/fuzz_cache.py [INPUTS] [SEED]     # default 100,000 inputs, seed 1

Each input is written in the place of a dataset file's cache entry, and the
loader's reading of the cache (``entries.get`` with the loader's own
``verify``) is asked for it. Inputs: random bytes; a valid entry with random
flips, cuts, insertions and splices; entries of every kind with the right key
and random payloads; stamps of any checksum; well-formed entries planting
control characters, bidi overrides and dangling references; and, now and then,
a FIFO, a link to /dev/zero or a folder in the entry's place. The only allowed
outcomes are a miss (None), a stamp (the loader then checks the file's bytes
against it and decodes those), or a dataset that passes every check the source
file would; the untouched entry must give back the very dataset. Anything else,
an exception or a wait of more than a few seconds, fails the run.

The SQLite entry of a large file (:mod:`silkcli.dataset.cache.compiled`) is fuzzed by
``fuzz_sqlite.py`` beside this file. Exits 0 when all pass.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from silkcli.dataset import load  # noqa: E402 - found through the path above
from silkcli.dataset import model as m  # noqa: E402
from silkcli.dataset.cache import entries, keys  # noqa: E402

MAGIC = entries._MAGIC
PLANTS = ("\x1b]0;owned\x07", "\x1b[2J", "\u202e", "\x85", "\x00", "not-a-source")


def _planted(good: m.Dataset, rng: random.Random) -> m.Dataset:
    """The dataset with one text or reference replaced by something the source file could never pass."""
    plant = rng.choice(PLANTS)
    if plant == "not-a-source":
        return msgspec.structs.replace(good, sectors=(msgspec.structs.replace(good.sectors[0], source=plant),))
    country = msgspec.structs.replace(good.countries[0], name=f"A{plant}B")
    return msgspec.structs.replace(good, countries=(country, *good.countries[1:]))


class Fuzz:
    """One dataset file, its valid entry, and the inputs made from them."""

    def __init__(self, folder: Path, seed: int) -> None:
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        self.path = folder / "data.yaml"
        shutil.copy(ROOT / "tests" / "bad_data" / "_valid_base.yaml", self.path)
        os.utime(self.path, (time.time() - 3600, time.time() - 3600))
        self.good = load.load_dataset(self.path)  # writes the valid entry
        self.entry = keys.entry_file(self.path, ".msgpack")
        self.valid = self.entry.read_bytes()
        key = keys.file_key(self.path, self.path.stat(), m.SCHEMA_VERSION)
        assert key is not None
        self.head = key.header(MAGIC, self.path.read_bytes() if keys.needs_digest(self.path.stat()) else None)
        self.rng = random.Random(seed)

    def random_bytes(self) -> bytes:
        return self.rng.randbytes(self.rng.randrange(0, 4096))

    def mutated(self) -> bytes:
        data = bytearray(self.valid)
        for _ in range(self.rng.randrange(1, 8)):
            at = self.rng.randrange(len(data))
            action = self.rng.randrange(4)
            if action == 0:
                data[at] ^= 1 << self.rng.randrange(8)
            elif action == 1:
                del data[at:]
            elif action == 2:
                data[at:at] = self.rng.randbytes(self.rng.randrange(1, 64))
            else:
                data[at : at + 64] = self.valid[self.rng.randrange(len(self.valid)) :][:64]
            if not data:
                break
        return bytes(data)

    def right_key_random_payload(self) -> bytes:
        return self.head + self.rng.choice([b"M", b"S", b"J", b"X"]) + self.random_bytes()

    def stamp(self) -> bytes:
        return self.head + b"J" + msgspec.msgpack.encode(entries.Validated(self.rng.randrange(2**32), 10**6))

    def planted(self) -> bytes:
        payload = msgspec.msgpack.encode(_planted(self.good, self.rng), enc_hook=m.encode_hook)
        return self.head + b"M" + zlib.crc32(payload).to_bytes(4, "big") + payload

    def check(self, data: bytes | None, *, special: str = "") -> None:
        """Put ``data`` (or a special file) in the entry's place and ask the cache; fail on any bad outcome."""
        if self.entry.is_dir() and not self.entry.is_symlink():
            self.entry.rmdir()
        else:
            self.entry.unlink(missing_ok=True)
        if special == "fifo":
            os.mkfifo(self.entry)
        elif special == "zero":
            self.entry.symlink_to("/dev/zero")
        elif special == "dir":
            self.entry.mkdir()
        else:
            assert data is not None
            self.entry.write_bytes(data)
        started = time.perf_counter()
        found = entries.get(self.path, self.path.stat(), verify=load._still_valid)
        if time.perf_counter() - started > 5:
            raise AssertionError("the cache took more than 5 s to answer")
        if data == self.valid:
            assert found == self.good, "the untouched entry must give the dataset back"
        elif isinstance(found, entries.Validated):  # the loader decodes the file's bytes only if they match
            if found.matches(self.path.read_bytes()):
                raise AssertionError("a stamp of other bytes matched the file")
        elif found is not None and not load._still_valid(found):
            raise AssertionError("a dataset that fails the checks came out of the cache")


def main(inputs: int, seed: int) -> int:
    """Fuzz the cache reader with ``inputs`` entries; 0 when every outcome was allowed."""
    with tempfile.TemporaryDirectory() as scratch:
        fuzz = Fuzz(Path(scratch), seed)
        makers: list[tuple[str, Callable[[], bytes]]] = [
            ("random bytes", fuzz.random_bytes),
            ("mutations of a valid entry", fuzz.mutated),
            ("right key, random payload", fuzz.right_key_random_payload),
            ("stamps of other bytes", fuzz.stamp),
            ("planted text and references", fuzz.planted),
            ("the valid entry", lambda: fuzz.valid),
        ]
        counts = dict.fromkeys([name for name, _ in makers] + ["fifo, link to /dev/zero, folder"], 0)
        started = time.perf_counter()
        for i in range(inputs):
            if i % 500 == 499:
                special = fuzz.rng.choice(["fifo", "zero", "dir"])
                fuzz.check(None, special=special)
                counts["fifo, link to /dev/zero, folder"] += 1
                continue
            name, make = makers[i % len(makers)]
            data = make()
            try:
                fuzz.check(data)
            except Exception:
                print(f"FAILED on input {i} ({name}), seed {seed}: {data[:200]!r}…", flush=True)
                raise
            counts[name] += 1
        for name, count in counts.items():
            print(f"{name}: {count}")
        print(f"total: {inputs} inputs in {time.perf_counter() - started:.0f} s, 0 failures")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1))
