"""``silkcli brief``: parse the options, build the brief, render it, write it."""

from typing import Annotated

import typer

from silkcli.brief import DEFAULT_SVG_WIDTH, BriefFormat, render_brief
from silkcli.cli import state
from silkcli.cli.option import format_option
from silkcli.cli.options import (
    MAX_WIDTH,
    ColorMode,
    ColorOpt,
    OutputFileOpt,
    SectorOpt,
    SinceOpt,
    UntilOpt,
    stdout_is_terminal,
    terminal_width,
)
from silkcli.cli.output import emit, file_format, write_atomic
from silkcli.errors import UsageError

BRIEF_MIN_WIDTH = 40

BriefFormatOpt = Annotated[
    BriefFormat | None,
    format_option(
        "terminal (default on a terminal), text (default in a pipe), markdown, html or svg; "
        "with -o FILE.md/.html/.svg the name decides."
    ),
]
BriefWidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=BRIEF_MIN_WIDTH,
        max=MAX_WIDTH,
        help=f"Width for terminal, text and svg, {BRIEF_MIN_WIDTH} to {MAX_WIDTH} [default: terminal width, 80, 100].",
        show_default=False,
    ),
]


FullOpt = Annotated[
    bool,
    typer.Option("--full", help="Add the commitments, the claims beside the figures, quotes and the timeline."),
]


def brief(
    full: FullOpt = False,
    sector: SectorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: BriefFormatOpt = None,
    output: OutputFileOpt = None,
    width: BriefWidthOpt = None,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Print a one-page brief: what was signed, by whom and when, the sectors, the key figures with their bounds.

    Every fact points to a numbered source note ([3]) and, where the sources
    disagree, to a one-line explanation ([D1]). --full adds the commitments,
    the claims beside the figures, quotes, the timeline and each disagreement
    in full. --sector focuses the documents and commitments on
    those sectors (repeatable); --since/--until bound the timeline (--full
    only). HTML is one standalone file that prints on one A4 page (the
    bundled data's --full brief, with what came of the summit, on three).

    \b
    Examples:
    silkcli brief
    silkcli brief --full --sector mining --sector hydropower --since 2024
    silkcli brief -f html -o brief.html
    silkcli brief -f svg --width 100 -o docs/brief.svg
    """
    from silkcli.brief.content import build_brief  # noqa: PLC0415 - 15 ms of brief --help (msgspec and the model)
    from silkcli.listings import select  # noqa: PLC0415 - as above

    chosen = file_format(output, fmt, tuple(BriefFormat)) if output is not None else fmt or _default_format()
    if not full and (since or until):
        raise UsageError(
            f"{'--since' if since else '--until'} bounds the timeline, which only the full brief has", hint="add --full"
        )
    ds = state.load()
    content = build_brief(
        ds,
        sectors=select.resolve(sector or [], select.term_choices(ds.sectors), "sector"),
        within=select.period(since, until),
        full=full,
    )
    colored = state.color(color).wanted(to_terminal=output is None and stdout_is_terminal())
    text = render_brief(content, chosen, width=width or _default_width(chosen), color=colored)
    if output is None:
        emit(text, for_person=chosen in (BriefFormat.terminal, BriefFormat.text))
    else:
        write_atomic(output, text)


def _default_format() -> BriefFormat:
    """terminal for a person at a terminal, text for a pipe."""
    return BriefFormat.terminal if stdout_is_terminal() else BriefFormat.text


def _default_width(fmt: BriefFormat) -> int | None:
    """The terminal's width (or COLUMNS) for the terminal format; the renderer's default otherwise."""
    if fmt is BriefFormat.terminal:
        return terminal_width(minimum=BRIEF_MIN_WIDTH, fallback=DEFAULT_SVG_WIDTH)
    return None
