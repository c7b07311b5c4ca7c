"""Options shared by several commands, each declared once as an ``Annotated`` alias.

A command states its filters in its own signature, using these aliases; the
output options of every listing command are the fields of :class:`Output`,
which :func:`silkcli.cli.listing_run.listing_command` appends to it.

The annotations here are evaluated (no ``from __future__ import annotations``):
Typer reads :class:`Output`'s as the options' declarations.
"""

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

from silkcli.cli import complete
from silkcli.cli.option import format_option
from silkcli.cli.option import option as option  # re-exported: the commands' one way to declare an option
from silkcli.cli.width import MAX_WIDTH as MAX_WIDTH  # re-exported with terminal_width, for the commands
from silkcli.cli.width import terminal_width as terminal_width
from silkcli.formats import Format
from silkcli.plain import Plain

Many = list[str] | None


class ColorMode(str, enum.Enum):
    """When to colour what is drawn for a person."""

    auto = "auto"
    always = "always"
    never = "never"

    def wanted(self, *, to_terminal: bool) -> bool:
        """Whether to colour: auto honours NO_COLOR, then FORCE_COLOR/CLICOLOR_FORCE, then asks the terminal."""
        if self is not ColorMode.auto:
            return self is ColorMode.always
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            return False
        if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
            return True
        return to_terminal


class TableLayout(str, enum.Enum):
    """How ``-f table`` lays a listing out."""

    auto = "auto"
    table = "table"
    records = "records"


#: Terminals known to show OSC 8 hyperlinks, by TERM_PROGRAM and by TERM; any other terminal gets plain text.
LINK_PROGRAMS = frozenset({"iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"})
LINK_TERMS = frozenset({"xterm-kitty", "xterm-ghostty", "wezterm", "foot", "foot-extra", "alacritty"})


def hyperlinks_wanted(*, color: bool) -> bool:
    """Whether to draw source URLs as OSC 8 hyperlinks: only with colour on, and only on a terminal known to show them.

    Unknown terminals (tmux and screen included, which may not pass them on) get the URL as text.
    """
    if not color:
        return False
    env = os.environ
    if env.get("TERM_PROGRAM", "") in LINK_PROGRAMS or env.get("TERM", "") in LINK_TERMS:
        return True
    if env.get("WT_SESSION") or env.get("KONSOLE_VERSION"):  # Windows Terminal, Konsole
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= 5000  # GNOME Terminal and other VTE terminals since 0.50


TABLE_MIN_WIDTH = 20


def stdout_is_terminal() -> bool:
    """Whether a person is reading stdout."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# Filters shared by several commands.
SectorOpt = Annotated[Many, option("--sector", help="Sector id or name (repeatable).", values=complete.sectors)]
CountryOpt = Annotated[
    Many, option("--country", help="Country code, alpha-3 code or name (repeatable).", values=complete.countries)
]
SinceOpt = Annotated[str | None, option("--since", help="From YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
UntilOpt = Annotated[str | None, option("--until", help="Up to YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
OutputFileOpt = Annotated[
    Path | None,
    option(
        "-o",
        "--output",
        help="Write to FILE (atomically) instead of stdout; its suffix names the format unless -f does.",
    ),
]
ColorOpt = Annotated[
    ColorMode,
    option(
        "--color",
        case_sensitive=False,
        show_default=True,
        help="Colour what is drawn: auto honours NO_COLOR, TERM=dumb, FORCE_COLOR, CLICOLOR_FORCE.",
    ),
]


class Output(Plain):
    """The output options of a listing command, as given: each field declares its option, in --help's order."""

    fmt: Annotated[
        Format | None,
        format_option(
            f"Output format: {', '.join(f.value for f in Format)} "
            "[default: -o FILE's suffix, else table on a terminal, tsv otherwise].",
            values=complete.formats,
        ),
    ] = None
    fields: Annotated[
        str | None,
        option("--fields", help="Comma-separated fields to show, in order; 'help' lists them.", values=complete.fields),
    ] = None
    sort: Annotated[
        str | None, option("--sort", help="Sort by FIELD (records without it last).", values=complete.fields)
    ] = None
    desc: Annotated[bool, option("--desc", help="Reverse the order.", show_default=True)] = False
    limit: Annotated[int | None, option("-n", "--limit", min=0, help="Show at most N records.")] = None
    cite: Annotated[
        bool,
        option(
            "--cite",
            help="Add each record's source (and, in json/jsonl/yaml, its evidence quote).",
            show_default=True,
        ),
    ] = False
    exit_status: Annotated[
        bool, option("-e", "--exit-status", help="Exit 1 when nothing matches.", show_default=True)
    ] = False
    color: ColorOpt = ColorMode.auto
    width: Annotated[
        int | None,
        option(
            "--width",
            min=TABLE_MIN_WIDTH,
            max=MAX_WIDTH,
            help=f"Table width, {TABLE_MIN_WIDTH} to {MAX_WIDTH} [default: terminal width or COLUMNS].",
        ),
    ] = None
    export: Annotated[
        Path | None, option("--export", help="Also write the table to FILE.html, FILE.svg or FILE.md.")
    ] = None
    output: OutputFileOpt = None
    no_header: Annotated[
        bool, option("--no-header", help="tsv and csv: leave out the header line.", show_default=True)
    ] = False
    bom: Annotated[
        bool,
        option(
            "--bom",
            help="csv: start with a byte order mark, so spreadsheet programs read Korean text.",
            show_default=True,
        ),
    ] = False
    layout: Annotated[
        TableLayout,
        option(
            "--layout",
            case_sensitive=False,
            show_default=True,
            help="table: auto (a table when its essential columns fit, else one block per record), table or records.",
        ),
    ] = TableLayout.auto
