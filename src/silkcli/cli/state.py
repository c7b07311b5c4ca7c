"""What the global options set for the command that runs, and command wrapping."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from silkcli.errors import Interrupted

_data: Path | None = None

F = TypeVar("F", bound=Callable[..., Any])


def set_data_path(path: Path) -> None:
    """Use ``path`` (from ``--data`` or ``SILKCLI_DATA``) for this run."""
    global _data
    _data = path


def reset() -> None:
    """Forget the previous run's options (tests run many commands in one process)."""
    global _data
    _data = None


def data_path() -> Path:
    """The dataset file this run reads."""
    if _data is not None:
        return _data
    from silkcli.dataset.paths import bundled_path

    return bundled_path()


def guarded(func: F) -> F:
    """Turn Ctrl-C inside a command into :class:`Interrupted` (Typer would swallow it)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted from None

    return wrapper  # type: ignore[return-value]
