"""Hostile and broken dataset files: each one gets exact one-line errors and exit 3."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, TESTS, run_cli
from silkcli.dataset import load as store
from silkcli.dataset import yaml_read as yamlread
from silkcli.dataset.dump import to_json
from silkcli.errors import DatasetError
from unprivileged import command_prefix

CORPUS = TESTS / "bad_data"
BASE = CORPUS / "_valid_base.yaml"


def _manifest() -> dict[str, tuple[int, list[str]]]:
    """EXPECTED.txt as {file name: (exit code, expected lines)}."""
    entries: dict[str, tuple[int, list[str]]] = {}
    name = ""
    for line in (CORPUS / "EXPECTED.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            name, code, _ = line[3:].split(": ", 2)
            entries[name] = (int(code.removeprefix("exit ")), [])
        elif name and line:
            entries[name][1].append(line)
    return entries


EXPECTED = _manifest()
FILES = sorted(p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.txt" and not p.name.startswith("_"))


def _problems(text: str | bytes) -> list[str]:
    """The problem lines ``store.parse_bytes`` raises for ``text``."""
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(DatasetError) as info:
        store.parse_bytes(data, "x.yaml")
    return [str(p) for p in info.value.problems]


def test_manifest_matches_the_files() -> None:
    """Every corpus file has an entry in EXPECTED.txt and every entry has a file."""
    assert sorted(EXPECTED) == FILES


def test_corpus_has_forty_bad_files() -> None:
    """The corpus holds at least 40 files that must fail with exit 3."""
    assert sum(code == 3 for code, _ in EXPECTED.values()) >= 40


def test_valid_base_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    """The base that every bad file is derived from validates cleanly."""
    monkeypatch.chdir(ROOT)
    result = run_cli("validate", "tests/bad_data/_valid_base.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "ok: 15 records in 10 kinds, 2 sources, 15 dates and numbers matched in their quotes\n",
        "",
    )


@pytest.mark.parametrize("name", FILES)
def test_validate_prints_the_expected_lines(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`silkcli validate FILE` prints exactly the manifest's lines and exits with its code."""
    monkeypatch.chdir(ROOT)
    code, lines = EXPECTED[name]
    result = run_cli("validate", f"tests/bad_data/{name}")
    printed, silent = (result.stdout, result.stderr) if code == 0 else (result.stderr, result.stdout)
    assert (result.exit_code, printed.splitlines(), silent) == (code, lines, "")


@pytest.mark.parametrize("name", [n for n in FILES if EXPECTED[n][0] == 3])
def test_data_option_gives_the_same_errors(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command reading the file through --data (and the cache) reports the same lines."""
    monkeypatch.chdir(ROOT)
    result = run_cli("--data", f"tests/bad_data/{name}", "export", "-f", "json")
    assert (result.exit_code, result.stderr.splitlines(), result.stdout) == (3, EXPECTED[name][1], "")


def test_yaml11_look_alikes_stay_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """`NO`, a bare date, `1.10`, `12:30` and `on` load as the text written, not as YAML 1.1 types."""
    monkeypatch.chdir(ROOT)
    dataset = store.load_dataset(CORPUS / "good_yaml11_traps.yaml", use_cache=False)
    norway = dataset.countries[2]
    assert (norway.id, norway.evidence, norway.official_name, norway.region, norway.note) == (
        "NO",
        "NO",
        "2024-12-03",
        "12:30",
        "on",
    )
    assert (dataset.meta.version, dataset.events[0].place) == ("1.10", "NO")


def test_json_escapes_decode_to_their_characters() -> None:
    """JSON's \\u escapes, surrogate pairs included, load as the characters they encode, on both paths."""
    text = (CORPUS / "good_json_ascii_escapes.json").read_text(encoding="utf-8")
    assert store.parse_bytes(text.encode(), "x.json").quotes[0].text == "Friends \U0001f600 forever — ünïcödé"
    # A problem elsewhere sends the file through the YAML path, which must read the same text.
    broken = text.replace('"sector": "mining"', '"sector": "minning"')
    assert _problems(broken) == [
        "x.yaml:157:17: commitments[0].sector: unknown sector 'minning' (did you mean 'mining'?)"
    ]


_NEAR_UNSAFE = [*range(0x00, 0xA1), 0x200B, *range(0x2028, 0x2030), *range(0x2060, 0x2070), 0xFEFF]


def _fast_path_json() -> dict[str, Any]:
    """``_valid_base.yaml`` as JSON data that the JSON fast path takes as it is."""

    return dict(json.loads(to_json(store.parse_bytes(BASE.read_bytes(), "base.yaml"))))


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "raw"])
def test_json_path_refuses_exactly_the_characters_the_yaml_path_refuses(ensure_ascii: bool) -> None:
    """Every control/bidi character is refused in JSON, raw or escaped, and its neighbours load as text."""
    dataset = _fast_path_json()
    for code in _NEAR_UNSAFE:
        char = chr(code)
        dataset["quotes"][0]["text"] = f"a{char}b"
        data = json.dumps(dataset, ensure_ascii=ensure_ascii).encode()
        if yamlread.UNSAFE_CHARS.search(char):
            (problem,) = _problems(data)
            assert re.fullmatch(
                rf"x\.yaml:1:\d+: (quotes\[0\]\.text: )?control or bidi character U\+{code:04X} is not allowed in text",
                problem,
            ), problem
        elif char == "\\":  # "a\\b" looks like the escape \b to the scan: the slower path reads it right
            assert store.parse_bytes(data, "x.json").quotes[0].text == "a\\b"
        else:
            assert store.parse_bytes(data, "x.json").quotes[0].text == f"a{char}b", hex(code)


def test_escaped_backslash_before_an_escape_letter_is_text() -> None:
    """A literal backslash followed by 'r' or 'u001b' (JSON "\\\\r") is ordinary text, not a control character."""
    dataset = _fast_path_json()
    dataset["quotes"][0]["text"] = "C:\\remote\\u001b"
    assert store.parse_bytes(json.dumps(dataset).encode(), "x.json").quotes[0].text == "C:\\remote\\u001b"
    dataset["documents"][0]["summit"] = "true"  # the slower path still holds JSON to JSON's types
    text = json.dumps(dataset)
    column = text.index('"summit": "true"') + len('"summit": ') + 1
    message = 'expected true or false, got the quoted text "true": write it without quotes'
    assert _problems(text) == [f"x.yaml:1:{column}: documents[0].summit: {message}"]


def test_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `!!python/object/apply:os.system` file is refused and its command never runs."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORPUS / "tag_python_apply.yaml", "hostile.yaml")
    witness = tmp_path / "SILKCLI_PWNED"
    for args in (["validate", "hostile.yaml"], ["--data", "hostile.yaml", "export", "-f", "json"]):
        result = run_cli(*args)
        assert result.exit_code == 3
        assert not witness.exists()
    # The probe is live: an unsafe loader really runs the command and creates the file.
    yaml.unsafe_load((tmp_path / "hostile.yaml").read_text())
    assert witness.exists()


def test_billion_laughs_refused_quickly() -> None:
    """Aliases that would expand to 10**40 items are refused unexpanded (expanding them would never end)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 41)]
    problems = _problems("\n".join(lines) + "\n")
    assert len(problems) == 40
    assert problems[0] == (
        "x.yaml:2:10: a1[0]: alias '*a0' repeats a list or mapping; aliases are not allowed in a dataset, "
        "write the value out"
    )


def test_scalar_aliases_are_allowed() -> None:
    """An alias of a plain text value is only a repeat, and reads as that text."""
    reader = yamlread.Reader("x.yaml")
    assert reader.read("a: &name Aldoria\nb: [*name, *name]\n") == {"a": "Aldoria", "b": ["Aldoria", "Aldoria"]}
    assert reader.problems == []


class _PureTextLoader(yaml.SafeLoader):
    """The pure-Python parser, as used where PyYAML was built without libyaml."""

    yaml_implicit_resolvers: dict[object, object] = {}


# Deeper than libyaml's limit (1,000) and than Python's default recursion limit;
# not much deeper, as the pure-Python scanner is quadratic in flow nesting.
DEEP = {
    "flow lists": "a: " + "[" * 1_500 + "]" * 1_500 + "\n",
    "flow mappings": "a: " + "{a: " * 1_500 + "x" + "}" * 1_500 + "\n",
    "block mappings": "".join(" " * i + "a:\n" for i in range(1_500)) + " " * 1_500 + "x\n",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
@pytest.mark.parametrize("parser", ["libyaml", "pure Python"])
def test_deep_nesting_is_one_problem(shape: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Structures nested thousands deep give one problem, never a RecursionError, with either parser."""
    if parser == "pure Python":
        monkeypatch.setattr(yamlread, "TextLoader", _PureTextLoader)
    problems = _problems(DEEP[shape])
    assert len(problems) == 1
    assert problems[0].endswith(("YAML syntax error: nested too deeply", "nested more than 32 levels deep"))


def test_very_long_strings_give_short_messages() -> None:
    """A megabyte of text in a field, a key or a date gives a short message that counts or cuts it."""
    base = BASE.read_text(encoding="utf-8")
    huge = "x" * 1_000_000
    cases = {
        "    evidence: cooperation in mining\n": (
            f"    evidence: {huge}\n",
            "x.yaml:52:15: sectors[0].evidence: expected a text of at most 2000 characters, got 1000000",
        ),
        "    name: Mining\n": (
            f"    name: Mining\n    ? {huge}\n    : 1\n",
            f"x.yaml:51:7: sectors[0].{'x' * 39}…: unknown field '{'x' * 39}…'",
        ),
        "    signed: 2024-12-03\n": (
            f"    signed: 2024-{huge}\n",
            f"x.yaml:85:13: documents[0].signed: '2024-{'x' * 34}…' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    }
    for old, (new, expected) in cases.items():
        assert _problems(base.replace(old, new)) == [expected]


def test_directory_as_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory given to --data is one line, exit 3."""
    monkeypatch.chdir(ROOT)
    result = run_cli("--data", "tests/bad_data", "export", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "tests/bad_data: is a directory, not a dataset file\n",
    )


def test_missing_file_as_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that does not exist given to --data is one line, exit 3."""
    monkeypatch.chdir(ROOT)
    result = run_cli("--data", "tests/bad_data/no-such-file.yaml", "export", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "tests/bad_data/no-such-file.yaml: no such file\n",
    )


def test_path_below_a_file_as_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A path whose parent is a file cannot be read: one line, exit 3."""
    monkeypatch.chdir(ROOT)
    result = run_cli("--data", "tests/bad_data/_valid_base.yaml/x.yaml", "export", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "tests/bad_data/_valid_base.yaml/x.yaml: cannot read: Not a directory\n",
    )


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_that_fails_to_read_as_data() -> None:
    """A file whose read fails (/proc/self/mem: EIO, even for root) is one line, exit 3."""
    result = run_cli("--data", "/proc/self/mem", "export", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "/proc/self/mem: cannot read: Input/output error\n",
    )


def test_unreadable_file_as_data(tmp_path: Path) -> None:
    """A file without read permission given to --data is one line, exit 3."""
    target = tmp_path / "locked.yaml"
    shutil.copy(BASE, target)
    target.chmod(0)
    command = [*command_prefix(), sys.executable, "-m", "silkcli", "--data", str(target), "export"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (3, "", f"{target}: cannot read: Permission denied\n")


def test_100_mb_file_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    """A 100 MB file is refused by a 96 MiB limit (--max-size) before it is read: it takes little memory."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 2**20)
    tracemalloc.start()
    try:
        result = run_cli("--max-size", "96M", "--data", str(big), "export", "-f", "json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        f"{big}: file is 100.0 MiB, larger than the 96 MiB limit (--max-size or SILKCLI_MAX_SIZE)\n",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_special_file_is_cut_at_the_limit() -> None:
    """A file that never ends (/dev/zero has size 0) is read only up to the limit, then refused."""
    result = run_cli("--data", "/dev/zero", "export", "-f", "json", env={"SILKCLI_MAX_SIZE": "96M"})
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "/dev/zero: file is larger than the 96 MiB limit (--max-size or SILKCLI_MAX_SIZE)\n",
    )
