"""What the second attack found (issue 13): planted cache entries, escaping, output files, closed streams, signals."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import msgspec
import pytest

import silkcli.files
from conftest import TESTS, TINY, run_cli
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.dataset.cache import entries as cache
from silkcli.dataset.cache import keys

BASE = TESTS / "bad_data" / "_valid_base.yaml"
AN_HOUR_AGO = time.time() - 3600


def _cached(tmp_path: Path) -> tuple[Path, Path, str]:
    """A dataset file loaded once (so its entry exists), its entry, and its JSON export."""
    path = tmp_path / "data.yaml"
    shutil.copy(BASE, path)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    result = run_cli("--data", str(path), "export", "-f", "json")
    assert result.exit_code == 0
    return path, keys.entry_file(path, ".msgpack"), result.stdout


def _export(path: Path, **env: str) -> str:
    result = run_cli("--data", str(path), "export", "-f", "json", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def _plant(entry: Path, dataset: m.Dataset, *, path: Path) -> None:
    """Write a compiled entry for ``path`` holding ``dataset``, with the right key and checksum."""
    payload = msgspec.msgpack.encode(dataset, enc_hook=m.encode_hook)
    key = keys.file_key(path, path.stat(), m.SCHEMA_VERSION)
    assert key is not None
    head = key.header(cache._MAGIC, path.read_bytes() if keys.needs_digest(path.stat()) else None)
    entry.write_bytes(head + b"M" + zlib.crc32(payload).to_bytes(4, "big") + payload)


def test_planted_entry_with_terminal_escapes_is_not_trusted(tmp_path: Path) -> None:
    """An entry whose checksum is right but whose text holds an escape sequence is ignored (1)."""
    path, entry, expected = _cached(tmp_path)
    good = store.parse_bytes(path.read_bytes(), "x")
    first = good.countries[0]
    evil = msgspec.structs.replace(good, countries=(msgspec.structs.replace(first, name="\x1b]0;owned\x07"),))
    _plant(entry, evil, path=path)
    assert "\x1b" not in _export(path) and _export(path) == expected


def test_planted_entry_with_a_dangling_reference_is_not_trusted(tmp_path: Path) -> None:
    """A planted entry naming an unknown source passes no cross-check, so the file is read instead (1)."""
    path, entry, expected = _cached(tmp_path)
    good = store.parse_bytes(path.read_bytes(), "x")
    evil = msgspec.structs.replace(good, sectors=(msgspec.structs.replace(good.sectors[0], source="not-a-source"),))
    _plant(entry, evil, path=path)
    assert _export(path) == expected


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_entry_owned_by_someone_else_is_ignored(tmp_path: Path) -> None:
    """An entry another user owns is never read, even if it is a valid entry (1)."""
    path, entry, _ = _cached(tmp_path)
    os.chown(entry, 65534, 65534)
    assert cache.get(path, path.stat()) is None


def test_cache_folder_others_can_write_is_ignored(tmp_path: Path) -> None:
    """In a group- or world-writable cache folder nothing is read and nothing is written (1)."""
    path, entry, expected = _cached(tmp_path)
    entry.parent.chmod(0o777)
    assert cache.get(path, path.stat()) is None
    entry.unlink()
    assert _export(path) == expected and not entry.exists()


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_entry_that_is_not_a_regular_file_neither_hangs_nor_grows(kind: str, tmp_path: Path) -> None:
    """A FIFO or a link to /dev/zero in an entry's place is a quick, silent miss (6)."""
    path, entry, expected = _cached(tmp_path)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    env = {**os.environ, "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
    command = [sys.executable, "-m", "silkcli", "--data", str(path), "export", "-f", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


def test_oversized_entry_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry larger than the bound is not read at all (6)."""
    path, entry, _ = _cached(tmp_path)
    monkeypatch.setattr(keys, "ENTRY_LIMIT", entry.stat().st_size - 1)
    assert cache.get(path, path.stat()) is None


def test_edit_in_the_same_second_that_restores_the_mtime_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 1-second timestamps, an edit that keeps the size, ctime second and mtime still misses (9)."""
    real_stat = store._stat

    def coarse(path: Path, name: str) -> os.stat_result:
        """The file's stat as a filesystem with whole-second timestamps gives it."""
        fields = list(real_stat(path, name))
        fields[8] = fields[9] = 0  # the float mtime and ctime are not used; the _ns ones are
        seconds = os.stat_result(fields, {
            "st_mtime_ns": real_stat(path, name).st_mtime_ns // 10**9 * 10**9,
            "st_ctime_ns": int(time.time()) * 10**9,
        })  # fmt: skip
        return seconds

    monkeypatch.setattr(store, "_stat", coarse)
    path = tmp_path / "data.yaml"
    shutil.copy(BASE, path)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert "Aldoria" in _export(path)
    path.write_text(path.read_text().replace("name: Aldoria", "name: Aldorix"))
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert "Aldorix" in _export(path)


def test_error_lines_escape_what_the_user_typed() -> None:
    """A filter value with an escape sequence or a line break prints as one inert line (2)."""
    result = run_cli("--data", str(TINY), "agreements", "--sector", "x\x1b]0;t\x07\nfake.yaml:1:1: bogus")
    assert result.exit_code == 2
    first, *rest = result.stderr.splitlines()
    assert "\x1b" not in result.stderr and first.startswith("error: unknown sector 'x\\x1b]0;t\\x07\\nfake")
    assert len(rest) == 1 and rest[0].startswith("valid sector values:")


def test_output_path_with_a_line_break_is_one_error_line(tmp_path: Path) -> None:
    """-o onto a path with a newline forges no second error line (2)."""
    result = run_cli("--data", str(TINY), "export", "-o", str(tmp_path / "nodir" / "a\nfake.yaml:1:1: bogus"))
    assert result.exit_code == 4 and len(result.stderr.splitlines()) == 1 and "a\\nfake" in result.stderr


def test_output_file_keeps_its_mode_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    """-o onto a 0600 file leaves it 0600; a new file gets 0666 less the umask (4)."""
    private = tmp_path / "private.json"
    private.write_text("old")
    private.chmod(0o600)
    assert run_cli("--data", str(TINY), "export", "-f", "json", "-o", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text() != "old"
    old = os.umask(0o027)
    try:
        assert run_cli("--data", str(TINY), "export", "-f", "json", "-o", str(tmp_path / "new.json")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_output_into_a_fifo_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    """-o onto a FIFO writes straight into it; the FIFO is never replaced by a file (5)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("--data", str(TINY), "export", "-f", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].decode() == run_cli("--data", str(TINY), "export", "-f", "json").stdout


def test_output_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    """-o onto a symbolic link writes the file it points at; the link stays a link (5)."""
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old")
    link.symlink_to(target)
    assert run_cli("--data", str(TINY), "export", "-f", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("{")


@pytest.mark.parametrize(
    ("args", "env"), [(["--width", "1000000"], {}), ([], {"COLUMNS": "0"}), ([], {"COLUMNS": "5"})]
)
def test_widths_out_of_bounds_are_usage_errors(args: list[str], env: dict[str, str]) -> None:
    """--width and COLUMNS above 1000 or below 20 are refused, not drawn (8)."""
    result = run_cli("--data", str(TINY), "agreements", "-f", "table", *args, env=env)
    assert (result.exit_code, result.stdout) == (2, "")


@pytest.mark.parametrize("option", [["--fields", "id,title,id"], ["--fields", ""], ["--sort", ""]])
def test_duplicate_or_empty_fields_are_usage_errors(option: list[str]) -> None:
    """--fields id,title,id and empty --fields/--sort exit 2 like --fields , does (10, 11)."""
    result = run_cli("--data", str(TINY), "agreements", *option)
    assert (result.exit_code, result.stdout) == (2, "") and result.stderr.startswith("error: ")


def test_line_separators_are_escaped_in_tsv_and_jsonl(tmp_path: Path) -> None:
    """U+2028 and U+2029 never split a row for str.splitlines() (15)."""
    data = tmp_path / "sep.yaml"
    data.write_text(TINY.read_text(encoding="utf-8").replace("name: Aldoria", "name: Al\u2028do\u2029ria", 1))
    for fmt in ("tsv", "jsonl"):
        out = run_cli("--data", str(data), "leaders", "-f", fmt).stdout
        assert "\u2028" not in out and "\u2029" not in out
        assert len(out.splitlines()) == out.count("\n")


def _shell(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), **env}
    return subprocess.run(["bash", "-c", script], capture_output=True, timeout=60, check=False, env=full_env)


def test_closed_stdout_is_exit_4_with_one_line(tmp_path: Path) -> None:
    """`silkcli agreements -f json >&-`: one line on stderr, exit 4, no traceback (19)."""
    done = _shell(f"{sys.executable} -m silkcli --data '{TINY}' agreements -f json >&-", tmp_path)
    assert done.returncode == 4
    assert done.stderr.decode().splitlines() == ["error: cannot write the output: standard output is closed"]


@pytest.mark.parametrize(
    ("args", "code"), [(["agreements", "--sector", "nope"], 2), (["agreements", "-e", "--since", "2099"], 1)]
)
def test_closed_stderr_keeps_the_documented_exit_codes(args: list[str], code: int, tmp_path: Path) -> None:
    """With stderr closed an error still exits with its own code, never 1 ("no match") (20)."""
    command = " ".join([sys.executable, "-m", "silkcli", "--data", f"'{TINY}'", *args])
    assert _shell(f"{command} 2>&-", tmp_path).returncode == code


def test_ascii_stdout_gets_utf8_data_and_replaced_tables(tmp_path: Path) -> None:
    """Machine formats stay UTF-8 on an ASCII stdout; tables replace what cannot be shown, with one note (22)."""
    base = f"{sys.executable} -m silkcli"
    data = _shell(f"{base} export -f json", tmp_path, PYTHONIOENCODING="ascii")
    assert data.returncode == 0 and "윤석열" in data.stdout.decode("utf-8")
    table = _shell(f"{base} leaders -f table --width 100", tmp_path, PYTHONIOENCODING="ascii")
    assert table.returncode == 0 and table.stdout.isascii()
    assert table.stderr.decode().count("cannot show some characters") == 1


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_signal_while_writing_leaves_no_temporary_file(
    signum: int, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM, SIGHUP or Ctrl-C during -o: the old file stays, no hidden temporary file, exit 143/129/130 (23)."""
    real_replace = os.replace

    def interrupted(src: str, dst: str) -> None:
        os.kill(os.getpid(), signum)  # delivered to this thread at once; its handler raises before the next line
        real_replace(src, dst)

    monkeypatch.setattr(silkcli.files.os, "replace", interrupted)
    target = tmp_path / "out.json"
    target.write_text("old")
    result = run_cli("--data", str(TINY), "export", "-f", "json", "-o", str(target))
    assert (result.exit_code, result.stderr) == (code, "interrupted\n")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_signal_while_a_folder_export_is_put_in_place_waits_for_its_last_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM as a Data Package's files are renamed over an old one, another thread running: all new, then 143.

    With a second thread in the process (a library's), the kernel hands the signal the
    renaming thread holds back to that thread, and Python runs the handler in the
    renaming one all the same: the folder was left half old, half new.
    """
    fresh, out = tmp_path / "fresh", tmp_path / "out"
    assert run_cli("--data", str(TINY), "export", "-f", "datapackage", "-o", str(fresh)).exit_code == 0
    shutil.copytree(fresh, out)
    for old in out.iterdir():
        old.write_text("old")
    real_replace, renamed = os.replace, []

    def interrupted(src: str, dst: str) -> None:
        if not renamed:
            os.kill(os.getpid(), signal.SIGTERM)
        renamed.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(silkcli.files.os, "replace", interrupted)
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait, daemon=True)
    other.start()
    try:
        result = run_cli("--data", str(TINY), "export", "-f", "datapackage", "-o", str(out))
    finally:
        waiting.set()
        other.join()
    assert (result.exit_code, result.stderr) == (143, "interrupted\n")
    assert len(renamed) == len(list(fresh.iterdir())) > 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {p.name: p.read_bytes() for p in fresh.iterdir()}
