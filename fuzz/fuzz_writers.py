"""A long fuzz run of every writer against odd targets and signals (not part of pytest).

    python fuzz/fuzz_writers.py [CASES] [SEED]     # default 10,000 cases, seed 1

Each case runs one writer in this process (``export -f json|yaml|sqlite -o``, ``agreements -f csv
-o``, ``export -f datapackage|datasette -o DIR``) under a random umask, onto a random target made
in a temporary folder: nothing there yet, a file with old bytes and a random mode, a link to one, a
dangling link, a FIFO, a link to a FIFO, a link to a pipe (``/proc/self/fd/N`` of a pipe this
process drains), a link to ``/dev/full`` made here (a full disk), a folder, a file where a folder
is wanted, an old export folder with a file of the user's in it, and any of those in a folder that
cannot be written. One case in two sends SIGINT, SIGTERM or SIGHUP at a random moment of the run.

The promises checked after each case:

- the exit code is 0, 4 (one ``error:`` line) or 128 + the signal (``interrupted``), never a
  traceback or another code;
- no temporary file is left in the folder;
- a regular target is whole: after exit 0 the new bytes (a new file with 0666 less the umask, an
  old one with its mode), after an error the old bytes and mode; after a signal one or the other;
- a link stays a link, a FIFO stays a FIFO, a folder export is all old or all new file by file
  together, and a file of the user's in it is never touched.

Run as root, it first drops the capabilities that let root write anywhere (as the tests do), so a
folder that cannot be written is one. Exits 0 when every case keeps every promise, else prints
each broken one and exits 1. It ignores SIGINT, SIGTERM and SIGHUP between runs (one it sent may
land after a run ends): stop it with Ctrl-\\ (SIGQUIT).
"""

from __future__ import annotations

import gc
import io
import os
import random
import select
import shutil
import signal
import sqlite3
import stat
import sys
import tempfile
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from silkcli.cli import main as silkcli_main  # noqa: E402 - found through the path above

TINY = ROOT / "tests" / "data" / "tiny.yaml"
#: writer name: (arguments after ``--data TINY``, whether it writes a folder)
WRITERS = {
    "json": (["export", "-f", "json", "-o"], False),
    "yaml": (["export", "-f", "yaml", "-o"], False),
    "csv": (["agreements", "-f", "csv", "-o"], False),
    "sqlite": (["export", "-f", "sqlite", "-o"], False),
    "datapackage": (["export", "-f", "datapackage", "-o"], True),
    "datasette": (["export", "-f", "datasette", "-o"], True),
}
FILE_TARGETS = ("absent", "file", "link", "dangling", "fifo", "link-fifo", "link-pipe", "full", "folder")
FOLDER_TARGETS = ("absent", "old-export", "file", "link-old-export")
SIGNALS = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}
USER_FILE = "notes-of-the-user.txt"
#: A run still going after this long is taken to wait forever (a FIFO read for its header, say).
HANG_SECONDS = 20.0


class Hang(BaseException):
    """Raised into a run that waits too long."""


def run(args: list[str]) -> tuple[int, str, str]:
    """``silkcli ARGS`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    collecting = gc.isenabled()
    gc.disable()  # as the program runs (cli.main): a signal is never taken inside a collector's callback
    with redirect_stdout(out), redirect_stderr(err):
        try:
            silkcli_main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Hang as exc:
            code = -2
            err.write(f"hang: {exc}\n")
        except BaseException as exc:  # noqa: BLE001 - the program would end with this traceback
            code = -1
            err.write(f"Traceback (escaped the error edge): {exc!r}\n")
    if collecting:
        gc.enable()
    return code, out.getvalue(), err.getvalue()


class Drain:
    """Reads a FIFO or pipe on a thread for as long as a case runs, keeping what came."""

    def __init__(self, fd: int) -> None:
        self.fd, self.data, self._stop = fd, bytearray(), threading.Event()
        self.error: BaseException | None = None
        os.set_blocking(fd, False)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        # Signals go to the main thread, as in silkcli (which reads and writes in one thread): one
        # taken here would let the run see it while it holds them back.
        signal.pthread_sigmask(signal.SIG_BLOCK, set(SIGNALS) | {signal.SIGALRM})
        try:
            self._loop()
        except BaseException as exc:  # noqa: BLE001 - said by close()
            self.error = exc

    def _loop(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except BlockingIOError:
                    chunk = b""
                self.data += chunk
            if not chunk and self._stop.is_set():
                return

    def close(self) -> bytes:
        """Everything read, once the writer is done."""
        self._stop.set()
        self._thread.join()
        while True:  # what came after the thread's last read (it may have read nothing just before)
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.data += chunk
        os.close(self.fd)
        if self.error is not None:
            raise RuntimeError(f"the reader of the pipe failed: {self.error!r}")
        return bytes(self.data)


class Case:
    """One writer, one target, one umask, maybe one signal, and the promises they must keep."""

    def __init__(self, fuzz: Fuzz, rng: random.Random, folder: Path) -> None:
        self.fuzz, self.rng, self.folder = fuzz, rng, folder
        self.writer = rng.choice(list(WRITERS))
        self.is_folder = WRITERS[self.writer][1]
        self.kind = rng.choice(FOLDER_TARGETS if self.is_folder else FILE_TARGETS)
        self.umask = rng.choice((0o022, 0o077, 0o002, 0o027))
        self.locked = rng.random() < 0.15  # the folder holding the target cannot be written
        self.signum = rng.choice(list(SIGNALS)) if rng.random() < 0.5 else None
        self.delay = rng.uniform(0.0, 0.08)
        self.drain: Drain | None = None
        self.pipe_write: int | None = None
        self.target = folder / ("out" if self.is_folder else "out.bin")
        self.real: Path | None = None  # the regular file or folder a link leads to
        self.before: dict[str, tuple[bytes, int]] | None = None

    def make(self) -> None:
        """Lay the target out."""
        kind, target = self.kind, self.target
        if kind == "absent":
            self.real = target
        elif kind in ("file", "link") and not self.is_folder:
            self.real = target if kind == "file" else self.folder / "real.bin"
            self.real.write_bytes(self.fuzz.old_bytes(self.writer))
            self.real.chmod(self.rng.choice((0o600, 0o640, 0o644, 0o664)))
            if kind == "link":
                target.symlink_to(self.real)
        elif kind == "dangling":
            self.real = self.folder / "later.bin"
            target.symlink_to(self.real)
        elif kind in ("fifo", "link-fifo"):
            fifo = target if kind == "fifo" else self.folder / "fifo"
            os.mkfifo(fifo)
            if kind == "link-fifo":
                target.symlink_to(fifo)
            self.drain = Drain(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        elif kind == "link-pipe":
            read_end, self.pipe_write = os.pipe()
            target.symlink_to(f"/proc/self/fd/{self.pipe_write}")
            self.drain = Drain(read_end)
        elif kind == "full":
            target.symlink_to("/dev/full")
        elif kind == "folder":
            target.mkdir()
        elif kind == "file":  # a file where a folder is wanted
            target.write_bytes(b"not a folder")
        elif kind in ("old-export", "link-old-export"):
            self.real = target if kind == "old-export" else self.folder / "real-folder"
            self.real.mkdir()
            for name, data in self.fuzz.reference[self.writer].items():
                (self.real / name).write_bytes(self.fuzz.old_bytes(self.writer, data))
            (self.real / USER_FILE).write_bytes(b"mine")
            if kind == "link-old-export":
                target.symlink_to(self.real, target_is_directory=True)
        self.before = snapshot(self.real) if self.real is not None else None
        if self.locked:
            self.folder.chmod(0o555)

    def run(self) -> tuple[int, str, str]:
        """Run the writer, with the signal on a timer when there is one."""
        args = ["--data", str(TINY), *WRITERS[self.writer][0], str(self.target)]
        old = os.umask(self.umask)
        try:
            self.fuzz.arm(self.signum, self.delay)
            try:
                return run(args)
            finally:
                self.fuzz.disarm()
        finally:
            os.umask(old)

    def check(self, code: int, stderr: str) -> list[str]:
        """Every promise this case broke, in words."""
        self.folder.chmod(0o755)
        received = self.drain.close() if self.drain is not None else None
        if self.pipe_write is not None:
            os.close(self.pipe_write)
        broken = self._exit(code, stderr)
        left = [p.name for p in self.folder.rglob("*") if p.name.endswith(".tmp")]
        if left:
            broken.append(f"temporary files left: {left}")
        if self.kind in ("link", "dangling", "link-fifo", "link-pipe", "full", "link-old-export"):
            if not self.target.is_symlink():
                broken.append("the link is no longer a link")
        if self.kind == "fifo" and not stat.S_ISFIFO(self.target.lstat().st_mode):
            broken.append("the FIFO was replaced")
        if received is not None and code == 0 and received != self.fuzz.reference[self.writer]["-"]:
            broken.append(f"the pipe got {len(received)} bytes, not the whole output")
        if self.real is not None:
            broken += self._whole(code)
        return broken

    def _exit(self, code: int, stderr: str) -> list[str]:
        lines = stderr.splitlines()
        if "Traceback" in stderr:
            return [f"a traceback: {stderr[-300:]!r}"]
        if code == 0:
            return [] if all(not line.startswith("error") for line in lines) else [f"exit 0 with {stderr!r}"]
        if code == 4:
            return [] if len(lines) == 1 and lines[0].startswith("error: ") else [f"exit 4 with {stderr!r}"]
        if self.signum is not None and code == SIGNALS[self.signum]:  # notes may come first (the datasette hint)
            # an error line may come first: the signal came while the error was being reported
            fine = lines[-1:] == ["interrupted"] and sum(line.startswith("error") for line in lines) <= 1
            return [] if fine else [f"exit {code} with {stderr!r}"]
        return [f"exit {code} ({stderr.strip()!r})"]

    def _whole(self, code: int) -> list[str]:
        """The regular file or folder behind the target: old, or new with the right modes."""
        assert self.real is not None
        now = snapshot(self.real)
        new = self.fuzz.expected(self.writer, self.before, self.umask)
        old = self.before or {}
        if self.is_folder and self.before is not None:
            if now.get(USER_FILE) != old.get(USER_FILE):
                return ["the user's own file in the folder was changed"]
            now.pop(USER_FILE, None)
            old = {k: v for k, v in old.items() if k != USER_FILE}
        if code == 0:
            return [] if now == new else [f"exit 0 but not the new output ({_differ(now, new)})"]
        if code == 4:
            return [] if now == old else [f"exit 4 but the old output changed ({_differ(now, old)})"]
        return [] if now in (old, new) else [f"a signal left a mix ({_differ(now, old)} from old)"]


def _differ(now: dict[str, tuple[bytes, int]], then: dict[str, tuple[bytes, int]]) -> str:
    names = sorted(n for n in set(now) | set(then) if now.get(n) != then.get(n))
    return ", ".join(names[:5]) or "nothing"


def snapshot(path: Path) -> dict[str, tuple[bytes, int]]:
    """A regular file (as ``-``) or every file of a folder: bytes and permission bits."""
    if not path.exists():
        return {}
    if path.is_dir():
        return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in path.iterdir() if p.is_file()}
    return {"-": (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))}


class Fuzz:
    """The reference outputs, the old bytes, and the signal timer."""

    def __init__(self, work: Path) -> None:
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        self.reference: dict[str, dict[str, bytes]] = {}
        for writer, (args, _) in WRITERS.items():
            out = work / f"reference-{writer}"
            code, _, err = run(["--data", str(TINY), *args, str(out)])
            assert code == 0, err
            self.reference[writer] = {n: d for n, (d, _) in snapshot(out).items()}
        self._armed: int | None = None
        signal.signal(signal.SIGALRM, self._fire)
        for signum in SIGNALS:  # a signal that comes after a run ends is kept from ending the fuzz
            signal.signal(signum, lambda *_: None)

    def old_bytes(self, writer: str, data: bytes = b"") -> bytes:
        """What an earlier version of a file holds (a SQLite database for the SQLite writer)."""
        if writer in ("sqlite", "datasette") and data[:6] == b"SQLite" or writer == "sqlite" and not data:
            with tempfile.TemporaryDirectory() as folder:
                db = Path(folder) / "old.db"
                with sqlite3.connect(db) as conn:
                    conn.execute("CREATE TABLE old (x)")
                conn.close()
                return db.read_bytes()
        return b"old " + data[::-1][:100]

    def expected(
        self, writer: str, before: dict[str, tuple[bytes, int]] | None, umask: int
    ) -> dict[str, tuple[bytes, int]]:
        """The target after a successful run: the new bytes, old modes kept, new files 0666 less the umask."""
        before = before or {}
        fresh = 0o666 & ~umask
        return {
            name: (data, before[name][1] if name in before else fresh) for name, data in self.reference[writer].items()
        }

    def arm(self, signum: int | None, delay: float) -> None:
        """Send ``signum`` after ``delay`` seconds (none: only the watchdog), then watch for a hang."""
        self._armed = signum
        signal.setitimer(signal.ITIMER_REAL, max(delay, 1e-4) if signum is not None else HANG_SECONDS)

    def disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        self._armed = None

    def _fire(self, *_: object) -> None:
        if self._armed is None:
            raise Hang(f"the run was still going after {HANG_SECONDS} s")
        signum, self._armed = self._armed, None
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)  # the watchdog, once the signal is sent
        os.kill(os.getpid(), signum)


def _unprivileged() -> None:
    """As root, run again without the capabilities that ignore file modes (so read-only folders are)."""
    if os.geteuid() != 0 or os.environ.get("SILKCLI_FUZZ_UNPRIVILEGED"):
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        print("note: running as root without setpriv: read-only folders will be written", file=sys.stderr)
        return
    os.environ["SILKCLI_FUZZ_UNPRIVILEGED"] = "1"
    os.execv(setpriv, [setpriv, "--bounding-set", "-dac_override,-dac_read_search", sys.executable, *sys.argv])


def main(cases: int, seed: int) -> int:
    """Run ``cases`` cases; print the broken promises and a summary; 0 when none were broken."""
    rng = random.Random(seed)
    broken_cases = 0
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="silkcli-fuzz-writers.") as work_name:
        work = Path(work_name)
        fuzz = Fuzz(work)
        for number in range(cases):
            folder = work / f"case-{number}"
            folder.mkdir()
            case = Case(fuzz, rng, folder)
            case.make()
            code, _, stderr = case.run()
            counts[str(int(code))] = counts.get(str(int(code)), 0) + 1  # an IntEnum prints its name on 3.10
            broken = case.check(code, stderr)
            if broken:
                broken_cases += 1
                what = f"{case.writer} onto {case.kind}{' (locked)' if case.locked else ''}"
                print(f"case {number}: {what}, signal {case.signum} at {case.delay:.3f}s: {'; '.join(broken)}")
            shutil.rmtree(folder, ignore_errors=True)
    exits = ", ".join(f"exit {c}: {n}" for c, n in sorted(counts.items(), key=lambda kv: int(kv[0])))
    print(f"{cases} cases, {broken_cases} broke a promise ({exits})")
    return 0 if broken_cases == 0 else 1


if __name__ == "__main__":
    _unprivileged()
    raise SystemExit(
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    )
