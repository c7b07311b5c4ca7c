"""A progress bar on stderr while a large YAML file loads, for a person watching.

Reading 100,000 documents of YAML takes a quarter of a minute; the bar says
that something is happening and how far it got. It is drawn only when stderr
is a terminal and the file is larger than :data:`MIN_CHARS`, so pipes, logs
and small files see nothing, and Rich is imported only then.

libyaml pulls its input through ``read()`` as parsing advances, so a reader
over the text (:class:`Chunks`) measures progress without touching the
parser's hot loop.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Files at least this long (in characters) get a bar: smaller ones load in about a second.
MIN_CHARS = 4 * 1024 * 1024
_CHUNK = 256 * 1024


class Meter:
    """Where a load is; does nothing unless a bar is drawn."""

    #: a bar is drawn
    live = False

    def read_to(self, done: int) -> None:
        """``done`` characters of the text have been parsed."""

    def stage(self, description: str) -> None:
        """The load moved on to ``description`` (after reading)."""


class _Bar(Meter):
    live = True

    def __init__(self, progress: Any, task: Any) -> None:
        self._progress = progress
        self._task = task

    def read_to(self, done: int) -> None:
        self._progress.update(self._task, completed=done)

    def stage(self, description: str) -> None:
        self._progress.update(self._task, description=description)


class Chunks:
    """A file-like reader over ``text`` that reports how much was read."""

    #: what libyaml's marks call a str input, so messages are the same either way
    name = "<unicode string>"

    def __init__(self, text: str, on_read: Callable[[int], None]) -> None:
        self._text = text
        self._at = 0
        self._on_read = on_read

    def read(self, size: int = -1) -> str:
        """The next ``size`` characters (at least a chunk's worth, to keep calls few)."""
        end = len(self._text) if size < 0 else self._at + max(size, _CHUNK)
        piece = self._text[self._at : end]
        self._at += len(piece)
        self._on_read(self._at)
        return piece


def _watched() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def meter(total: int, name: str) -> Iterator[Meter]:
    """A :class:`Meter` for loading ``total`` characters of ``name``; a bar only when someone watches."""
    if total < MIN_CHARS or not _watched():
        yield Meter()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, markup=False, emoji=False, highlight=False)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"reading {name} ({total / 2**20:.0f} MB)", total=total)
        yield _Bar(progress, task)
