"""The one way silkcli declares a Typer option: its flags, its help, and where completion finds its values."""

from collections.abc import Callable
from typing import Any

import typer


def option(*flags: str, help: str, values: Callable[..., list[str]] | None = None, **more: Any) -> Any:
    """A Typer option with ``help`` and, where ``values`` is given, completion of its values; no default shown
    unless ``more`` asks (``show_default=True``)."""
    return typer.Option(*flags, help=help, autocompletion=values, **{"show_default": False, **more})


def format_option(help: str, **more: Any) -> Any:
    """A command's ``-f/--format`` option: any case, and its choices written in ``help``, where they wrap, not
    in a metavar wider than the terminal."""
    return option("-f", "--format", help=help, case_sensitive=False, metavar="<format>", **more)
