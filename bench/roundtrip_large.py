"""The lossless round trip over 100,000 generated records (too slow for the test run).

    python bench/roundtrip_large.py [RECORDS]

Generates RECORDS records with ``tests/gen_data.py`` (every statistic marker,
every date precision, YAML 1.1 look-alikes), then runs the CLI as a user
would: ``export -f yaml`` → ``validate`` → ``export -f json`` → ``export``
again from the JSON, in both formats. Exits 1 unless both exports come back
byte for byte and the final load equals the generated records. Prints the
time of each step. ``tests/test_roundtrip.py`` does the same for 1,000.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from gen_data import generate  # noqa: E402 - a test helper, found through the path above
from silkcli.dataset import load as store  # noqa: E402
from silkcli.dataset import model as m  # noqa: E402


def _silkcli(*args: str) -> float:
    """Run ``python -m silkcli ARGS`` without the cache; fail loudly; return the seconds it took."""
    started = time.perf_counter()
    env = {**os.environ, "SILKCLI_NO_CACHE": "1"}
    subprocess.run([sys.executable, "-m", "silkcli", *args], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(records: int) -> int:
    """Run the round trip; 0 when nothing was lost."""
    folder = Path(tempfile.mkdtemp(prefix="silkcli-roundtrip-"))
    started = time.perf_counter()
    data = generate(records, seed=records)
    source = folder / "generated.yaml"
    source.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"generate {records} records: {time.perf_counter() - started:.1f} s, {source.stat().st_size / 2**20:.1f} MiB")
    a, b, c, d = (folder / name for name in ("a.yaml", "b.json", "c.yaml", "d.json"))
    steps = [
        ("export -f yaml", ["--data", str(source), "export", "-f", "yaml", "-o", str(a)]),
        ("validate", ["validate", str(a)]),
        ("export -f json", ["--data", str(a), "export", "-f", "json", "-o", str(b)]),
        ("export -f yaml from json", ["--data", str(b), "export", "-f", "yaml", "-o", str(c)]),
        ("export -f json from json", ["--data", str(b), "export", "-f", "json", "-o", str(d)]),
    ]
    for label, args in steps:
        print(f"{label}: {_silkcli(*args):.1f} s")
    same = a.read_bytes() == c.read_bytes() and b.read_bytes() == d.read_bytes()
    equal = store.load_dataset(b, use_cache=False) == msgspec.convert(data, m.Dataset, dec_hook=m.decode_hook)
    print(f"exports identical: {same}; final load equals the generated records: {equal}")
    print(f"total: {time.perf_counter() - started:.1f} s")
    if same and equal:
        shutil.rmtree(folder, ignore_errors=True)
        return 0
    print(f"files kept for inspection in {folder}")
    return 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
