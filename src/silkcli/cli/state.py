"""What the global options set for the command that runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from silkcli.dataset.paths import bundled_path

if TYPE_CHECKING:
    from silkcli.dataset import model as m

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


def load(path: Path | None = None, *, use_cache: bool = True) -> m.Dataset:
    """The dataset this run reads (or ``path``), with a progress bar for a person watching a slow load."""
    from silkcli.cli.progress import meter  # noqa: PLC0415 - start-up: --help and completion load no data
    from silkcli.dataset.load import load_dataset  # noqa: PLC0415 - as above

    return load_dataset(path or data_path(), use_cache=use_cache, progress=meter)
