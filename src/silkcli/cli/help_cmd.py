"""``silkcli help [COMMAND]``: the same text as ``--help``, for people who type the word."""

from __future__ import annotations

from typing import Annotated

import typer

from silkcli.cli.commands import BY_NAME
from silkcli.cli.output import emit
from silkcli.cli.typer_paths import help_text
from silkcli.errors import UsageError, suggest


def help(  # noqa: A001 - the command's name is the word people type
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(help="The command to explain.", show_default=False)] = None,
) -> None:
    """Show the help of silkcli, or of COMMAND.

    \b
    Examples:
    silkcli help
    silkcli help agreements
    """
    root = ctx.find_root()
    if command is None:
        emit(help_text(root) + "\n", for_person=True)
        return
    if command not in BY_NAME:
        names = [name for name, c in BY_NAME.items() if not c.hidden and name != "help"]
        raise UsageError(f"no command '{command}'{suggest(command, names)}", hint="commands: " + ", ".join(names))
    found = root.command.get_command(root, command)  # type: ignore[attr-defined]  # the root is the command group
    with typer.Context(found, info_name=command, parent=root) as sub:
        emit(help_text(sub) + "\n", for_person=True)
