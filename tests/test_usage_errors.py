"""One style for every error, the parser's too; case-insensitive choices; global options after the command."""

from __future__ import annotations

import pytest

from conftest import TINY, run_cli
from silkcli.cli.commands import COMMANDS
from silkcli.dataset.load import load_dataset


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["agreements", "-n", "abc"],
            "error: -n/--limit: 'abc' is not a whole number\nsee 'silkcli agreements --help'\n",
        ),
        (
            ["agreements", "--fromat", "json"],
            "error: no such option: --fromat (did you mean --bom or --format?)\nsee 'silkcli agreements --help'\n",
        ),
        (
            ["leaders", "--width", "5"],
            "error: --width: 5 is not in the range 20<=x<=1000\nsee 'silkcli leaders --help'\n",
        ),
        (
            ["agrements"],
            "error: no such command 'agrements' (did you mean 'agreements'?)\nsee 'silkcli --help'\n",
        ),
        (["search"], "error: missing argument 'text'\nsee 'silkcli search --help'\n"),
        (["--color", "sometimes", "leaders"], "error: --color: 'sometimes' is not one of auto, always, never\n"),
    ],
)
def test_parser_errors_read_like_silkcli_errors(args: list[str], stderr: str) -> None:
    """Exit 2, `error: WHAT (did you mean …?)` and at most one hint line, no Usage: block or box."""
    result = run_cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(stderr.splitlines()[0] + "\n")
    assert result.stderr == stderr or len(result.stderr.splitlines()) == 2
    assert "Usage:" not in result.stderr and "╭" not in result.stderr


def test_an_unknown_format_suggests_the_closest() -> None:
    """`-f jsn` names the valid formats and the one meant."""
    result = run_cli("leaders", "-f", "jsn")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith("(did you mean 'json'?)")
    assert len(result.stderr.splitlines()) == 2


@pytest.mark.parametrize(("option", "value"), [("-f", "JSON"), ("-f", "Json"), ("--color", "NEVER")])
def test_choices_are_case_insensitive(option: str, value: str) -> None:
    """`-f JSON` is `-f json`; `--color NEVER` is `--color never`."""
    given = run_cli("--data", str(TINY), "leaders", option, value, *(["-f", "json"] if option != "-f" else []))
    plain = run_cli("--data", str(TINY), "leaders", option, value.lower(), *(["-f", "json"] if option != "-f" else []))
    assert given.exit_code == 0 and given.stdout == plain.stdout


def test_data_works_after_the_command_name() -> None:
    """`silkcli agreements --data FILE` reads FILE, as `silkcli --data FILE agreements` does."""
    after = run_cli("agreements", "--data", str(TINY), "-f", "json")
    before = run_cli("--data", str(TINY), "agreements", "-f", "json")
    assert after.exit_code == 0 and after.stdout == before.stdout
    assert "doc-mining-mou" in after.stdout and after.stdout != run_cli("agreements", "-f", "json").stdout


@pytest.mark.parametrize("command", ["validate", "schema", "brief", "leaders"])
def test_global_options_are_accepted_after_every_command(command: str) -> None:
    """--data, --color and --debug work after any command name."""
    result = run_cli(command, "--data", str(TINY), "--color", "never", "--debug")
    assert result.exit_code == 0, result.stderr


def test_global_color_applies_to_the_command() -> None:
    """`silkcli --color always leaders -f table` colours the table; the command's own --color still wins."""
    coloured = run_cli("--color", "always", "leaders", "-f", "table")
    assert "\x1b[" in coloured.stdout
    assert "\x1b" not in run_cli("--color", "always", "leaders", "-f", "table", "--color", "never").stdout


@pytest.mark.parametrize("command", [c.name for c in COMMANDS if c.listing])
def test_listing_help_lists_its_output_options(command: str) -> None:
    """Each listing command's --help still shows its options, the new output options included."""
    text = run_cli(command, "--help").stdout
    for option in ("--format", "--fields", "--output", "--no-header", "--bom", "--width", "--data"):
        assert option in text, option


def test_option_without_its_value_names_the_command_and_lists_the_values() -> None:
    """`agreements --sector` points at `silkcli agreements --help` (not `silkcli --help`) and lists the sectors."""
    result = run_cli("--data", str(TINY), "agreements", "--sector")
    assert (result.exit_code, result.stdout) == (2, "")
    sectors = [s.id for s in load_dataset(TINY).sectors]
    assert result.stderr == (
        "error: option '--sector' requires an argument\n"
        f"see 'silkcli agreements --help'; --sector takes: {', '.join(sectors)}\n"
    )


def test_option_without_a_completable_value_still_names_the_command() -> None:
    """`leaders -n` has no list of values: the hint is the command's help alone."""
    result = run_cli("leaders", "-n")
    assert result.exit_code == 2
    assert result.stderr == "error: option '-n' requires an argument\nsee 'silkcli leaders --help'\n"


def test_no_match_on_a_terminal_is_one_line_and_a_note_says_why() -> None:
    """`agreements --signatory Japarov` as a table: no empty table and "0 records" caption, one note, which
    then a note that says the name was understood and that no document names him as its signatory."""
    result = run_cli("agreements", "--signatory", "Japarov", "-f", "table")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "0 records match\nnote: no document names Sadyr Japarov (sadyr-japarov) as its signatory\n"


def test_a_signatory_left_out_by_another_filter_is_not_said_to_have_signed_nothing() -> None:
    """Azhikeev signed the forestry MOU: with --sector mining nothing matches, and no reason is made up."""
    assert run_cli("agreements", "--signatory", "Azhikeev", "-f", "json").stdout.count('"id"') == 1
    result = run_cli("agreements", "--signatory", "Azhikeev", "--sector", "mining", "-f", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "0 records match\n")


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_help_fits_80_columns(command: str) -> None:
    """Every command's --help at 80 columns has no line wider than 80 (the -f choices of every listing once
    made 84)."""
    result = run_cli(command, "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    wide = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert not wide
