"""The Rich consoles silkcli draws with: the brief on a terminal, and pictures (SVG, HTML).

A listing's table on a terminal is drawn without Rich (:mod:`~silkcli.formats.grid`).
A console never reads markup or emoji codes in what it prints; one for a
terminal colours only when asked, one for a picture is the same whatever the
environment.
"""

from __future__ import annotations

import io

from rich.console import Console


def make_console(*, color: bool, width: int | None) -> Console:
    """A console that draws into a string for a terminal and never reads markup or emoji in what it prints."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
    )


def picture_console(width: int) -> Console:
    """A console that records a picture (SVG, HTML): the same for the same input, whatever the environment."""
    return Console(
        file=io.StringIO(),
        width=width,
        record=True,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},  # Rich's own hook: ignore NO_COLOR, COLUMNS, TERM…, so the picture is reproducible
    )
