"""Typer's own outputs (``--help``, ``--show-completion``, ``--install-completion``) through silkcli's output edge.

Click prints help and completion scripts with its own ``echo``, which knows
nothing of silkcli's rules: a full disk or an encoding that cannot show a
character ended in a traceback's exit 70, and a closed stdout in a silent
exit 0. Here each of those options' callbacks hands its text to
:func:`~silkcli.cli.output.emit` instead, so it follows the listings' rules:
exit 4 in one line when it cannot be written, ``?`` and one note for what the
terminal's encoding cannot show. A completion file that cannot be written is
an :class:`~silkcli.errors.OutputError` naming it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stdout
from typing import Any

from silkcli.cli.output import emit, note
from silkcli.errors import OutputError

Callback = Callable[[Any, Any, Any], Any]

#: The root's completion options (Typer's), by parameter name.
COMPLETION_OPTIONS = ("install_completion", "show_completion")
_GUARDED = "_silkcli_through_edge"


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


def through_edge(callback: Callback, *, installs: bool) -> Callback:
    """``callback`` (Typer's completion option) with what it prints sent through :func:`emit`.

    Typer's callback prints with Click's ``echo`` and ends the run with ``sys.exit``; what it
    printed is caught, then emitted. Installing writes into the home folder: an OSError there
    is the one error line, and the messages about it are notes on stderr.
    """

    def run(ctx: Any, param: Any, value: Any) -> Any:
        if not value or ctx.resilient_parsing:
            return value
        printed = io.StringIO()
        code: Any = 0
        try:
            with redirect_stdout(printed):
                callback(ctx, param, value)
        except SystemExit as exc:
            code = exc.code
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            raise OutputError(f"cannot install completion: cannot write{where}: {exc.strerror or exc}") from None
        if installs:
            for line in printed.getvalue().splitlines():
                note(line)
        else:
            emit(printed.getvalue(), for_person=True)
        ctx.exit(code if isinstance(code, int) else 1)

    return run


def guard_completion_options(params: list[Any]) -> None:
    """Route the root's ``--install-completion`` and ``--show-completion`` through the output edge."""
    for param in params:
        if param.name in COMPLETION_OPTIONS and param.callback is not None and not hasattr(param, _GUARDED):
            param.callback = through_edge(param.callback, installs=param.name == "install_completion")
            setattr(param, _GUARDED, True)
