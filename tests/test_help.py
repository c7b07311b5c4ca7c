"""Help that says what each command really takes, and `silkcli help [COMMAND]`."""

from __future__ import annotations

import re

import pytest

from conftest import TINY, run_cli
from silkcli.cli.commands import COMMANDS
from silkcli.formats import Format


def test_help_command_prints_the_same_as_dash_dash_help() -> None:
    """`silkcli help agreements` is `silkcli agreements --help`; `silkcli help` is `silkcli --help`."""
    assert run_cli("help", "agreements").stdout == run_cli("agreements", "--help").stdout
    assert run_cli("help").stdout == run_cli("--help").stdout
    typo = run_cli("help", "shw")
    assert typo.exit_code == 2 and typo.stderr.startswith("error: no command 'shw' (did you mean 'show'?)\n")


def test_root_help_has_three_examples_and_whole_summaries() -> None:
    """`silkcli --help` ends its description with three examples and shows every summary whole."""
    text = run_cli("--help", env={"COLUMNS": "80"}).stdout
    examples = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) == 3 and all(line.startswith("  silkcli ") for line in examples)
    for command in (c for c in COMMANDS if not c.hidden):
        assert " ".join(command.summary.split()) in " ".join(text.split())


@pytest.mark.parametrize(("command", "absent"), [("sources", "Filters:"), ("leaders", "--since"), ("show", "Filters:")])
def test_help_names_only_the_rules_a_command_has(command: str, absent: str) -> None:
    """A command without filters has no filter rules; one without dates says nothing of --since."""
    assert absent not in run_cli(command, "--help").stdout


def test_examples_start_at_the_margin_of_the_help() -> None:
    """Example lines are not indented beyond the paragraph they are in."""
    text = run_cli("agreements", "--help").stdout
    assert "\n  Examples:\n  silkcli agreements --sector mining\n" in text


def test_closed_filters_list_the_datasets_values() -> None:
    """`--type`, `--status`, `--role` and `--kind` help lists the values of the dataset in use."""
    agreements = " ".join(run_cli("agreements", "--help").stdout.split())
    assert "Values: cooperation-program, mou, moc," in agreements and "Values: signed, adopted, in-force." in agreements
    tiny = " ".join(run_cli("--data", str(TINY), "leaders", "--help").stdout.split())
    assert "Role (repeatable). Values: president, minister." in tiny
    assert "Values: agreed, asked, plans, expects." in " ".join(run_cli("commitments", "--help").stdout.split())


def test_listing_help_names_every_format_of_the_registry() -> None:
    """The Output rules of a listing command's --help name every -f format, the sources-only ones with sources."""
    text = " ".join(run_cli("sources", "--help").stdout.split())
    rules = text.split("Output: -f ", 1)[1].split(". The payload", 1)[0]
    every, sources_only = rules.split("; for sources also ")
    assert set(re.findall(r"[a-z][a-z-]*", every)) >= {f.value for f in Format if not f.kinds}
    assert set(re.findall(r"[a-z][a-z-]*", sources_only)) == {f.value for f in Format if f.kinds} | {"and"}
