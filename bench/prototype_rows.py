"""A measured prototype for issue 24's warm-query target: rows stored ready in the entry (not part of pytest).

    python bench/prototype_rows.py DATA.json [RUNS]

The warm query decodes each selected document into the model and renders it; the alternative
measured here stores, when the entry is compiled, each document's row as ``agreements -f json``
prints it (default fields), so that a query selects by the entry's own index and writes the rows it
finds, decoding nothing. It copies the file's SQLite entry (made by a first run), adds a table
``proto_rows`` of those rows (from ``silkcli agreements -f jsonl`` of the whole file), and times,
alternated: silkcli's warm query; a Python process that imports Typer and sqlite3, runs the same
selection on the entry's own tables and writes the stored rows; and ``sqlite3`` printing the same rows.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SELECT = (
    "SELECT r.json FROM documents_sectors s JOIN documents d ON d.id = s.document"
    " JOIN proto_rows r ON r.id = d.rowid WHERE s.sector = 'mining' ORDER BY d.signed, d.rowid"
)
PROTOTYPE = (
    "import sys, typer, sqlite3\n"
    "db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro&immutable=1', uri=True)\n"
    f"rows = [r[0] for r in db.execute({SELECT!r})]\n"
    "sys.stdout.write('[\\n  ' + ',\\n  '.join(rows) + '\\n]\\n')\n"
)


def main(data: Path, runs: int) -> None:
    """Build the prototype's database beside a copy of the entry and time the three commands alternated."""
    silk = str(Path(sys.executable).parent / "silkcli")
    work = Path(tempfile.mkdtemp(prefix="silkcli-proto-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    try:
        subprocess.run([silk, "--data", str(data), "agreements", "-n", "1"], env=env, check=True, capture_output=True)
        (entry,) = (work / "cache" / "silkcli").glob("*.sqlite")
        proto = work / "proto.db"
        shutil.copy(entry, proto)
        lines = (
            subprocess.run(
                [silk, "--data", str(data), "agreements", "--sort", "id", "-f", "jsonl"],
                env=env,
                check=True,
                capture_output=True,
            )
            .stdout.decode()
            .splitlines()
        )
        with sqlite3.connect(proto) as db:
            ids = dict(db.execute("SELECT id, rowid FROM documents"))
            db.execute("CREATE TABLE proto_rows (id INTEGER PRIMARY KEY, json TEXT)")
            rows = ((ids[line[7 : line.index('"', 7)]], line) for line in lines)
            db.executemany("INSERT INTO proto_rows VALUES (?, ?)", rows)
        commands = {
            "silkcli warm query": ["/bin/sh", "-c", f"{silk} --data {data} agreements --sector mining -f json | wc -l"],
            "prototype: typer + sqlite3, rows stored ready": [
                "/bin/sh",
                "-c",
                f"{sys.executable} -c {_sh(PROTOTYPE)} {proto} | wc -l",
            ],
            "sqlite3, the same rows": ["/bin/sh", "-c", f"sqlite3 {proto} {_sh(SELECT + ';')} | wc -l"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                start = time.perf_counter()
                done = subprocess.run(argv, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
                assert int(done.stdout) > 1000, done.stdout
        base = statistics.median(times["sqlite3, the same rows"])
        for name, spent in times.items():
            middle = statistics.median(spent)
            print(f"| {name} | {middle * 1000:.0f} ms | {middle / base:.1f}x sqlite3 |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sh(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7)
