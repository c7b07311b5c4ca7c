"""Hostile dataset files that cost memory or time: alias amplification, many problems, strict JSON."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TINY, run_cli
from silkcli.dataset import yaml_read as yamlread

#: The address space the memory test gives a run: a normal one of the tiny dataset needs under 150 MiB.
_MEMORY_LIMIT = 512 * 2**20


def _aliased_quotes(count: int, size: int) -> str:
    """The tiny dataset with ``count`` quotes that all repeat one ``size``-character text through ``*q``."""
    text = ("zinc and trust " * (size // 15 + 1))[:size].strip()
    items = []
    for i in range(count):
        body, evidence = (f'&q "{text}"', f'&e "{text[:1900].strip()}"') if i == 0 else ("*q", "*e")
        items.append(
            f"  - id: q-x{i}\n    person: mara-quell\n    text: {body}\n    date: 2031-05-14\n"
            f"    source: tiny-yearbook\n    evidence: {evidence}\n"
        )
    return TINY.read_text(encoding="utf-8").replace("quotes:\n", "quotes:\n" + "".join(items), 1)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))


def test_aliases_of_text_are_refused_before_they_exhaust_memory(tmp_path: Path) -> None:
    """A 1.4 MB file that repeats a 9,900-character quote 12,000 times is one located error under 512 MiB."""
    path = tmp_path / "aliased.yaml"
    path.write_text(_aliased_quotes(12_000, 9_900), encoding="utf-8")
    command = [sys.executable, "-m", "silkcli", "--data", str(path), "export", "-f", "json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory, check=False)
    assert (result.returncode, result.stdout) == (3, "")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:"), result.stderr
    assert lines[0].endswith(
        "alias '*q': the aliases so far repeat more text than the whole file holds; write the text out"
    )


def _padded(body: str, size: int) -> str:
    """``body`` after a comment line that makes the whole text ``size`` characters long."""
    return "#" + "-" * (size - len(body) - 2) + "\n" + body


def test_alias_budget_is_the_size_of_the_file() -> None:
    """Aliases may repeat as many characters as the file holds; one character more is refused at that alias."""
    body = "a: &x " + "y" * 40 + "\nb: [*x, *x, *x]\n"
    reader = yamlread.Reader("x.yaml")
    assert reader.read(_padded(body, 3 * 40)) == {"a": "y" * 40, "b": ["y" * 40] * 3}
    assert reader.problems == []
    reader = yamlread.Reader("x.yaml")
    reader.read(_padded(body, 3 * 40 - 1))
    assert [(p.line, p.column, p.path) for p in reader.problems] == [(3, 13, "b[2]")]


def _many_problems(count: int) -> str:
    """A file with ``count`` reader-level problems of four kinds: undefined aliases, tags, repeated keys, controls."""
    kinds = ["k{i}: *nothing{i}\n", "k{i}: !odd x\n", "k{i}: a\nk{i}: b\n", 'k{i}: "\\e"\n']
    return "".join(kinds[i % 4].format(i=i) for i in range(count))


def _seconds_to_reject(text: str, count: int) -> float:
    """The least CPU time of three readings of ``text``, which must give ``count`` problems."""
    best = float("inf")
    for _ in range(3):
        reader = yamlread.Reader("x.yaml")
        started = time.process_time()
        reader.read(text)
        best = min(best, time.process_time() - started)
        assert len(reader.problems) == count
    return best


def test_placing_reader_problems_grows_linearly() -> None:
    """Four times the problems in four times the text take far less than sixteen times as long to place."""
    small, large = _many_problems(1_000), _many_problems(4_000)
    ratio = _seconds_to_reject(large, 4_000) / _seconds_to_reject(small, 1_000)
    assert ratio < 8, f"4x the problems took {ratio:.1f}x the time"


def _tiny_json() -> str:
    """The tiny dataset as indented JSON: ``"schema"`` is on line 2, the last list closes on the last line but one."""
    result = run_cli("--data", str(TINY), "export", "-f", "json")
    assert result.exit_code == 0
    return result.stdout


def _json_error(tmp_path: Path, text: str, *, name: str = "data.json") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("--data", str(path), "validate")
    return result.exit_code, result.stdout, result.stderr.replace(str(path), name)


def test_a_trailing_comma_in_a_json_file_is_a_located_error(tmp_path: Path) -> None:
    """A JSON dataset whose last list ends ',]}' is refused where the comma's list ends, not read as YAML."""
    text = _tiny_json()
    lines = text.splitlines()
    assert lines[-2:] == ["  ]", "}"] and lines[-3].endswith("}")
    lines[-3] += ","
    column = len(lines[-2]) - len(lines[-2].lstrip()) + 1
    expected = f"data.json:{len(lines) - 1}:{column}: JSON syntax error: trailing comma in array\n"
    assert _json_error(tmp_path, "\n".join(lines) + "\n") == (3, "", expected)


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        ('  "schema": "silkcli/1",', '  // a note\n  "schema": "silkcli/1",', 3, "comments are not allowed in JSON"),
        ('  "schema": "silkcli/1",', '  "schema": NaN,', 13, "NaN is not a JSON number; write a finite number or null"),
        ('  "schema": "silkcli/1",', "  'schema': \"silkcli/1\",", 3, "JSON strings take double quotes"),
    ],
)
def test_json_that_only_yaml_would_read_is_a_located_error(
    old: str, new: str, column: int, message: str, tmp_path: Path
) -> None:
    """A comment, NaN or a single-quoted string in a .json dataset is one placed syntax error, exit 3."""
    text = _tiny_json()
    assert text.splitlines()[1] == old
    assert _json_error(tmp_path, text.replace(old, new, 1)) == (
        3,
        "",
        f"data.json:2:{column}: JSON syntax error: {message}\n",
    )


def test_json_nested_1000_deep_is_placed_where_it_goes_too_deep(tmp_path: Path) -> None:
    """A JSON dataset nested 1,000 deep says where level 33 opens, with FILE:LINE:COL."""
    text = '{\n  "schema": "silkcli/1",\n  "x": ' + "[" * 1_000 + "]" * 1_000 + "\n}\n"
    expected = f"data.json:3:{8 + 31}: JSON syntax error: JSON nested more than 32 levels deep\n"
    assert _json_error(tmp_path, text) == (3, "", expected)


def test_a_yaml_file_in_flow_style_keeps_its_yaml_reading(tmp_path: Path) -> None:
    """The strict rule is for files named .json: a .yaml file that starts with '{' may end a list with ','."""
    lines = _tiny_json().splitlines()
    lines[-3] += ","
    path = tmp_path / "flow.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("--data", str(path), "validate").exit_code == 0
