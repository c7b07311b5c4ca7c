"""A progress bar on stderr while a large YAML file loads, for a person watching.

Reading 100,000 documents of YAML takes a quarter of a minute; the bar says
that something is happening and how far it got. It is drawn only when stderr
is a terminal and the file is larger than :data:`MIN_CHARS`, so pipes, logs
and small files see nothing, and Rich is imported only then.

The loader reports its progress through the :data:`~silkcli.dataset.load.Progress`
callback it is given; :func:`meter` is the CLI's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from silkcli.dataset.load import Meter, quiet

#: Files at least this long (in characters) get a bar: smaller ones load in about a second.
MIN_CHARS = 4 * 1024 * 1024


class _Bar:
    """A Rich progress bar on stderr."""

    live = True

    def __init__(self, progress: Any, task: Any) -> None:
        self._progress = progress
        self._task = task

    def read_to(self, done: int) -> None:
        self._progress.update(self._task, completed=done)

    def stage(self, description: str) -> None:
        # drawn at once: a stage can be over before the next timed refresh (a tenth of a second)
        self._progress.update(self._task, description=description, refresh=True)


def _watched() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def meter(total: int, name: str) -> Iterator[Meter]:
    """A meter for loading ``total`` characters of ``name``; a bar only when someone watches."""
    if total < MIN_CHARS or not _watched():
        with quiet(total, name) as nothing:
            yield nothing
        return
    from rich.console import Console  # noqa: PLC0415 - Rich (over 100 ms here) only when a bar is drawn
    from rich.progress import (  # noqa: PLC0415 - as above
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=sys.stderr, markup=False, emoji=False, highlight=False)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"reading {name} ({total / 2**20:.0f} MB)", total=total)
        yield _Bar(progress, task)
