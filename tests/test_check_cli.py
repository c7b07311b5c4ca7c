"""silkcli check at the command line: where the text comes from, the formats, exit codes and bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from silkcli.check.draft import MAX_BYTES
from silkcli.check.output import CheckFormat
from silkcli.formats.display import cell_width

EXAMPLE = (
    "Kyrgyzstan, which holds 13% of the world's antimony, signed 12 agreements with Korea in Seoul on 4 December 2024."
)


def test_a_sentence_on_the_command_line_is_checked() -> None:
    """The claims are marked in the sentence, each with its verdict and the right value, then the notes."""
    result = run_cli("check", EXAMPLE)
    assert result.exit_code == 0
    assert "[12 agreements]²" in result.stdout and "[4 December 2024]⁴" in result.stdout
    assert "4 December 2024: contradicted" in result.stdout and "data: 3 December 2024" in result.stdout
    assert "\nSources\n[1]" in result.stdout and "https://pubs.usgs.gov/" in result.stdout
    assert result.stderr == "4 claims in 1 sentence: 1 supported, 2 contradicted, 1 imprecise\n"


def test_exit_status_is_1_when_a_claim_is_contradicted() -> None:
    """-e exits 1 for a contradicted claim, 0 when none is."""
    assert run_cli("check", "-e", EXAMPLE).exit_code == 1
    assert run_cli("check", "-e", "A total of 10 documents were signed at the summit.").exit_code == 0


def test_a_text_with_no_checkable_claim_says_so_and_exits_0() -> None:
    """Nothing on stdout, one line on stderr, exit 0 (also with -e)."""
    result = run_cli("check", "-e", "The initiative aims to widen cooperation.")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no checkable claim in 1 sentence\n")


def test_standard_input_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check -` reads the text from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.encode())))
    result = run_cli("check", "-", "-f", "jsonl")
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == [
        "imprecise",
        "contradicted",
        "supported",
        "contradicted",
    ]


def test_a_markdown_draft_is_read_with_its_lines(tmp_path: Path) -> None:
    """A .md file's sentences keep the lines they start on; its Markdown marks are not claims."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Notes\n\n- The Korea–Kyrgyzstan summit was held in **Seoul** on 4 December 2024.\n", encoding="utf-8"
    )
    result = run_cli("check", str(draft), "-f", "json")
    sentence = json.loads(result.stdout)["sentences"][1]
    assert sentence["line"] == 3
    assert [(f["text"], f["verdict"]) for f in sentence["findings"]] == [
        ("Seoul", "supported"),
        ("4 December 2024", "contradicted"),
    ]


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_format_renders_the_example(fmt: CheckFormat) -> None:
    """Each -f value writes the example's verdicts (the machine ones parse as JSON)."""
    result = run_cli("check", EXAMPLE, "-f", fmt.value)
    assert result.exit_code == 0 and "contradicted" in result.stdout
    if fmt in (CheckFormat.json, CheckFormat.claimreview):
        assert json.loads(result.stdout)
    if fmt is CheckFormat.html:
        assert '<script type="application/ld+json">' in result.stdout and "<mark" in result.stdout
    if fmt is CheckFormat.markdown:
        assert "**12 agreements**<sup>2</sup>" in result.stdout and "[^1]:" in result.stdout


def test_the_json_report_counts_each_verdict() -> None:
    """-f json has the dataset's version, a count per verdict and each finding's sources."""
    report = json.loads(run_cli("check", EXAMPLE, "-f", "json").stdout)
    assert report["counts"] == {
        "supported": 1,
        "contradicted": 2,
        "disputed": 0,
        "imprecise": 1,
        "not covered": 0,
    }
    date = report["sentences"][0]["findings"][3]
    assert date["right"] == "3 December 2024" and date["evidence"][0]["source"] == "djournal-23992"


@pytest.mark.parametrize("width", ["40", "200"])
def test_terminal_output_never_breaks_a_date_or_a_number(width: str) -> None:
    """At 40 and 200 columns a date and a value with its unit stay on one line."""
    result = run_cli("check", EXAMPLE, "-f", "terminal", "--color", "never", env={"COLUMNS": width})
    assert "4 December 2024: contradicted" in result.stdout and "data: 3 December 2024" in result.stdout
    assert all(len(line) <= int(width) or "://" in line for line in result.stdout.splitlines())


def test_korean_lines_fit_the_terminal_in_cells() -> None:
    """A Korean sentence at 40 columns: no line takes more than 40 cells (a Hangul letter takes two)."""
    text = "윤석열 대통령은 2024년 12월 3일 서울에서 사디르 자파로프 키르기스스탄 대통령과 정상회담을 했다."
    result = run_cli("check", text, "-f", "terminal", "--color", "never", env={"COLUMNS": "40"})
    assert "2024년 12월 3일: supported" in result.stdout
    assert all(cell_width(line) <= 40 or "://" in line for line in result.stdout.splitlines())


def test_colour_marks_only_the_verdict_and_data_never_escapes() -> None:
    """--color always colours verdicts; an escape in the text is shown, not sent to the terminal."""
    text = "The summit of Yoon and Japarov\x1b[2J was on 4 December 2024."
    result = run_cli("check", "-f", "terminal", "--color", "always", text)
    assert "\x1b[1;31mcontradicted\x1b[0m" in result.stdout
    assert "\x1b[2J" not in result.stdout and "\\x1b[2J" in result.stdout


def _bad(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"PK\x03\x04\x00\x00binary", "a binary file, not UTF-8 text or Markdown"),
        ("b.txt", b"caf\xe9 in Seoul", "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("c.md", b"  \n\n", "the text is empty: nothing to check"),
        ("d.txt", b"a" * (MAX_BYTES + 1), f"over the limit of {MAX_BYTES:,} bytes for a text to check"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    """Binary, invalid UTF-8, empty and oversized files: one error line each, exit 2, nothing on stdout."""
    path = _bad(tmp_path, name, data)
    result = run_cli("check", path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {path}: {message}\n")


def test_an_empty_text_argument_and_a_missing_file_are_usage_errors(tmp_path: Path) -> None:
    """An empty argument, a missing .txt and a file of another kind each exit 2 with one line."""
    empty = run_cli("check", "")
    missing = run_cli("check", str(tmp_path / "none.txt"))
    other = run_cli("check", _bad(tmp_path, "x.pdf", b"%PDF"))
    assert [r.exit_code for r in (empty, missing, other)] == [2, 2, 2]
    assert empty.stderr == "error: the text: the text is empty: nothing to check\n"
    assert missing.stderr.startswith(f"error: cannot read {tmp_path / 'none.txt'}: No such file")
    assert other.stderr.splitlines()[0] == f"error: {tmp_path / 'x.pdf'}: only .txt and .md files can be checked"


def test_check_is_in_the_help_the_man_page_and_completion(tmp_path: Path) -> None:
    """`silkcli --help` lists check, `man` documents it, and bash completion offers it and its formats."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "_SILKCLI_COMPLETE": "complete_bash"}

    def offered(words: str) -> list[str]:
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1))
        done = subprocess.run([sys.executable, "-m", "silkcli"], env=env, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()

    assert "  check  " in run_cli("--help").stdout
    assert ".SS check\n.B silkcli check\n[OPTIONS] [TEXT...]" in run_cli("man").stdout
    assert offered("silkcli che") == ["check"]
    assert offered("silkcli check -f ") == [f.value for f in CheckFormat]


def test_closed_standard_input_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check -` with standard input closed says so on one line, exit 2 (never a traceback)."""
    monkeypatch.setattr(sys, "stdin", None)
    result = run_cli("check", "-")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: standard input is closed: give the text, a .txt or .md file, or '-' with a pipe\n"
