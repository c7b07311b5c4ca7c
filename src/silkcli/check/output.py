"""The output formats of ``silkcli check``, and the one dispatch from a format to its renderer."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:  # the format list is imported for --help, which needs no msgspec
    from silkcli.check.report import Report


class CheckFormat(str, enum.Enum):
    """How a check is written."""

    terminal = "terminal"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    claimreview = "claimreview"


def render_check(report: Report, fmt: CheckFormat, *, width: int = 80, color: bool = False, url: str = "") -> str:
    """``report`` in ``fmt``: every renderer returns the whole text."""
    from silkcli.check import claimreview, html, machine, render  # noqa: PLC0415 - each run needs one of them

    if fmt is CheckFormat.terminal or fmt is CheckFormat.text:
        return render.to_text(report, width=width, color=color and fmt is CheckFormat.terminal)
    if fmt is CheckFormat.json:
        return machine.to_json(report)
    if fmt is CheckFormat.jsonl:
        return machine.to_jsonl(report)
    if fmt is CheckFormat.markdown:
        return render.to_markdown(report)
    if fmt is CheckFormat.html:
        return html.to_html(report, url=url)
    if fmt is CheckFormat.claimreview:
        return claimreview.to_claimreview(report, url=url)
    _unhandled(fmt)


def _unhandled(fmt: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format {fmt!r}")
