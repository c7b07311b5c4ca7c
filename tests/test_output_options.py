"""-o FILE on every listing command, --no-header, --bom, and the text brief's width in terminal cells."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from conftest import TINY, run_cli
from silkcli.cli.commands import COMMANDS
from test_widths import too_wide

LISTINGS = [c.name for c in COMMANDS if c.listing]
ARGUMENTS = {"search": ["antimony"], "show": ["doc-energy-minerals-mou"]}


@pytest.mark.parametrize("command", LISTINGS)
def test_every_listing_command_writes_o_file_in_the_format_its_suffix_names(command: str, tmp_path: Path) -> None:
    """`CMD -o out.json` prints nothing and leaves the same JSON that -f json prints."""
    target = tmp_path / "out.json"
    args = [command, *ARGUMENTS.get(command, [])]
    written = run_cli(*args, "-o", str(target))
    assert (written.exit_code, written.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == run_cli(*args, "-f", "json").stdout
    assert json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".csv", lambda text: next(csv.reader(io.StringIO(text))) == ["id", "name", "country", "role", "title"]),
        (".tsv", lambda text: text.startswith("id\tname\tcountry\trole\ttitle\n")),
        (".md", lambda text: text.startswith("| id | name | country | role | title |\n")),
        (".yaml", lambda text: isinstance(yaml.safe_load(text), list)),
        (".jsonl", lambda text: all(json.loads(line) for line in text.splitlines())),
        (".html", lambda text: text.lstrip().lower().startswith("<!doctype html>")),
        (".svg", lambda text: "<svg" in text),
    ],
)
def test_each_suffix_names_its_format(suffix: str, check: object, tmp_path: Path) -> None:
    """.csv, .tsv, .md, .yaml, .jsonl, .html and .svg each write that format."""
    target = tmp_path / f"people{suffix}"
    result = run_cli("--data", str(TINY), "leaders", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert callable(check) and check(target.read_text(encoding="utf-8"))


def test_f_wins_over_a_name_without_a_known_suffix(tmp_path: Path) -> None:
    """`-f tsv -o people.txt` writes TSV: the user named the format."""
    target = tmp_path / "people.txt"
    assert run_cli("--data", str(TINY), "leaders", "-f", "tsv", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id\tname\t")


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["agreements", "-o", "x.pdf"],
            "error: -o x.pdf: silkcli does not write PDF",
            "print it to PDF from a browser",
        ),
        (["brief", "-o", "b.pdf"], "error: -o b.pdf: silkcli does not write PDF", "print it to PDF from a browser"),
        (["agreements", "-f", "json", "-o", "x.csv"], "error: -o x.csv: a .csv name is -f csv, but -f json", ".json"),
        (["leaders", "-o", "x.txt"], "error: -o x.txt: cannot tell the format from the name", ".csv"),
        (["brief", "-o", "b.docx"], "error: -o b.docx: cannot tell the format from the name", ".html"),
    ],
)
def test_unknown_or_mismatched_suffixes_are_usage_errors(
    args: list[str], message: str, hint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit 2, one error line and one hint saying what to do; no file is written."""
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    error, advice = result.stderr.splitlines()
    assert error.startswith(message) and hint in advice
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_the_old_o_file_whole(tmp_path: Path) -> None:
    """An unknown filter value exits 2 before anything is written: the old file stays as it was."""
    target = tmp_path / "mining.json"
    target.write_text("old\n", encoding="utf-8")
    assert run_cli("agreements", "--sector", "minning", "-o", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["mining.json"]


def test_no_header_leaves_out_the_header_line_of_tsv_and_csv() -> None:
    """--no-header: the first line is the first record."""
    tsv = run_cli("--data", str(TINY), "leaders", "-f", "tsv", "--no-header").stdout
    assert tsv.splitlines()[0].startswith("mara-quell\t")
    rows = list(csv.reader(io.StringIO(run_cli("--data", str(TINY), "leaders", "-f", "csv", "--no-header").stdout)))
    assert rows[0][0] == "mara-quell" and len(rows) == 4


def test_bom_starts_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    """--bom: a csv file starts with EF BB BF, then the header, and Korean text survives."""
    target = tmp_path / "agreements.csv"
    assert run_cli("agreements", "--bom", "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,signed,")
    assert "대한무역투자진흥공사" in data.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "json", "--no-header"], "error: --no-header applies to -f tsv and -f csv, not -f json"),
        (["-f", "tsv", "--bom"], "error: --bom applies to -f csv, not -f tsv"),
    ],
)
def test_header_and_bom_options_with_other_formats_are_usage_errors(args: list[str], message: str) -> None:
    """They would silently do nothing, so they are refused."""
    result = run_cli("leaders", *args)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, message)


@pytest.mark.parametrize("data", [[], ["--data", str(TINY)]])
def test_text_brief_has_no_line_wider_than_80_cells(data: list[str]) -> None:
    """Hangul counts two cells: `brief -f text --width 80` keeps every line within 80 cells (but a line of one
    whole URL, which never breaks)."""
    text = run_cli(*data, "brief", "-f", "text", "--width", "80").stdout
    assert too_wide(text, 80) == []
    if not data:
        assert any(cell_len(line) > len(line) for line in text.splitlines())  # there is wide text to wrap


def test_narrow_text_brief_keeps_its_chart_within_the_width() -> None:
    """At the narrowest width the reserves chart's bars shrink instead of overflowing."""
    text = run_cli("brief", "-f", "text", "--width", "40").stdout
    assert too_wide(text, 40) == []


def test_machine_rows_leave_markers_out_and_an_export_beside_them_still_draws_them(tmp_path: Path) -> None:
    """A date known to the month is drawn with "(day unknown)" in a table or HTML; JSON gives the
    value alone (its precision is a field of its own, on request), whether or not --export draws
    the same rows as HTML at the same time."""
    alone = run_cli("agreements", "-f", "json")
    page = tmp_path / "agreements.html"
    both = run_cli("agreements", "-f", "json", "--export", str(page))
    assert alone.exit_code == both.exit_code == 0
    assert alone.stdout == both.stdout
    rows = json.loads(both.stdout)
    month_only = [r for r in rows if len(r["signed"]) == 7]
    assert month_only and all("signed_precision" not in r for r in rows)
    assert page.read_text(encoding="utf-8").count("day unknown") == len(month_only)
    explicit = json.loads(run_cli("agreements", "-f", "json", "--fields", "id,signed,signed_precision").stdout)
    assert {r["signed_precision"] for r in explicit if len(r["signed"]) == 7} == {"month"}
