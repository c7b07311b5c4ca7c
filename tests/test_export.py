"""``--export FILE``: a listing's table also goes to a file, and stdout stays the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY, run_cli


@pytest.mark.parametrize("fmt", [None, "json", "table"])
@pytest.mark.parametrize("suffix", [".html", ".svg", ".md"])
def test_export_writes_the_file_and_leaves_stdout_alone(tmp_path: Path, suffix: str, fmt: str | None) -> None:
    """stdout with --export is byte for byte stdout without it, and the file is written."""
    options = ["-f", fmt] if fmt else []
    plain = run_cli("--data", str(TINY), "agreements", *options, "--width", "100")
    target = tmp_path / f"out{suffix}"
    exported = run_cli("--data", str(TINY), "agreements", *options, "--width", "100", "--export", str(target))
    assert plain.exit_code == exported.exit_code == 0
    assert exported.stdout == plain.stdout
    assert exported.stderr == plain.stderr
    assert target.is_file() and "doc-mining-mou" in target.read_text(encoding="utf-8")


def test_markdown_export_is_the_markdown_format(tmp_path: Path) -> None:
    """FILE.md holds exactly what -f markdown prints."""
    target = tmp_path / "out.md"
    result = run_cli("--data", str(TINY), "agreements", "--export", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == run_cli("--data", str(TINY), "agreements", "-f", "markdown").stdout


@pytest.mark.parametrize(("suffix", "start"), [(".html", "<!DOCTYPE html>"), (".svg", "<svg")])
def test_html_and_svg_exports_are_those_formats(tmp_path: Path, suffix: str, start: str) -> None:
    """FILE.html is an HTML page and FILE.svg an SVG picture of the table."""
    target = tmp_path / f"out{suffix}"
    assert run_cli("--data", str(TINY), "agreements", "--export", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(start)
    assert "doc-trade-protocol" in text


def test_unknown_export_suffix_exits_2_before_any_output(tmp_path: Path) -> None:
    """--export out.txt is a usage error: nothing on stdout, no file."""
    target = tmp_path / "out.txt"
    result = run_cli("--data", str(TINY), "agreements", "--export", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: --export: cannot tell the format of '{target}'; use a name ending in .html, .svg or .md\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("suffix", [".html", ".svg", ".md"])
def test_export_to_a_missing_directory_exits_4_and_writes_nothing(tmp_path: Path, suffix: str) -> None:
    """An export into a folder that does not exist fails with exit 4 and leaves no file at all."""
    target = tmp_path / "missing" / f"out{suffix}"
    result = run_cli("--data", str(TINY), "agreements", "--export", str(target))
    assert result.exit_code == 4
    assert result.stderr == f"error: cannot write {target}: directory {target.parent} does not exist\n"
    assert not target.parent.exists()
    assert [p.name for p in tmp_path.iterdir()] == []
