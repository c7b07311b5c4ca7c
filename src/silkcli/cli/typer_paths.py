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


def show_help(ctx: Any, param: Any, value: bool) -> None:
    """The help option's callback: the help text through :func:`emit`, then the end of the run."""
    if value and not ctx.resilient_parsing:
        emit(ctx.get_help() + "\n", for_person=True)
        ctx.exit()


def help_option(option: Any) -> Any:
    """``option`` (a command's help option) printing through :func:`emit`."""
    if option is not None:
        option.callback = show_help
    return option
