"""What the global options set for the command that runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperOption

from silkcli.dataset.paths import bundled_path

if TYPE_CHECKING:
    from silkcli.cli.options import ColorMode
    from silkcli.dataset import model as m

_data: Path | None = None
_color: str = "auto"
_max_bytes: int | None = None


def set_data_path(path: Path) -> None:
    """Use ``path`` (from ``--data`` or ``SILKCLI_DATA``) for this run."""
    global _data
    _data = path


def set_color(mode: str) -> None:
    """Use ``mode`` (the global ``--color``) for commands not given a ``--color`` of their own."""
    global _color
    _color = mode


def color(given: ColorMode) -> ColorMode:
    """A command's ``--color``, or the global one when the command's is left at auto."""
    return given if given.value != "auto" else type(given)(_color)


def reset() -> None:
    """Forget the previous run's options (tests run many commands in one process)."""
    global _data, _color, _max_bytes
    _data = None
    _color = "auto"
    _max_bytes = None


def max_bytes() -> int | None:
    """The dataset size limit from ``--max-size`` or ``SILKCLI_MAX_SIZE``; None: the loader's default."""
    return _max_bytes


#: Units ``--max-size`` takes (powers of 1024, as the limit message writes them), case-insensitively.
_UNITS = {"": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20}
_UNITS |= {"g": 2**30, "gb": 2**30, "gib": 2**30}


def parse_size(text: str) -> int:
    """``768M``, ``1.5GiB`` or ``500000000`` as bytes; a usage error for anything else (or 0)."""
    number = text.strip().rstrip("bBiIkKmMgG").strip()
    unit = text.strip()[len(number) :].strip().lower()
    try:
        count = int(float(number) * _UNITS[unit]) if number.replace(".", "", 1).isdigit() else 0
    except KeyError:
        count = 0
    if count < 1:
        raise typer.BadParameter(f"'{text}' is not a size such as 768M, 2G or 500000000", param_hint="--max-size")
    return count


def data_path() -> Path:
    """The dataset file this run reads."""
    if _data is not None:
        return _data
    return bundled_path()


def load(path: Path | None = None, *, use_cache: bool = True) -> m.Dataset:
    """The dataset this run reads (or ``path``), with a progress bar for a person watching a slow load."""
    from silkcli.cli.progress import meter  # noqa: PLC0415 - start-up: --help and completion load no data
    from silkcli.dataset.load import load_dataset  # noqa: PLC0415 - as above

    return load_dataset(path or data_path(), use_cache=use_cache, progress=meter, max_bytes=_max_bytes)


#: The global options' values: --color takes one of these (any case).
COLOR_MODES = ("auto", "always", "never")


def color_mode(value: str) -> str:
    """The ``--color`` value ``value`` names, case-insensitively; a usage error with a did-you-mean otherwise."""
    from silkcli.errors import suggest  # noqa: PLC0415 - start-up: only a --color given needs it

    if value.lower() in COLOR_MODES:
        return value.lower()
    message = f"'{value}' is not one of {', '.join(COLOR_MODES)}{suggest(value, COLOR_MODES)}"
    raise typer.BadParameter(message, param_hint="--color")


def _set_data(ctx: Any, param: Any, value: str | None) -> None:
    if value is not None:
        set_data_path(Path(value))


def _set_color(ctx: Any, param: Any, value: str | None) -> None:
    if value is not None:
        set_color(color_mode(value))


def set_max_size(value: str | None) -> None:
    """Use the size limit ``value`` (``--max-size``/``SILKCLI_MAX_SIZE``) for the dataset this run reads."""
    global _max_bytes
    if value is not None:
        _max_bytes = parse_size(value)


def _set_max_size(ctx: Any, param: Any, value: str | None) -> None:
    set_max_size(value)


def command_options(present: set[str]) -> list[TyperOption]:
    """The global options as options of a command too (``agreements --data copy.yaml``), unless it has its own."""
    options = [
        TyperOption(
            param_decls=["--data"],
            metavar="<path>",
            expose_value=False,
            callback=_set_data,
            help="Dataset file instead of the bundled one (the global option, also after the command).",
        ),
        TyperOption(
            param_decls=["--color"],
            metavar="<auto|always|never>",
            expose_value=False,
            callback=_set_color,
            help="Colour what is drawn (the global option, also after the command).",
        ),
        TyperOption(
            param_decls=["--max-size"],
            metavar="<size>",
            expose_value=False,
            callback=_set_max_size,
            help="Largest dataset file to read, e.g. 2G (the global option, also after the command).",
        ),
        TyperOption(
            param_decls=["--debug"],
            is_flag=True,
            expose_value=False,
            help="Show a traceback for internal errors (the global option, also after the command).",
        ),
    ]
    return [option for option in options if not set(option.opts) & present]
