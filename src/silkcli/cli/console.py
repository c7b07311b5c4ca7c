"""Drawing tables on the terminal (the only listing path that imports Rich)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from silkcli.cli.common import ColorMode, color_env
from silkcli.cli.output import PipeClosed
from silkcli.formats.table import to_table
from silkcli.listings.listing import Listing

if TYPE_CHECKING:
    from rich.console import Console


def make_console(*, color: ColorMode, width: int | None, file: object = None) -> Console:
    """A console that never reads markup or emoji in what it prints."""
    from rich.console import Console

    env = color_env()
    forced = color is ColorMode.always or (color is ColorMode.auto and env["force"] and not env["no_color"])
    force_terminal = True if forced else None  # None: Rich asks the terminal
    no_color = color is ColorMode.never or (color is ColorMode.auto and env["no_color"])
    return Console(
        file=file or sys.stdout,  # type: ignore[arg-type]
        width=width,
        force_terminal=force_terminal,
        no_color=no_color,
        color_system=None if color is ColorMode.never else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


def print_table(listing: Listing, *, color: ColorMode, width: int | None, bar_field: str | None) -> None:
    """Print the listing as a table on stdout."""
    console = make_console(color=color, width=width)
    try:
        console.print(to_table(listing, bar_field=bar_field, width=console.width))
    except BrokenPipeError:
        raise PipeClosed from None
