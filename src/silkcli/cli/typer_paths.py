"""Click's own output (``--help``) through silkcli's output edge.

Click prints help with its own ``echo``, which knows nothing of silkcli's
rules: a full disk or an encoding that cannot show a character ended in a
traceback's exit 70, and a closed stdout in a silent exit 0. Here the help
option's callback hands its text to :func:`~silkcli.cli.output.emit` instead,
so it follows the listings' rules: exit 4 in one line when it cannot be
written, ``?`` and one note for what the terminal's encoding cannot show.
(``--show-completion`` and ``--install-completion`` are silkcli's own,
in :mod:`silkcli.cli.shells`, and print through the same edge.)
"""

from __future__ import annotations

from typing import Any

from silkcli.cli.output import emit
from silkcli.cli.width import terminal_width

#: The narrowest terminal help is laid out for (the width rule's floor).
_NARROWEST = 40


def help_width() -> int:
    """The terminal's width for help: COLUMNS, else the terminal's own, never under 40."""
    return terminal_width(minimum=_NARROWEST, strict=False)


def help_text(ctx: Any) -> str:
    """The help of ``ctx``'s command, its examples fitted to the terminal.

    Click never rewraps an example line (a ``\\b`` block): one too long for the terminal continues
    on the next line after a `` \\``, as a shell reads it. Click lays help out at 50 columns at the
    least; on a narrower terminal it is laid out at the terminal's width, options above their help.
    """
    width = help_width()
    if width < _CLICK_NARROWEST:
        _narrow(ctx, width)
    lines = ctx.get_help().split("\n")
    return "\n".join(_fitted(line, width) if line.lstrip().startswith("silkcli ") else line for line in lines)


#: Click's own narrowest layout (50 columns of text and its margin).
_CLICK_NARROWEST = 52
#: On a terminal narrower than that, the option column of an option table is at most this wide.
_NARROW_OPTIONS = 12


def _narrow(ctx: Any, width: int) -> None:
    """Lay ``ctx``'s help out at ``width``: Click's formatter, with an option column narrow enough to leave room."""
    base: Any = type(ctx.make_formatter())

    class Narrow(base):  # type: ignore[misc]  # Click's formatter, whatever module holds it
        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            super().write_dl(rows, col_max=min(col_max, _NARROW_OPTIONS), col_spacing=col_spacing)

    ctx.formatter_class = Narrow
    ctx.terminal_width = width - 2


def _fitted(line: str, width: int) -> str:
    """``line`` broken between words into lines of at most ``width``, each cut one ending in `` \\``."""
    indent = len(line) - len(line.lstrip(" "))
    lines, rest, lead = [], line, indent
    while len(rest) > width:
        cut = rest.rfind(" ", lead + 1, width - 1)
        if cut == -1:  # one word longer than the line: it stays whole
            break
        lines.append(rest[:cut] + " \\")
        rest, lead = " " * (indent + 4) + rest[cut + 1 :], indent + 4
    return "\n".join([*lines, rest])


def show_help(ctx: Any, param: Any, value: bool) -> None:
    """The help option's callback: the help text through :func:`emit`, then the end of the run."""
    if value and not ctx.resilient_parsing:
        emit(help_text(ctx) + "\n", for_person=True)
        ctx.exit()


def help_option(option: Any) -> Any:
    """``option`` (a command's help option) printing through :func:`emit`."""
    if option is not None:
        option.callback = show_help
    return option
