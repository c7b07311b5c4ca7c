"""Dataset input an attack found wrong (issue 13): each case fails with one exact, well-placed line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, TESTS, run_cli
from silkcli.dataset import json_text
from silkcli.dataset import load as store
from silkcli.dataset.dump import to_json
from silkcli.dataset.model import json_schema
from silkcli.errors import DatasetError, shorten

BASE = TESTS / "bad_data" / "_valid_base.yaml"


def test_symlink_loop_as_data_is_a_dataset_problem(tmp_path: Path) -> None:
    """--data on a symlink loop exits 3 with "symlink loop", not an internal error (70)."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    for args in (["--data", str(tmp_path / "a.yaml"), "agreements"], ["validate", str(tmp_path / "a.yaml")]):
        result = run_cli(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            3,
            "",
            f"{tmp_path}/a.yaml: cannot read: symlink loop\n",
        )


def _with_archive(tmp_path: Path, archive: str) -> Path:
    """``_valid_base.yaml`` with its first source archived as ``archive``, written into ``tmp_path``."""
    text = BASE.read_text(encoding="utf-8").replace(
        "    published: 2024-12-03\n", f"    published: 2024-12-03\n    archive: {archive}\n", 1
    )
    target = tmp_path / "data.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def _validate_in_a_process(data: Path, sources: Path) -> subprocess.CompletedProcess[str]:
    """``silkcli validate DATA --sources SOURCES`` in its own process, killed if it takes over a minute."""
    command = [sys.executable, "-m", "silkcli", "validate", str(data), "--sources", str(sources)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_archive_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    """An archive name leading to a FIFO with no writer is one problem, at once (it used to hang)."""
    data = _with_archive(tmp_path, "s1.txt")
    os.mkfifo(tmp_path / "s1.txt")
    result = _validate_in_a_process(data, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        3,
        "",
        f"{data}:34:14: sources[0].archive: cannot read archive {tmp_path}/s1.txt: "
        "not a regular file (a folder, FIFO or device)\n",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_archive_linked_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    """An archive that links to /dev/zero is refused before any read (it used to read without end)."""
    data = _with_archive(tmp_path, "s1.txt")
    (tmp_path / "s1.txt").symlink_to("/dev/zero")
    result = _validate_in_a_process(data, tmp_path)
    assert (result.returncode, result.stderr.split(": ", 3)[-1]) == (
        3,
        "not a regular file (a folder, FIFO or device)\n",
    )


def test_archive_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive larger than the dataset size limit is refused, not read whole."""
    monkeypatch.setattr(store, "MAX_BYTES", 2**20)
    data = _with_archive(tmp_path, "s1.txt")
    (tmp_path / "s1.txt").write_text("the Republic of Aldoria " * 50_000, encoding="utf-8")
    result = run_cli("validate", str(data), "--sources", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        3,
        f"{data}:34:14: sources[0].archive: cannot read archive {tmp_path}/s1.txt: larger than the 1 MiB limit\n",
    )


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_sources_that_is_not_a_folder_is_a_usage_error(kind: str, tmp_path: Path) -> None:
    """`validate --sources X` where X is missing or a file says so in one line and exits 2."""
    folder = tmp_path / "sources"
    if kind == "a file":
        folder.write_text("", encoding="utf-8")
    result = run_cli("validate", "--sources", str(folder))
    why = "no such folder" if kind == "missing" else "not a folder"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: --sources {folder}: {why}\n")


def _base_json() -> dict[str, Any]:
    """``_valid_base.yaml`` as JSON data (what `silkcli export -f json` writes)."""
    return dict(json.loads(to_json(store.parse_bytes(BASE.read_bytes(), "base.yaml"))))


def _problem_lines(data: bytes, name: str = "x.json") -> list[str]:
    """The problem lines ``store.parse_bytes`` raises for ``data``."""
    with pytest.raises(DatasetError) as info:
        store.parse_bytes(data, name)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("date", ["２０２４-１２-０３", "٢٠٢٤-١٢-٠٣", "2024-١٢-03"])
def test_json_date_with_digits_of_another_script_is_refused(date: str) -> None:
    """A JSON date with non-ASCII digits is refused where it is, as the published schema refuses it."""
    dataset = _base_json()
    dataset["events"][0]["date"] = date
    text = json.dumps(dataset, ensure_ascii=False)
    column = text.index(f'"date": "{date}"') + len('"date": ') + 1
    message = f"'{date}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD with the digits 0-9"
    assert _problem_lines(text.encode()) == [f"x.json:1:{column}: events[0].date: {message}"]


def test_schema_date_pattern_allows_ascii_digits_only() -> None:
    """The published date pattern says [0-9], which reads the same in Python and in ECMA-262."""
    assert "\\d" not in json.dumps(json_schema())


@pytest.mark.parametrize("value", [10**400, -(10**15) - 1, 10**15 + 1])
def test_json_integer_beyond_the_bound_is_refused(value: int) -> None:
    """Whole numbers are bounded like fractional ones (±1e15): a 401-digit one no longer passes to overflow later."""
    dataset = _base_json()
    dataset["statistics"][0]["value"] = value
    text = json.dumps(dataset)
    column = text.index(f'"value": {value}') + len('"value": ') + 1
    message = f"expected a number between -1e15 and 1e15, got '{shorten(str(value))}'"
    assert _problem_lines(text.encode()) == [f"x.json:1:{column}: statistics[0].value: {message}"]


def test_reserves_with_a_huge_integer_is_a_dataset_error_not_a_crash() -> None:
    """`reserves` on a file with a 401-digit figure exits 3 with the place (it was an OverflowError, exit 70)."""
    result = run_cli("--data", str(BASE.parent / "type_statistic_huge_integer.yaml"), "reserves", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr.count("\n")) == (3, "", 1)
    assert "statistics[0].value: expected a number between -1e15 and 1e15" in result.stderr


def test_schema_states_the_bound_on_whole_numbers() -> None:
    """The published schema gives integers the same ±1e15 bound as other numbers."""
    value = json_schema()["$defs"]["Amount"]["properties"]["value"]
    (integer,) = [v for v in value["anyOf"] if v.get("type") == "integer"]
    assert (integer["minimum"], integer["maximum"]) == (-(10**15), 10**15)


def _tiny_world_total(tmp_path: Path) -> Path:
    """The bundled dataset with the world's antimony reserves given as 4.9e-324 t (the smallest float)."""
    text = BUNDLED.read_text(encoding="utf-8")
    old = '    label: "World total (rounded)"\n    value: 2000000\n'
    assert old in text
    target = tmp_path / "tiny.yaml"
    target.write_text(text.replace(old, '    label: "World total (rounded)"\n    value: 4.9e-324\n'), encoding="utf-8")
    return target


def test_a_tiny_world_total_gives_no_share_in_every_format(tmp_path: Path) -> None:
    """A share that overflows to infinity is no share: null in json and yaml, empty in tsv, no "≤inf" anywhere."""
    data = str(_tiny_world_total(tmp_path))
    fields = ["reserves", "--country", "KG", "--fields", "name,share_pct,share_bound"]
    as_json = run_cli("--data", data, *fields, "-f", "json")
    assert json.loads(as_json.stdout) == [{"name": "Kyrgyzstan", "share_pct": None, "share_bound": None}]
    as_yaml = run_cli("--data", data, *fields, "-f", "yaml")
    assert as_yaml.stdout == "- name: Kyrgyzstan\n  share_pct: null\n  share_bound: null\n"
    as_tsv = run_cli("--data", data, *fields, "-f", "tsv")
    assert as_tsv.stdout == "name\tshare_pct\tshare_bound\nKyrgyzstan\t\t\n"
    assert "inf" not in as_tsv.stderr and "upper bound" not in as_tsv.stderr
    table = run_cli("--data", data, "reserves", "--top", "4", "-f", "table", "--width", "130")
    brief = run_cli("--data", data, "brief", "-f", "text")
    assert table.exit_code == brief.exit_code == 0
    assert "≤inf" not in table.stdout + brief.stdout
    assert "≤" not in table.stdout.split("\n")[3]  # China's row: no share, so no bound either


def test_yaml_flow_file_keeps_a_single_quoted_backslash_u_literal() -> None:
    """A YAML file that starts with '{' is not JSON: '\\ud83d\\ude00' in single quotes stays those 12 characters."""
    data = _base_json()
    data["quotes"][0]["text"] = "@@"
    text = json.dumps(data).replace('"@@"', "'a \\ud83d\\ude00 b'")  # YAML flow style, no longer JSON
    assert store.parse_bytes(text.encode(), "x.yaml").quotes[0].text == "a \\ud83d\\ude00 b"


def test_json_pairs_are_joined_inside_strings_and_later_columns_stay_true() -> None:
    """In one-line JSON, three escaped emoji before a bad value do not move its column (11 per pair before)."""
    data = _base_json()
    data["documents"][0]["title"] = "\U0001f600\U0001f601\U0001f602"
    data["commitments"][0]["sector"] = "minning"
    text = json.dumps(data)
    assert text.count("\\ud83d") == 3
    column = text.index('"minning"') + 1
    assert _problem_lines(text.encode()) == [
        f"x.json:1:{column}: commitments[0].sector: unknown sector 'minning' (did you mean 'mining'?)"
    ]


_NONCHARACTERS = [*range(0xFDD0, 0xFDF0), *(plane << 16 | low for plane in range(17) for low in (0xFFFE, 0xFFFF))]
_NEIGHBOURS = [0xFDCF, 0xFDF0, 0xFFFD, 0xFEFF, 0x1FFFD, 0x20000, 0x10FFFD, 0x1F600]


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "raw"])
def test_every_noncharacter_is_refused_in_json_and_its_neighbours_pass(ensure_ascii: bool) -> None:
    """All 66 noncharacters are refused in JSON, raw or escaped, and the characters beside them load as text."""
    dataset = _base_json()
    for code in _NONCHARACTERS + _NEIGHBOURS:
        dataset["quotes"][0]["text"] = f"a{chr(code)}b"
        data = json.dumps(dataset, ensure_ascii=ensure_ascii).encode()
        if code in _NONCHARACTERS:
            (problem,) = _problem_lines(data)
            assert problem.endswith(f"noncharacter U+{code:04X} is not allowed in text"), problem
        else:
            assert store.parse_bytes(data, "x.json").quotes[0].text == f"a{chr(code)}b", hex(code)


def test_json_keys_given_twice_are_each_reported_through_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--data FILE.json` with a key given twice exits 3 naming each repeat (the last value used to win silently)."""
    monkeypatch.chdir(BASE.parent.parent.parent)
    result = run_cli("--data", "tests/bad_data/json_duplicate_key.json", "agreements", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (
        3,
        "",
        [
            "tests/bad_data/json_duplicate_key.json:78:7: countries[1].name: key given twice",
            "tests/bad_data/json_duplicate_key.json:150:9: documents[0].amount.ceiling: key given twice",
            "2 problems found",
        ],
    )


def test_a_cached_json_file_is_not_checked_for_repeated_keys_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repeated-key check runs on a JSON file's first load only: the warm load pays nothing for it."""
    target = tmp_path / "data.json"
    target.write_text(to_json(store.parse_bytes(BASE.read_bytes(), "base.yaml")), encoding="utf-8")
    an_hour_ago = time.time() - 3600  # files modified just now are not cached yet
    os.utime(target, (an_hour_ago, an_hour_ago))
    calls: list[int] = []
    real = json_text.has_duplicate_keys
    monkeypatch.setattr(json_text, "has_duplicate_keys", lambda data: calls.append(len(data)) or real(data))
    first = run_cli("--data", str(target), "agreements", "-f", "tsv")
    warm = run_cli("--data", str(target), "agreements", "-f", "tsv")
    assert (first.exit_code, warm.exit_code, first.stdout == warm.stdout) == (0, 0, True)
    assert calls == [target.stat().st_size]
