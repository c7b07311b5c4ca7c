"""Failures around the process: closed pipes, Ctrl-C, untrusted text on a terminal."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import TINY, run_cli
from gen_data import generate
from silkcli.formats import Format
from silkcli.formats.table import to_table
from silkcli.listings.listing import Column, Listing


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset large enough that its output overflows any pipe buffer."""
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(generate(20_000, seed=7), ensure_ascii=False), encoding="utf-8")
    return path


def _silkcli(*args: str, cache: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    env["XDG_CACHE_HOME"] = str(cache)
    return subprocess.Popen(
        [sys.executable, "-m", "silkcli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


@pytest.mark.parametrize("fmt", [f.value for f in Format if not f.kinds])
def test_closed_pipe_ends_quietly(fmt: str, big_dataset: Path, tmp_path: Path) -> None:
    """`silkcli … | head -c 10`: exit 0, nothing on stderr, for every format."""
    proc = _silkcli("--data", str(big_dataset), "timeline", "-f", fmt, "--width", "100", cache=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8")
    code = proc.wait(timeout=120)
    assert len(head) == 10
    assert code == 0
    assert "Traceback" not in stderr and "Error" not in stderr
    assert stderr == "" or re.fullmatch(r"note: drawing \d+ rows as a table is slow; [^\n]*\n", stderr)


def test_head_one_line_through_a_real_shell(big_dataset: Path, tmp_path: Path) -> None:
    """`silkcli agreements | head -1` in bash with pipefail: exit 0 and only the header."""
    script = f"set -o pipefail; {sys.executable} -m silkcli --data '{big_dataset}' agreements | head -1"
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "id\tsigned\ttype\tsectors\ttitle\tparties\n", "")


def test_ctrl_c_during_a_long_command_exits_130_with_one_line(big_dataset: Path, tmp_path: Path) -> None:
    """SIGINT while a table of thousands of rows is drawn: exit 130 and `interrupted`, no traceback."""
    proc = _silkcli("--data", str(big_dataset), "timeline", "-f", "table", cache=tmp_path)
    assert proc.stderr is not None and proc.stdout is not None
    first = proc.stderr.readline().decode("utf-8")  # the slow-table note: drawing has begun
    assert first.startswith("note: drawing ")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode("utf-8") == "interrupted\n"


def test_cjk_text_keeps_table_columns_aligned() -> None:
    """Wide characters count as two cells: every line of the table has the same width."""
    rows = [
        {"id": "a", "text": "한국어 문서 제목과 키르기스스탄"},
        {"id": "bb", "text": "中文 テキスト mixed with ASCII"},
    ]
    listing = Listing("t", (Column("id", ""), Column("text", "")), ("id", "text"), rows)
    lines = to_table(listing, width=40).splitlines()
    widths = {cell_len(line) for line in lines[:-1]}  # the caption line is right-aligned, shorter
    assert len(widths) == 1 and widths.pop() <= 40


@pytest.mark.parametrize(
    ("payload", "char"),
    [("\\u001b[31mred", "U+001B"), ("\\u009b31m", "U+009B"), ("\\u202eevil", "U+202E"), ("bell\\u0007", "U+0007")],
)
def test_control_and_bidi_characters_are_rejected_with_their_place(payload: str, char: str, tmp_path: Path) -> None:
    """Escapes that would rewrite a terminal are a dataset error (exit 3) naming the character and place."""
    data = json.loads(run_cli("--data", str(TINY), "export", "-f", "json").stdout)
    data["documents"][0]["title"] = "PLACEHOLDER"
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("PLACEHOLDER", payload)
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if payload in row)
    result = run_cli("--data", str(path), "agreements")
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.startswith(f"{path.name}:{line}:") or f"hostile.json:{line}:" in result.stderr
    assert char in result.stderr and "documents[0].title" in result.stderr
