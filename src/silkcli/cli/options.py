"""Options shared by several commands, each declared once as an ``Annotated`` alias.

A command states every option it takes in its own signature, using these
aliases, so reading the function shows its whole command line.
"""

from __future__ import annotations

import enum
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from silkcli.cli import complete
from silkcli.errors import UsageError
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


#: The widths a table or brief can be drawn at: wider costs time and memory for nothing on any screen.
MAX_WIDTH = 1000
TABLE_MIN_WIDTH = 20


def terminal_width(*, minimum: int, fallback: int = 80) -> int:
    """The width to draw at when none is given: COLUMNS, else the terminal's, else ``fallback``.

    COLUMNS is held to the same bounds as --width: a value outside them is a usage error.
    """
    given = os.environ.get("COLUMNS", "").strip()
    if given:
        if not given.isdigit() or not minimum <= int(given) <= MAX_WIDTH:
            raise UsageError(
                f"COLUMNS={given} is not a width from {minimum} to {MAX_WIDTH}", hint="set COLUMNS or use --width N"
            )
        return int(given)
    return shutil.get_terminal_size((fallback, 24)).columns


def stdout_is_terminal() -> bool:
    """Whether a person is reading stdout."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# Filters shared by several commands.
SectorOpt = Annotated[
    Many,
    typer.Option(
        "--sector", help="Sector id or name (repeatable).", autocompletion=complete.sectors, show_default=False
    ),
]
CountryOpt = Annotated[
    Many,
    typer.Option(
        "--country",
        help="Country code, alpha-3 code or name (repeatable).",
        autocompletion=complete.countries,
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="From YYYY, YYYY-MM or YYYY-MM-DD (inclusive).", show_default=False)
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Up to YYYY, YYYY-MM or YYYY-MM-DD (inclusive).", show_default=False)
]
OutputFileOpt = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write to FILE (atomically) instead of stdout; its suffix names the format unless -f does.",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour what is drawn: auto honours NO_COLOR, TERM=dumb, FORCE_COLOR, CLICOLOR_FORCE.",
    ),
]

# The output options of every listing command.
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "-f",
        "--format",
        case_sensitive=False,
        # the choices in the help text, where they wrap, not in a metavar wider than 80 columns
        metavar="<format>",
        help=f"Output format: {', '.join(f.value for f in Format)} "
        "[default: -o FILE's suffix, else table on a terminal, tsv otherwise].",
        show_default=False,
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to show, in order; 'help' lists them.",
        autocompletion=complete.fields,
        show_default=False,
    ),
]
SortOpt = Annotated[
    str | None,
    typer.Option(
        "--sort", help="Sort by FIELD (records without it last).", autocompletion=complete.fields, show_default=False
    ),
]
DescOpt = Annotated[bool, typer.Option("--desc", help="Reverse the order.")]
LimitOpt = Annotated[
    int | None, typer.Option("-n", "--limit", min=0, help="Show at most N records.", show_default=False)
]
CiteOpt = Annotated[
    bool, typer.Option("--cite", help="Add each record's source (and, in json/jsonl/yaml, its evidence quote).")
]
ExitStatusOpt = Annotated[bool, typer.Option("-e", "--exit-status", help="Exit 1 when nothing matches.")]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=TABLE_MIN_WIDTH,
        max=MAX_WIDTH,
        help=f"Table width, {TABLE_MIN_WIDTH} to {MAX_WIDTH} [default: terminal width or COLUMNS].",
        show_default=False,
    ),
]
ExportOpt = Annotated[
    Path | None,
    typer.Option("--export", help="Also write the table to FILE.html, FILE.svg or FILE.md.", show_default=False),
]

NoHeaderOpt = Annotated[bool, typer.Option("--no-header", help="tsv and csv: leave out the header line.")]
BomOpt = Annotated[
    bool, typer.Option("--bom", help="csv: start with a byte order mark, so spreadsheet programs read Korean text.")
]
LayoutOpt = Annotated[
    TableLayout,
    typer.Option(
        "--layout",
        case_sensitive=False,
        help="table: auto (a table when its essential columns fit, else one block per record), table or records.",
    ),
]


class Output(Plain):
    """The output options of a listing command, as given."""

    fmt: Format | None = None
    fields: str | None = None
    sort: str | None = None
    desc: bool = False
    limit: int | None = None
    cite: bool = False
    exit_status: bool = False
    color: ColorMode = ColorMode.auto
    width: int | None = None
    export: Path | None = None
    output: Path | None = None
    header: bool = True
    bom: bool = False
    layout: TableLayout = TableLayout.auto
