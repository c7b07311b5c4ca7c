"""The command-line layer: Typer commands, the error edge, the output edge."""

from .app import main

__all__ = ["main"]
