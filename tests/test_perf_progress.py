"""Loading a large YAML file shows a progress bar on stderr when it is a terminal, and nothing otherwise."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import load_script
from silkcli.cli.progress import MIN_CHARS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A valid dataset just over the size that gets a bar, as YAML and as JSON, from the benchmark's generator."""
    gen = load_script("bench/gen.py")
    yaml_path, json_path = gen.write(6000, tmp_path_factory.mktemp("big") / "big", seed=3)
    for path in (yaml_path, json_path):
        assert path.stat().st_size > MIN_CHARS
        os.utime(path, (1_700_000_000, 1_700_000_000))  # old enough to be cached (see cache.RACY_NS)
    return Path(yaml_path), Path(json_path)


@pytest.fixture(scope="module")
def big_yaml(big_files: tuple[Path, Path]) -> Path:
    """The YAML one."""
    return big_files[0]


def run(big: Path, cache: Path, *, stderr_tty: bool) -> tuple[bytes, bytes]:
    """``silkcli --data BIG agreements -f json`` with stderr a pipe or a pseudo-terminal."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100", "TERM": "xterm"}
    argv = [sys.executable, "-m", "silkcli", "--data", str(big), "agreements", "-f", "json"]
    if not stderr_tty:
        done = subprocess.run(argv, capture_output=True, env=env, timeout=300, check=True)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    out = cache.with_suffix(".out")
    with out.open("wb") as sink:  # a file, not a pipe: nobody reads stdout while the terminal is drained
        proc = subprocess.Popen(argv, stdout=sink, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:  # drain the terminal while the program runs, so it never blocks on a full pty
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(leader)
    assert proc.wait(timeout=300) == 0
    return out.read_bytes(), seen


def test_progress_bar_on_a_terminal_only(big_yaml: Path, tmp_path: Path) -> None:
    """The first load draws 'reading … %' on a terminal stderr; a piped stderr stays empty; stdout is the same."""
    on_tty, drawn = run(big_yaml, tmp_path / "a", stderr_tty=True)
    piped, quiet = run(big_yaml, tmp_path / "b", stderr_tty=False)
    assert b"reading " in drawn and b"%" in drawn
    assert quiet == b""
    assert on_tty == piped and piped.startswith(b"[")


def test_json_first_load_shows_its_stages(big_files: tuple[Path, Path], tmp_path: Path) -> None:
    """A JSON file decodes in one call, so its bar moves by stage: decoding, checking, then indexing into the cache."""
    on_tty, drawn = run(big_files[1], tmp_path / "a", stderr_tty=True)
    piped, quiet = run(big_files[1], tmp_path / "b", stderr_tty=False)
    for stage in (b"decoding ", b"checking ", b"indexing "):
        assert stage in drawn
    assert quiet == b""
    assert on_tty == piped and piped.startswith(b"[")


def test_no_progress_bar_once_cached(big_yaml: Path, tmp_path: Path) -> None:
    """A cached load is quick and draws nothing, even on a terminal."""
    run(big_yaml, tmp_path, stderr_tty=False)
    _, drawn = run(big_yaml, tmp_path, stderr_tty=True)
    assert b"reading " not in drawn
