"""The width to draw at: the one place COLUMNS is read, for what commands draw and for ``--help``."""

from __future__ import annotations

import os
import shutil

from silkcli.errors import UsageError

#: The widths a table or brief can be drawn at: wider costs time and memory for nothing on any screen.
MAX_WIDTH = 1000


def terminal_width(*, minimum: int, fallback: int = 80, strict: bool = True) -> int:
    """The width to draw at when none is given: COLUMNS, else the terminal's, else ``fallback``.

    Strict (what a command draws), COLUMNS is held to the same bounds as --width: a value outside them is
    a usage error. Not strict (``--help``, which always prints), a COLUMNS that is not a number is passed
    over and the width is at least ``minimum``.
    """
    given = os.environ.get("COLUMNS", "").strip()
    if strict and given and not (given.isdigit() and minimum <= int(given) <= MAX_WIDTH):
        raise UsageError(
            f"COLUMNS={given} is not a width from {minimum} to {MAX_WIDTH}", hint="set COLUMNS or use --width N"
        )
    width = int(given) if given.isdigit() else shutil.get_terminal_size((fallback, 24)).columns
    return width if strict else max(width, minimum)
