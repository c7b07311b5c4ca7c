"""Run every case of the performance targets (issues 5, 10, 15 and 24) and print them as a Markdown table.

    python bench/run.py            # full run (about 12 minutes on 2 cores)
    python bench/run.py --quick    # fewer repetitions, one 100k YAML load
    python bench/run.py --startup  # the start-up rows alone (a few minutes)
    python bench/run.py --large    # also 1,000,000 documents as JSON (about 10 more minutes, 4 GB of RAM)

By default the package is built as a wheel and installed, non-editable, into
a temporary virtual environment (dependencies from the package index, ``.pyc``
files compiled with ``compileall``); ``--current`` measures the environment
running this script instead. Each case is timed as a whole process, the
commands of a group alternating so that drift in machine load touches them
all alike; the table gives the median, the min-max, the ratio to the case's
reference (``python -c "import typer"`` with the same Typer; ``sqlite3`` on a
reference database of the same documents; or a floor row, such as the JSON
decoded into the model or PyYAML's C loader reading the YAML) and the target
with a pass or fail mark. Peak RSS is taken
in a separate run of each case with ``/usr/bin/time -f %M`` (or ``getrusage``
when that is missing). Not part of pytest: timings are not tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

import gen

Done = subprocess.CompletedProcess[bytes]
ROOT = Path(__file__).resolve().parent.parent
JQ_SELECT = (
    '[.documents[] | select(.sectors | index("mining"))] | sort_by(.signed)'
    ' | map({id, signed, type, sectors, title, parties: [.parties[] | "\\(.country): \\(.body // "unknown")"]})'
)
QUERY = ["agreements", "--sector", "mining", "-f", "json"]
#: About 1% of the generated documents: one sector of 15 (a document has one to three), one type of 6,
#: one status of 3.
NARROW = ["agreements", "--sector", "mining", "--type", "mou", "--status", "signed", "-f", "json"]
#: A selection whose size does not grow with the dataset: the documents one person signed (about 5).
FIXED = ["agreements", "--signatory", "person-000123", "-f", "json"]
#: One quarter's documents (about 0.6% of them): the index of dates answers it.
QUARTER = ["agreements", "--since", "2020", "--until", "2020-03", "-f", "json"]
#: The name of the start-up reference case, which the other ratios to ``import typer`` divide by.
TYPER = "python -c 'import typer'"
#: A record to show, present at every size.
SHOWN = "doc-0000777"
#: What any query on any dataset must import before it reads a byte: Typer, msgspec (the schema library)
#: and the model's types, with the collector paused as silkcli pauses it. Not a target: the floor the
#: start-up targets are measured against (see the README's "What the times are made of").
FLOOR_IMPORTS = "import gc; gc.disable(); import typer, msgspec, silkcli.dataset.model"
#: What any first load of a JSON file must do at least: decode it into the model's types, unchecked
#: and uncached (the file's path is the argument).
FLOOR_DECODE = (
    "import gc, sys, msgspec; gc.disable(); from silkcli.dataset import model as m; "
    "msgspec.json.decode(open(sys.argv[1], 'rb').read(), type=m.Dataset, dec_hook=m.decode_hook)"
)
#: What any first load of a YAML file must do at least: PyYAML's C loader reading it.
FLOOR_YAML = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
#: The names of the two floor cases, which every comparison with them names.
IMPORT_FLOOR = "floor: import typer, msgspec and the model (no target)"
#: What any Typer CLI that prints Rich tables imports (issue 25: the table query's floor).
RICH_FLOOR = "floor: import typer, rich.console, rich.table (no target)"
#: A Python process running sqlite3's own query on the reference database (the argument) and writing the rows
#: as one JSON array: the floor of a query answered from rows stored ready, with Typer imported or not.
SQL_FLOOR = (
    "import sys, sqlite3\n"
    "db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro&immutable=1', uri=True)\n"
    "rows = [r[0] for r in db.execute(sys.argv[2])]\n"
    "sys.stdout.write('[\\n  ' + ',\\n  '.join(rows) + '\\n]\\n')\n"
)


@dataclass
class Case:
    """One command line to time, and what it is compared with."""

    name: str
    argv: list[str]
    #: name of the case whose median is the denominator of the ratio
    ref: str | None = None
    #: largest allowed ratio to ``ref``, seconds, and peak RSS in MB
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_rss_mb: float | None = None
    #: a fresh, empty cache directory for every run ("first run")
    fresh_cache: bool = False
    #: extra environment variables
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    rss_mb: float | None = None

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)


@dataclass
class Env:
    """Where the measured programs live and what they run with."""

    bin: Path
    python: Path
    env: dict[str, str]
    work: Path
    note: str

    def run(self, case: Case, *, cache: Path | None = None, argv: Sequence[str] = ()) -> tuple[float, Done]:
        """Run ``case`` (or ``argv`` in its environment) once; the whole process's wall time in seconds."""
        env = {**self.env, **case.env}
        if cache is not None:
            env["XDG_CACHE_HOME"] = str(cache)
        start = time.perf_counter()
        done = subprocess.run(argv or case.argv, env=env, capture_output=True, check=False)
        return time.perf_counter() - start, done


def say(text: str) -> None:
    """Progress for the person waiting, on stderr."""
    print(text, file=sys.stderr, flush=True)


def clean_env(bin_dir: Path, cache: Path) -> dict[str, str]:
    """This environment without variables that change what is measured."""
    drop = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV", "NO_COLOR", "FORCE_COLOR")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("SILKCLI_")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["XDG_CACHE_HOME"] = str(cache)
    env["COLUMNS"] = "120"
    return env


def install(work: Path, typer_spec: str | None) -> tuple[Path, str]:
    """Build a wheel of the checkout and install it into a new virtual environment."""
    venv, dist = work / "venv", work / "dist"
    say("building the wheel and installing it into a temporary virtual environment ...")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(ROOT)], check=True)
    (wheel,) = dist.glob("silkcli-*.whl")
    subprocess.run([*pip, "install", str(wheel)], check=True)
    if typer_spec:
        subprocess.run([*pip, "install", typer_spec], check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([str(python), "-m", "compileall", "-q", "-j0", site], check=True, stdout=subprocess.DEVNULL)
    note = f"installed package: {wheel.name} in a temporary venv, .pyc compiled with compileall"
    return venv / "bin", note


def versions(python: Path, env: dict[str, str]) -> dict[str, str]:
    """Versions of the measured interpreter and libraries."""
    code = (
        "import sys, importlib.metadata as md\n"
        "print(sys.version.split()[0])\n"
        "for name in ('typer', 'rich', 'msgspec', 'pyyaml', 'silkcli'):\n"
        "    print(md.version(name))\n"
    )
    out = subprocess.run([str(python), "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return dict(zip(("python", "typer", "rich", "msgspec", "pyyaml", "silkcli"), out.split(), strict=True))


def machine() -> str:
    """nproc and CPU model."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    return f"{os.cpu_count()} CPUs, {model}, {platform.system()} {platform.release()}"


def shell(command: str) -> list[str]:
    """A pipeline, run by sh (the way a user types it)."""
    return ["/bin/sh", "-c", command]


def quote(argv: Sequence[str]) -> str:
    """Shell-quoted command line."""

    return " ".join(shlex.quote(a) for a in argv)


def startup_cases(env: Env) -> list[Case]:
    """The bundled dataset: start-up against ``import typer``."""
    silk, py = str(env.bin / "silkcli"), str(env.python)
    complete = {"_SILKCLI_COMPLETE": "complete_bash", "COMP_WORDS": "silkcli agreements --sector ", "COMP_CWORD": "3"}
    ref = TYPER
    stored = [env.work / "rows.json", env.work / "sectors.json"]  # what the stored-rows prototype reads
    for path, listing in zip(stored, ("agreements", "sectors"), strict=True):
        path.write_bytes(
            subprocess.run([silk, listing, "-f", "json"], env=env.env, capture_output=True, check=True).stdout
        )
    return [
        Case(ref, [py, "-c", "import typer"]),
        Case("python -c pass (floor)", [py, "-c", "pass"]),
        Case(IMPORT_FLOOR, [py, "-c", FLOOR_IMPORTS], ref=ref),
        # issue 15 tightened these from 1.2 / 1.5 / 1.3 / 1.3 (issue 10's)
        Case("agreements --sector mining -f json", [silk, *QUERY], ref=ref, max_ratio=1.1),
        Case("… -f table --width 120", [silk, *QUERY[:3], "-f", "table", "--width", "120"], ref=ref, max_ratio=1.3),
        Case(RICH_FLOOR, [py, "-c", "import typer, rich.console, rich.table"], ref=ref),
        Case(
            "prototype: the same query from stored rows, no msgspec, no model (no target)",
            [
                py,
                str(ROOT / "bench" / "prototype_table.py"),
                *map(str, stored),
                *QUERY[:3],
                "-f",
                "table",
                "--width",
                "120",
            ],
            ref=RICH_FLOOR,
        ),
        Case(
            "… -f table --width 120, against the Rich floor",
            [silk, *QUERY[:3], "-f", "table", "--width", "120"],
            ref=RICH_FLOOR,
            max_ratio=1.1,
        ),
        Case("first run after install (no cache)", [silk, *QUERY], ref=ref, max_ratio=1.5, fresh_cache=True),
        Case("completion of --sector values", [silk], ref=ref, max_ratio=1.0, env=complete),
        Case("agreements --help", [silk, "agreements", "--help"], ref=ref, max_ratio=1.0),
        Case("silkcli --help", [silk, "--help"], ref=ref, max_ratio=1.0),
        Case("brief -f html", [silk, "brief", "-f", "html"], ref=ref, max_ratio=1.15),
        # issue 28: checking a 2,000-word draft costs at most twice listing every document as JSON
        Case("agreements -f json", [silk, "agreements", "-f", "json"], ref=ref),
        Case(
            "check a 2,000-word draft",
            [silk, "check", str(check_draft(env.work))],
            ref="agreements -f json",
            max_ratio=2.0,
        ),
    ]


def check_draft(folder: Path, words: int = 2000) -> Path:
    """A Markdown draft of ``words`` words made of the check corpus's sentences (three languages, every claim kind)."""
    import yaml  # noqa: PLC0415 - only this case needs it

    corpus = yaml.safe_load((ROOT / "tests" / "data" / "check" / "corpus.yaml").read_text(encoding="utf-8"))
    lines: list[str] = []
    count = 0
    while count < words:
        lines.append(corpus[len(lines) % len(corpus)]["text"])
        count += len(lines[-1].split())
    path = folder / "draft.md"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_cases(env: Env, d10k: Path, d100k: Path) -> list[Case]:
    """Warm queries on generated data, against sqlite3 on a reference database of the same documents."""
    silk = str(env.bin / "silkcli")
    jq = "jq on 100k JSON, same selection (no target)"
    query = quote(QUERY)
    data = quote([silk, "--data", str(d100k)])
    warm = shell(f"{data} {query} | wc -l")
    database = sqlite_reference(d100k.with_suffix(".json"), env.work / "reference.db")
    ref, match = reference_cases(database, "100k")
    return [
        ref,
        match,
        *sql_floors(env, database, "100k", ref, match),
        Case(jq, shell(f"jq {quote([JQ_SELECT, str(d100k.with_suffix('.json'))])} | wc -l")),
        Case("10k docs, warm query, piped to wc -l", shell(f"{quote([silk, '--data', str(d10k)])} {query} | wc -l")),
        Case("100k docs, warm query, piped to wc -l", warm, ref=ref.name, max_ratio=3.0, max_rss_mb=100),
        Case("100k docs, warm, ~1% of them", shell(f"{data} {quote(NARROW)} | wc -l")),
        Case("100k docs, warm, one person's documents", shell(f"{data} {quote(FIXED)} | wc -l")),
        Case("100k docs, warm, one quarter's documents", shell(f"{data} {quote(QUARTER)} | wc -l")),
        Case(f"100k docs, warm, show {SHOWN}", [silk, "--data", str(d100k), "show", SHOWN, "-f", "json"], ref=TYPER),
        Case(
            f"100k docs, warm, search {gen.RARE_WORD}",
            shell(f"{data} search {gen.RARE_WORD} -f json | wc -l"),
            ref=match.name,
            max_ratio=3.0,
        ),
        Case(f"{IMPORT_FLOOR}, against sqlite3", [str(env.python), "-c", FLOOR_IMPORTS], ref=ref.name),
    ]


def sql_floors(env: Env, database: Path, size: str, ref: Case, match: Case, select: str | None = None) -> list[Case]:
    """Python answering sqlite3's own selection and search on ``database``, with and without Typer: how far any
    Python program, and any Typer CLI, is above sqlite3 before it does anything of its own."""
    py = str(env.python)
    cases = []
    for sql, against, what in ((select or SQLITE_SELECT, ref, "selection"), (SQLITE_MATCH, match, "MATCH")):
        for with_typer in (False, True):
            code = ("import typer\n" if with_typer else "") + SQL_FLOOR
            name = f"floor: Python{' and Typer' if with_typer else ''}, sqlite3's own {what} on the {size} reference"
            run = shell(f"{quote([py, '-c', code, str(database), sql])} | wc -l")
            cases.append(Case(f"{name} database (no target)", run, ref=against.name))
    return cases


def reference_cases(database: Path, size: str, select: str | None = None) -> tuple[Case, Case]:
    """sqlite3 answering a selection (default :data:`QUERY`'s) and the search for the rare word on ``database``."""
    select = select or SQLITE_SELECT
    ref = Case(
        f"sqlite3 on the {size} reference database, same selection",
        shell(f"sqlite3 {quote([str(database), select])} | wc -l"),
    )
    match = Case(
        f"sqlite3 on the {size} reference database, FTS5 MATCH {gen.RARE_WORD}",
        shell(f"sqlite3 {quote([str(database), SQLITE_MATCH])} | wc -l"),
    )
    return ref, match


#: The selection of :data:`QUERY`, in SQL: each matching document's printed fields as one JSON line.
SQLITE_SELECT = (
    "SELECT d.json FROM document_sectors s JOIN documents d ON d.rowid = s.doc"
    " WHERE s.sector = 'mining' ORDER BY d.signed, d.rowid;"
)
#: The selection of :data:`NARROW`, in SQL.
SQLITE_NARROW = (
    "SELECT d.json FROM document_sectors s JOIN documents d ON d.rowid = s.doc"
    " WHERE s.sector = 'mining' AND d.type = 'mou' AND d.status = 'signed' ORDER BY d.signed, d.rowid;"
)
#: The search for the rare word, in SQL: the FTS5 trigram index of each document's printed fields.
SQLITE_MATCH = (
    "SELECT d.json FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
    f" WHERE documents_fts MATCH '{gen.RARE_WORD}' ORDER BY rank;"
)


class _Printed(msgspec.Struct):
    """The fields of a generated document the reference database holds (the others are skipped unread)."""

    id: str
    signed: str
    type: str
    status: str
    sectors: list[str]
    title: str
    parties: list[dict[str, object]]


class _Documents(msgspec.Struct):
    documents: list[_Printed]


def sqlite_reference(source: Path, target: Path) -> Path:
    """The documents in SQLite, as issues 15 and 24 measure against: the printed fields of each as JSON, an
    index on (sector, document) so that a sector's documents are found without a scan, and an FTS5 trigram
    index of that JSON."""
    say(f"building the sqlite3 reference database of {source.name} ...")
    target.unlink(missing_ok=True)
    documents = msgspec.json.decode(source.read_bytes(), type=_Documents).documents
    encode = msgspec.json.encode
    with sqlite3.connect(target) as db:
        db.execute("CREATE TABLE documents (signed TEXT, type TEXT, status TEXT, json TEXT)")
        db.execute("CREATE TABLE document_sectors (sector TEXT, doc INTEGER)")
        rows = (
            (n, d.signed, d.type, d.status, encode({f: getattr(d, f) for f in _PRINTED}).decode())
            for n, d in enumerate(documents, start=1)
        )
        db.executemany("INSERT INTO documents (rowid, signed, type, status, json) VALUES (?, ?, ?, ?, ?)", rows)
        sectors = ((s, n) for n, d in enumerate(documents, start=1) for s in d.sectors)
        db.executemany("INSERT INTO document_sectors VALUES (?, ?)", sectors)
        db.execute("CREATE INDEX sector_doc ON document_sectors (sector, doc)")
        db.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(json, content=documents, tokenize='trigram')")
        db.execute("INSERT INTO documents_fts (rowid, json) SELECT rowid, json FROM documents")
    return target


_PRINTED = ("id", "signed", "type", "sectors", "title", "parties")


def first_load_cases(env: Env, d100k: Path) -> tuple[Case, Case, Case]:
    """First loads (empty cache) of the 100k dataset as JSON and as YAML, and the floor row of each."""
    silk = str(env.bin / "silkcli")
    floor = Case(
        "floor: the 100k JSON decoded into the model, unchecked (no target)",
        [str(env.python), "-c", FLOOR_DECODE, str(d100k.with_suffix(".json"))],
    )
    as_json = Case(
        "100k docs as JSON, first load",
        [silk, "--data", str(d100k.with_suffix(".json")), *QUERY],
        ref=floor.name,
        max_ratio=2.0,
        fresh_cache=True,
    )
    yaml_floor = Case(
        "floor: PyYAML's CSafeLoader loading the 100k YAML (no target)", [str(env.python), "-c", FLOOR_YAML, str(d100k)]
    )
    as_yaml = Case(
        "100k docs as YAML, first load",
        [silk, "--data", str(d100k), *QUERY],
        ref=yaml_floor.name,
        max_ratio=1.5,
        fresh_cache=True,
    )
    return as_json, floor, as_yaml, yaml_floor


def large_cases(env: Env, d1m: Path) -> list[Case]:
    """1,000,000 documents given as JSON (``--large``): the first load, then warm queries against sqlite3."""
    silk = str(env.bin / "silkcli")
    data = quote([silk, "--data", str(d1m)])
    database = sqlite_reference(d1m, env.work / "reference1m.db")
    ref, match = reference_cases(database, "1M", SQLITE_NARROW)
    return [
        Case(
            "1M docs as JSON, first load",
            [silk, "--data", str(d1m), *NARROW],
            max_seconds=40,
            max_rss_mb=4096,
            fresh_cache=True,
        ),
        ref,
        match,
        *sql_floors(env, database, "1M", ref, match, SQLITE_NARROW),
        Case(
            "1M docs, warm, ~1% of them",
            shell(f"{data} {quote(NARROW)} | wc -l"),
            ref=ref.name,
            max_ratio=3.0,
            max_rss_mb=150,
        ),
        Case(
            f"1M docs, warm, search {gen.RARE_WORD}",
            shell(f"{data} search {gen.RARE_WORD} -f json | wc -l"),
            ref=match.name,
            max_ratio=3.0,
        ),
        Case("1M docs, warm, one person's documents", shell(f"{data} {quote(FIXED)} | wc -l")),
        Case("1M docs, warm, one quarter's documents", shell(f"{data} {quote(QUARTER)} | wc -l")),
        Case(
            f"1M docs, warm, show {SHOWN}",
            [silk, "--data", str(d1m), "show", SHOWN, "-f", "json"],
            ref=TYPER,
            max_ratio=1.5,
        ),
    ]


def export_case(env: Env, d100k: Path) -> Case:
    """The 100k dataset written whole as SQLite (tables, link tables, citations, FTS5), from a warm cache."""
    out = env.work / "export.db"  # each run replaces the last one's database
    return Case(
        "100k docs, export -f sqlite (warm cache)",
        [str(env.bin / "silkcli"), "--data", str(d100k), "export", "-f", "sqlite", "-o", str(out)],
        max_seconds=10,
        max_rss_mb=800,
    )


def check(case: Case, done: Done) -> None:
    """Stop when a run failed or completion offered nothing."""
    if done.returncode != 0:
        sys.exit(f"bench: {case.name} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    if "completion" in case.name and b"mining" not in done.stdout:
        sys.exit(f"bench: completion did not offer 'mining': {done.stdout[:300]!r}")


def time_group(env: Env, cases: list[Case], reps: int) -> None:
    """Time ``reps`` rounds, each running every case once, in order."""
    for case in cases:
        if not case.fresh_cache:  # one untimed run fills the cache and the OS file cache
            check(case, env.run(case)[1])
    for rep in range(reps):
        for case in cases:
            fresh = Path(tempfile.mkdtemp(dir=env.work)) if case.fresh_cache else None
            seconds, done = env.run(case, cache=fresh)
            check(case, done)
            case.times.append(seconds)
            if fresh is not None:
                shutil.rmtree(fresh)
        say(f"  round {rep + 1}/{reps}: " + ", ".join(f"{c.times[-1] * 1000:.0f}" for c in cases) + " ms")


def measure_rss(env: Env, case: Case) -> None:
    """Peak RSS of one run, in MB (of the first program of a pipeline, where the work is)."""
    out = env.work / "rss.txt"
    fresh = Path(tempfile.mkdtemp(dir=env.work)) if case.fresh_cache else None
    wrapper = _rss_wrapper(out)
    piped = case.argv[:2] == ["/bin/sh", "-c"]
    argv = shell(f"{quote(wrapper)} {case.argv[2]}") if piped else [*wrapper, *case.argv]
    env.run(case, cache=fresh, argv=argv)
    case.rss_mb = int(out.read_text().split()[-1]) / 1024
    if fresh is not None:
        shutil.rmtree(fresh)


def _rss_wrapper(out: Path) -> list[str]:
    """A command prefix that writes the peak RSS (KiB) of what it runs to ``out``."""
    if Path("/usr/bin/time").exists():
        return ["/usr/bin/time", "-f", "%M", "-o", str(out)]
    code = "import resource, subprocess, sys; subprocess.run(sys.argv[2:]); "
    code += "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
    return [sys.executable, "-c", code, str(out)]


def verdict(case: Case, by_name: dict[str, Case]) -> tuple[str, str, str]:
    """Ratio, target and mark of one case (a failed mark names the parts that failed)."""
    ratio = case.median / by_name[case.ref].median if case.ref else None
    parts: list[tuple[str, bool]] = []
    if case.max_ratio is not None:
        name = f"≤ {case.max_ratio:g}× " + ("sqlite3" if "sqlite3" in (case.ref or "") else "ref")
        name = f"≤ {case.max_ratio:g}× the floor" if (case.ref or "").startswith("floor") else name
        parts.append((name, ratio is not None and ratio <= case.max_ratio))
    if case.max_seconds is not None:
        parts.append((f"≤ {case.max_seconds:g} s", case.median <= case.max_seconds))
    if case.max_rss_mb is not None:
        parts.append((f"≤ {case.max_rss_mb:g} MB RSS", case.rss_mb is not None and case.rss_mb <= case.max_rss_mb))
    failed = [name for name, ok in parts if not ok]
    mark = "" if not parts else "✅ pass" if not failed else "❌ FAIL"
    if failed and len(parts) > 1:
        mark += f" ({'; '.join(failed)})"
    return (f"{ratio:.2f}×" if ratio is not None else ""), ", ".join(name for name, _ in parts), mark


def seconds(value: float) -> str:
    """Milliseconds below a second, seconds above."""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(cases: list[Case], growth: tuple[Case, Case] | None, fixed: tuple[Case, Case] | None = None) -> str:
    """The Markdown results table."""
    by_name = {c.name: c for c in cases}
    lines = [
        "| case | median | min–max | peak RSS | ratio | target | |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for case in cases:
        ratio, target, mark = verdict(case, by_name)
        spread = f"{seconds(min(case.times))}–{seconds(max(case.times))}"
        rss = f"{case.rss_mb:.0f} MB" if case.rss_mb is not None else ""
        lines.append(f"| {case.name} | {seconds(case.median)} | {spread} | {rss} | {ratio} | {target} | {mark} |")
    if growth is not None:
        ratio = growth[1].median / growth[0].median
        mark = "✅ pass" if ratio <= 12 else "❌ FAIL"
        lines.append(f"| growth 10k → 100k docs, warm query | | | | {ratio:.1f}× | ≤ 12× | {mark} |")
    if fixed is not None:
        ratio = fixed[1].median / fixed[0].median
        mark = "✅ pass" if ratio <= 1.5 else "❌ FAIL"
        lines.append(f"| growth 100k → 1M docs, warm, one person's documents | | | | {ratio:.1f}× | ≤ 1.5× | {mark} |")
    return "\n".join(lines)


def prepare_data(work: Path) -> tuple[Path, Path]:
    """Generate the 10k and 100k datasets (YAML and JSON), dated in the past so they are cacheable."""
    say("generating the 10k and 100k document datasets ...")
    paths = []
    for n in (10_000, 100_000):
        yaml_path, json_path = gen.write(n, work / f"docs{n // 1000}k", seed=1)
        old = time.time() - 3600
        for p in (yaml_path, json_path):
            os.utime(p, (old, old))
        paths.append(yaml_path)
        sizes = [p.stat().st_size / 2**20 for p in (yaml_path, json_path)]
        say(f"  {yaml_path.name}: {sizes[0]:.1f} MiB, {sizes[1]:.1f} MiB as JSON")
    return paths[0], paths[1]


def prepare_large(work: Path) -> Path:
    """Generate the 1,000,000-document dataset as JSON only, dated in the past so it is cacheable."""
    say("generating 1,000,000 documents as JSON (a few minutes) ...")
    _, path = gen.write(1_000_000, work / "docs1m", seed=1, yaml=False)
    old = time.time() - 3600
    os.utime(path, (old, old))
    say(f"  {path.name}: {path.stat().st_size / 2**20:.0f} MiB")
    return path


def run_all(env: Env, *, quick: bool, large: bool = False, startup_only: bool = False) -> list[Case]:
    """Every group (or the start-up group alone), timed; returns the cases in table order."""
    reps = 7 if quick else 25
    startup = startup_cases(env)
    say(f"start-up cases, {reps} rounds ...")
    time_group(env, startup, reps)
    if startup_only:
        return startup
    d10k, d100k = prepare_data(env.work)
    big = big_cases(env, d10k, d100k)
    say("10k/100k warm queries and jq ...")
    time_group(env, big, 3 if quick else 7)
    as_json, floor, as_yaml, yaml_floor = first_load_cases(env, d100k)
    say("100k first load from JSON, and its floor ...")
    time_group(env, [as_json, floor], 3 if quick else 5)
    say("100k first load from YAML, and its floor (about 30 s a run) ...")
    time_group(env, [as_yaml, yaml_floor], 1 if quick else 3)
    export = export_case(env, d100k)
    say("100k export -f sqlite ...")
    time_group(env, [export], 1 if quick else 3)
    cases = startup + big + [as_json, floor, as_yaml, yaml_floor, export]
    if large:
        huge = large_cases(env, prepare_large(env.work))
        say("1M first load from JSON (a minute or more) ...")
        time_group(env, huge[:1], 1)
        check(huge[0], env.run(huge[0])[1])  # fills the cache the warm cases read
        say("1M warm queries ...")
        time_group(env, huge[1:], 3 if quick else 7)
        cases += huge
    say("peak RSS ...")
    for case in cases:
        if case.max_rss_mb is not None or "100k" in case.name or "1M" in case.name:
            measure_rss(env, case)
    return cases


def main(argv: list[str] | None = None) -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--current", action="store_true", help="measure this environment instead of a fresh install")
    parser.add_argument("--typer", metavar="SPEC", help="install this Typer over the pinned one (e.g. 'typer==0.29.0')")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--large", action="store_true", help="also 1,000,000 documents as JSON (not run in CI)")
    parser.add_argument("--startup", action="store_true", help="only the start-up rows (the bundled dataset)")
    args = parser.parse_args(argv)
    for tool in ("jq", "sqlite3"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is needed for the references (apt-get install {tool})")
    work = Path(tempfile.mkdtemp(prefix="silkcli-bench-"))
    try:
        if args.current:
            bin_dir = Path(sys.executable).parent
            note = f"current environment ({sys.prefix}); .pyc compiled with compileall where missing"
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], stdout=subprocess.DEVNULL)
        else:
            bin_dir, note = install(work, args.typer)
        env = Env(bin_dir, bin_dir / "python", clean_env(bin_dir, work / "cache"), work, note)
        info = versions(env.python, env.env)
        cases = run_all(env, quick=args.quick, large=args.large and not args.startup, startup_only=args.startup)
        by_name = {c.name: c for c in cases}
        small, large = "10k docs, warm query, piped to wc -l", "100k docs, warm query, piped to wc -l"
        growth = None if args.startup else (by_name[small], by_name[large])
        person = "docs, warm, one person's documents"
        fixed = (by_name[f"100k {person}"], by_name[f"1M {person}"]) if args.large else None
        print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end")
        print(", ".join(f"{k} {v}" for k, v in info.items()) + f"; jq {_jq_version()}")
        run = ("quick" if args.quick else "full") + (" run, start-up rows only" if args.startup else " run")
        print(f"Setup: {note}; PYTHONDONTWRITEBYTECODE unset for the runs; {run}")
        print()
        print(table(cases, growth, fixed))
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _jq_version() -> str:
    return subprocess.run(["jq", "--version"], capture_output=True, text=True, check=False).stdout.strip()


if __name__ == "__main__":
    main()
