"""The README's promises: its two commands, and tour outputs that are real and current."""

from __future__ import annotations

import re
import shlex

import pytest
import typer.main

from conftest import ROOT, run_cli
from silkcli.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
SESSIONS = re.findall(r"```console\n\$ (silkcli [^\n]*)\n(.*?)```", README, re.DOTALL)


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


@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_tour_output_is_what_the_tool_prints(command: str, expected: str) -> None:
    """Each `$ silkcli …` block shows exactly the stdout of that command today."""
    args = shlex.split(command)[1:]
    result = run_cli(*args)
    if not expected.strip():
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip() in README
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected


def test_readme_documents_every_command() -> None:
    """Each registered command appears in the README's command table."""

    group = typer.main.get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    missing = [n for n in names if f"`{n}" not in README]
    assert missing == []
