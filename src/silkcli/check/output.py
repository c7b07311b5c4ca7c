"""The output formats of ``silkcli check``, and the one dispatch from a format to its renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from silkcli.choice import Choice

if TYPE_CHECKING:  # the format list is imported for --help, which needs no msgspec
    from silkcli.check.report import Report


class CheckFormat(Choice):
    """How a check is written: each format with what ``--help`` says of it beyond its name, and whether it
    is written for a person to read (so it ends like text on a terminal)."""

    about: str
    for_person: bool

    terminal = ("terminal", "default on a terminal", True)
    text = ("text", "default in a pipe", True)
    json = ("json", "", False)
    jsonl = ("jsonl", "", False)
    markdown = ("markdown", "", False)
    html = ("html", "", False)
    claimreview = ("claimreview", "schema.org ClaimReview JSON-LD, one per claim", False)


def format_help() -> str:
    """``-f``'s help: every format, in order, each with what it says of itself."""
    names = [f"{f.value} ({f.about})" if f.about else f.value for f in CheckFormat]
    return ", ".join(names[:-1]) + " or " + names[-1] + "."


def render_check(report: Report, fmt: CheckFormat, *, width: int = 80, color: bool = False, url: str = "") -> str:
    """``report`` in ``fmt``: every renderer returns the whole text."""
    # Each branch imports only its renderer: a text report that imported the HTML, JSON and ClaimReview ones
    # too spent 9.1 M instructions (about 4.5 ms) of every check on them.
    if fmt is CheckFormat.terminal or fmt is CheckFormat.text:
        from silkcli.check import render  # noqa: PLC0415

        return render.to_text(report, width=width, color=color and fmt is CheckFormat.terminal)
    if fmt is CheckFormat.json or fmt is CheckFormat.jsonl:
        from silkcli.check import machine  # noqa: PLC0415

        return machine.to_json(report) if fmt is CheckFormat.json else machine.to_jsonl(report)
    if fmt is CheckFormat.markdown:
        from silkcli.check import render  # noqa: PLC0415

        return render.to_markdown(report)
    if fmt is CheckFormat.html:
        from silkcli.check import html  # noqa: PLC0415

        return html.to_html(report, url=url)
    if fmt is CheckFormat.claimreview:
        from silkcli.check import claimreview  # noqa: PLC0415

        return claimreview.to_claimreview(report, url=url)
    _unhandled(fmt)


def _unhandled(fmt: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format {fmt!r}")
