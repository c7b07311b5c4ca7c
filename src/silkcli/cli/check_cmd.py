"""``silkcli check``: read the text, check it against the dataset, render the verdicts, write them."""

from typing import Annotated

import typer

from silkcli.check.output import CheckFormat, format_help
from silkcli.cli import state
from silkcli.cli.option import format_option
from silkcli.cli.options import ColorMode, ColorOpt, stdout_is_terminal, terminal_width
from silkcli.cli.output import emit, note
from silkcli.errors import ExitCode

CheckFormatOpt = Annotated[
    CheckFormat | None,
    format_option(format_help()),
]
TextArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="TEXT...",
        help="The text to check; '-' reads standard input; a .txt or .md FILE is read.",
        show_default=False,
    ),
]
ContradictedOpt = Annotated[bool, typer.Option("-e", "--exit-status", help="Exit 1 when a claim is contradicted.")]
UrlOpt = Annotated[
    str,
    typer.Option(
        "--url", metavar="<url>", help="claimreview and html: the page the reviews are published at (URL#claim-N)."
    ),
]


def check(
    text: TextArg = None,
    fmt: CheckFormatOpt = None,
    url: UrlOpt = "",
    exit_status: ContradictedOpt = False,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Check the claims of a sentence, a draft or a file against the sourced data.

    Each sentence's dates, counts ("12 agreements"), amounts, percentages,
    ranks, spans of years ("the first ... in 11 years"), offices, signatories
    and places are found and given a verdict: supported, contradicted (with the
    right value and its source), disputed (the sources disagree: each side),
    imprecise (close, but not the same claim) or not covered. English, Korean
    and Russian. A text with no checkable claim says so and exits 0; with -e,
    exit 1 when any claim is contradicted. An empty, binary, non-UTF-8 or
    over-1 MiB text is a usage error (exit 2).

    \b
    Examples:
    silkcli check "Kyrgyzstan signed 12 agreements in Seoul on 4 December 2024."
    silkcli check draft.md
    pbpaste | silkcli check - -f markdown
    silkcli check draft.md -f claimreview --url https://example.org/factcheck
    """
    from silkcli.check.draft import decode, names_file, read_file, read_stdin  # noqa: PLC0415 - start-up: --help needs none
    from silkcli.check.output import render_check  # noqa: PLC0415 - as above
    from silkcli.check.render import summary  # noqa: PLC0415 - as above
    from silkcli.check.report import Verdict  # noqa: PLC0415 - as above
    from silkcli.check.run import check_text  # noqa: PLC0415 - as above

    args = list(text or [])
    path = names_file(args)
    if path is not None:
        draft = read_file(path)
    elif args == ["-"] or not args:
        draft = decode(read_stdin(asked=bool(args)), "standard input")
    else:
        draft = decode(" ".join(args).encode("utf-8", "surrogateescape"), "the text")
    report = check_text(state.load(), draft)
    chosen = fmt or (CheckFormat.terminal if stdout_is_terminal() else CheckFormat.text)
    colored = state.color(color).wanted(to_terminal=stdout_is_terminal())
    width = terminal_width(minimum=40) if chosen is CheckFormat.terminal else 80
    out = render_check(report, chosen, width=width, color=colored, url=url)
    if out:
        emit(out, for_person=chosen.for_person)
    note(summary(report))
    if exit_status and report.count(Verdict.contradicted):
        raise typer.Exit(ExitCode.no_match)
