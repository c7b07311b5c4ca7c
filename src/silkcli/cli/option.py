"""The one way silkcli declares a Typer option: its flags, its help, and where completion finds its values."""

from collections.abc import Callable
from typing import Any

import typer


def option(*flags: str, help: str, values: Callable[..., list[str]] | None = None, **more: Any) -> Any:
    """A Typer option with ``help`` and, where ``values`` is given, completion of its values; no default shown
    unless ``more`` asks (``show_default=True``)."""
    return typer.Option(*flags, help=help, autocompletion=values, **{"show_default": False, **more})
