"""``silkcli brief``: parse the options, build the brief, render it, write it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from silkcli.brief import DEFAULT_SVG_WIDTH, BriefFormat, render_brief
from silkcli.cli import state
from silkcli.cli.common import ColorMode, color_env, ids
from silkcli.cli.listing_cmds import SectorOpt, SinceOpt, UntilOpt
from silkcli.cli.output import emit, write_atomic
from silkcli.listings import select as query

#: the format a file name asks for when -f is not given
SUFFIX_FORMATS = {".md": BriefFormat.markdown, ".html": BriefFormat.html, ".svg": BriefFormat.svg}


FormatOpt = Annotated[
    BriefFormat | None,
    typer.Option(
        "-f",
        "--format",
        help="terminal (default on a terminal), text (default in a pipe), markdown, html or svg; "
        "with -o FILE.md/.html/.svg the name decides.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to FILE (atomically) instead of stdout.", show_default=False),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=40,
        help="Width for terminal, text and svg [default: terminal width, 80, 100].",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    ColorMode,
    typer.Option("--color", help="Colour the terminal format: auto honours NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE."),
]


def register(target: typer.Typer, only: str | None = None) -> None:
    """Add ``brief`` to ``target`` (its one command, whatever ``only`` says)."""
    target.command("brief")(state.guarded(brief))


def brief(
    sector: SectorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    width: WidthOpt = None,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Print a one-page brief: what was signed, by whom, the key figures, and their sources.

    Every fact points to a numbered source note ([3]) and, where the sources
    disagree, to an explanation ([D1]). --sector focuses the documents and
    commitments on those sectors (repeatable); --since/--until bound the
    timeline. HTML is one standalone file that prints on at most two A4 pages.

    \b
    Examples:
      silkcli brief
      silkcli brief --sector mining --sector hydropower --since 2024
      silkcli brief -f html -o brief.html
      silkcli brief -f svg --width 100 -o docs/brief.svg
    """
    from silkcli.brief.content import build_brief
    from silkcli.dataset.load import load_dataset

    ds = load_dataset(state.data_path())
    chosen = fmt or _default_format(output)
    content = build_brief(
        ds, sectors=query.resolve(sector or [], ids(ds.sectors), "sector"), within=query.period(since, until)
    )
    text = render_brief(content, chosen, width=width or _default_width(chosen), color=_colored(color, output))
    if output is None:
        emit(text)
    else:
        write_atomic(output, text)


def _default_format(output: Path | None) -> BriefFormat:
    """The file name's format, else terminal for a person at a terminal and text for a pipe."""
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), BriefFormat.text)
    try:
        return BriefFormat.terminal if sys.stdout.isatty() else BriefFormat.text
    except (AttributeError, ValueError):
        return BriefFormat.text


def _default_width(fmt: BriefFormat) -> int | None:
    """The terminal's width (or COLUMNS) for the terminal format; the renderer's default otherwise."""
    if fmt is BriefFormat.terminal:
        return shutil.get_terminal_size((DEFAULT_SVG_WIDTH, 24)).columns
    return None


def _colored(mode: ColorMode, output: Path | None) -> bool:
    """Whether the terminal format gets ANSI colours."""
    if mode is not ColorMode.auto:
        return mode is ColorMode.always
    env = color_env()
    if env["no_color"] or env["force"]:
        return not env["no_color"]
    try:
        return output is None and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
