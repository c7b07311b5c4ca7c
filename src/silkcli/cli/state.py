"""What the global options set for the command that runs."""

from __future__ import annotations

from pathlib import Path

from silkcli.dataset.paths import bundled_path

_data: Path | None = None


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
    return bundled_path()
