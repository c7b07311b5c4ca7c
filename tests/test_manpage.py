"""`silkcli man`: a man page written from the --help texts, that groff reads without a warning."""

from __future__ import annotations

import ast
import os
import re
import subprocess
from pathlib import Path

import pytest

import silkcli
from conftest import run_cli, system_tool
from silkcli.cli.commands import COMMANDS
from silkcli.environment import ENVIRONMENT
from silkcli.errors import ExitCode
from silkcli.publish.manpage import help_paragraphs, roff_text


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page `silkcli man` prints, in a file."""
    result = run_cli("man")
    assert result.exit_code == 0, result.stderr
    path = tmp_path_factory.mktemp("man") / "silkcli.1"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2010", "-")).strip()


def test_groff_reads_the_page_without_a_warning(page: Path) -> None:
    """`groff -ww -z -man silkcli.1` prints nothing and exits 0."""
    groff = system_tool("groff", "groff-base")
    done = subprocess.run([groff, "-ww", "-z", "-man", str(page)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_man_renders_every_command_with_its_help_summary_and_options(page: Path) -> None:
    """`man -l` shows each visible command's --help summary and its options, and not the hidden `man`."""
    man = system_tool("man", "man-db")
    env = {**os.environ, "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    done = subprocess.run([man, "-l", str(page)], capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    text = _squash(done.stdout)
    visible = [c.name for c in COMMANDS if not c.hidden]
    assert "man" not in visible
    for name in visible:
        help_text = run_cli(name, "--help").stdout
        summary = help_text.split("\n\n")[1].strip()
        assert _squash(summary) in text, name
        for option in re.findall(r"^  (-[-\w, <>|/]+?)(?:  |\n)", help_text.split("Options:")[1], re.M):
            assert _squash(option) in text, (name, option)
    assert "silkcli man " not in text


def test_roff_escapes_leave_no_request_in_data() -> None:
    """A help line starting with a dot or quote cannot become a roff request; backslashes and non-ASCII are escaped."""
    assert roff_text(".TH x") == "\\&.TH x"
    assert roff_text("'x") == "\\&'x"
    assert roff_text("a\\b – c") == "a\\eb \\[u2013] c"
    assert help_paragraphs("One.\n\nExamples:\n\n  silkcli x --y\n") == [
        ".PP\nOne.",
        ".PP\nExamples:",
        ".RS 4\n.nf\nsilkcli x \\-\\-y\n.fi\n.RE",
    ]


def _rendered(page: Path) -> str:
    man = system_tool("man", "man-db")
    env = {**os.environ, "MANWIDTH": "200", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    done = subprocess.run([man, "-l", str(page)], capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    return done.stdout


def _section(text: str, name: str) -> str:
    """The body of one ``.SH`` section as man renders it (up to the next heading at the margin)."""
    match = re.search(rf"^{name}\n(.*?)(?=^\S)", text, re.M | re.S)
    assert match, f"no {name} section"
    return _squash(match.group(1))


def test_exit_status_lists_every_exit_code_with_its_meaning(page: Path) -> None:
    """EXIT STATUS gives each code silkcli can end with, as --help does."""
    section = _section(_rendered(page), "EXIT STATUS")
    for code in ExitCode:
        assert f"{int(code)} {_squash(code.meaning)}" in section


def _variables_read() -> set[str]:
    """Every environment variable the source reads: ``environ.get("X")``, ``getenv("X")``, ``envvar="X"``."""
    found: set[str] = set()
    for path in Path(silkcli.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                reads = name == "getenv" or (
                    name == "get" and isinstance(func, ast.Attribute) and "environ" in ast.unparse(func.value)
                )
                if reads and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
            if isinstance(node, ast.keyword) and node.arg == "envvar" and isinstance(node.value, ast.Constant):
                found.add(str(node.value.value))
    return found


def test_environment_names_every_variable_silkcli_reads(page: Path) -> None:
    """ENVIRONMENT lists each variable the code reads (a new one left out of the registry fails here)."""
    read = _variables_read()
    assert {"SILKCLI_DATA", "SILKCLI_NO_CACHE", "XDG_CACHE_HOME", "COLUMNS", "NO_COLOR"} <= read
    assert read <= {name for name, _ in ENVIRONMENT}
    section = _section(_rendered(page), "ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        assert f"{name} {_squash(meaning)}" in section


def test_files_and_examples_sections(page: Path) -> None:
    """FILES names the cache folder and the bundled dataset; EXAMPLES gathers every command's examples."""
    text = _rendered(page)
    files = _section(text, "FILES")
    assert "~/.cache/silkcli/" in files and "partnership.yaml" in files
    shown = _section(text, "EXAMPLES")
    for command in COMMANDS:
        if command.hidden:
            continue
        for line in re.findall(r"^\s*(silkcli .+)$", run_cli(command.name, "--help").stdout, re.M):
            assert _squash(line) in shown, (command.name, line)


def test_title_line_is_dated_and_whatis_shows_a_plain_summary(page: Path, tmp_path: Path) -> None:
    """`.TH` carries the data's date, and `whatis` (from a real mandb index) prints the summary in plain text."""
    updated = run_cli("--version").stdout.split("updated ")[1].split(")")[0]
    assert page.read_text(encoding="utf-8").startswith(f'.TH SILKCLI 1 "{updated}" ')
    mandb, whatis = system_tool("mandb", "man-db"), system_tool("whatis", "man-db")
    (tmp_path / "man1").mkdir()
    (tmp_path / "man1" / "silkcli.1").write_bytes(page.read_bytes())
    subprocess.run([mandb, "-q", str(tmp_path)], check=True, capture_output=True, timeout=60)
    done = subprocess.run(
        [whatis, "-l", "-M", str(tmp_path), "silkcli"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    summary = "Sourced facts about the Korea-Kyrgyzstan Comprehensive Partnership"
    assert re.fullmatch(rf"silkcli \(1\) +- {summary}", done.stdout.strip()), done.stdout
