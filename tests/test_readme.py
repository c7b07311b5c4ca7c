"""The README's and docs' promises: the two commands, and tour outputs that are real and current."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from conftest import ROOT, run_cli
from silkcli.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SESSION = re.compile(r"```console\n\$ (silkcli [^\n]*)\n(.*?)```", re.DOTALL)


def _sessions() -> list[tuple[Path, str, str]]:
    """Every `$ silkcli …` block of the README and docs/*.md, with the file it is in."""
    found = []
    for path in DOCS:
        for command, expected in SESSION.findall(path.read_text(encoding="utf-8")):
            found.append((path, command, expected))
    return found


SESSIONS = _sessions()


def test_readme_opens_with_exactly_two_commands() -> None:
    """Install-and-run, then install-and-test, before anything else."""
    blocks = re.findall(r"```sh\n(.*?)\n```", README.split("## ")[0], re.DOTALL)
    assert len(blocks) == 2
    assert blocks[0].endswith("silkcli agreements --sector mining")
    assert blocks[1].endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls the README's second command verbatim."""
    test_command = re.findall(r"```sh\n(.*?)\n```", README)[1]
    assert test_command in CI.splitlines()


def test_readme_stays_short() -> None:
    """The README guides; the reference lives in docs/ (at most 250 lines)."""
    assert len(README.splitlines()) <= 250


def test_every_doc_has_tour_blocks_to_check() -> None:
    """The README and the usage reference each hold at least one tested `$ silkcli` block."""
    files = {path.name for path, _, _ in SESSIONS}
    assert {"README.md", "usage.md"} <= files


@pytest.mark.parametrize(
    ("path", "command", "expected"),
    SESSIONS,
    ids=[f"{p.name}: {c}" for p, c, _ in SESSIONS],
)
def test_tour_output_is_what_the_tool_prints(path: Path, command: str, expected: str) -> None:
    """Each `$ silkcli …` block shows exactly the stdout of that command today."""
    args = shlex.split(command)[1:]
    result = run_cli(*args)
    if not expected.strip():
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip() in path.read_text(encoding="utf-8")
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected


@pytest.mark.parametrize("doc", ["README.md", "docs/usage.md"])
def test_docs_name_every_command(doc: str) -> None:
    """Each registered command appears in the README's and the usage reference's command tables."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    missing = [n for n in names if f"`{n}" not in text]
    assert missing == []


def test_docs_links_resolve() -> None:
    """Every relative link of the README, CONTRIBUTING.md and docs/*.md names a file that exists."""
    broken = []
    for path in [*DOCS, ROOT / "CONTRIBUTING.md"]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if not (path.parent / target).exists():
                broken.append(f"{path.name}: {target}")
    assert broken == []
