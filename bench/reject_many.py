"""How long a file with many reader-level problems takes to reject, end to end (too slow a bound for tests).

    python bench/reject_many.py [PROBLEMS]

Writes a file with PROBLEMS problems of four kinds (undefined aliases, tags, keys given twice,
escaped control characters), runs ``silkcli --data FILE validate`` as a user would and prints the
seconds it took. Exits 1 unless the run exits 3 with every problem listed, within a generous bound
of 2 s for 8,000 problems (each placed by rescanning the text from its start, 8,000 took 21 s).
``tests/test_reader_limits.py`` checks the growth: four times the problems, about four times the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from test_reader_limits import _many_problems  # noqa: E402 - a test helper, found through the path above

BOUND_PER_PROBLEM = 2.0 / 8_000


def main() -> int:
    """Run the rejection once and report it."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 8_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "many.yaml"
        size = path.write_text(_many_problems(count), encoding="utf-8")
        env = {**os.environ, "SILKCLI_NO_CACHE": "1"}
        started = time.perf_counter()
        command = [sys.executable, "-m", "silkcli", "--data", str(path), "validate"]
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        seconds = time.perf_counter() - started
    listed = result.stderr.count(f"{path}:")
    print(f"{count} problems ({size} characters): exit {result.returncode}, {listed} listed, {seconds:.2f} s")
    ok = result.returncode == 3 and listed == count and seconds < max(1.0, BOUND_PER_PROBLEM * count)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
