"""What the global options set for the command that runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperOption

from silkcli.dataset.paths import bundled_path
from silkcli.errors import suggest

if TYPE_CHECKING:
    from silkcli.cli.options import ColorMode
    from silkcli.dataset import model as m

_data: Path | None = None
_color: str = "auto"
_max_bytes: int | None = None
_verbose = False


def set_verbose(on: bool) -> None:
    """Print every note (``--verbose``), not only the first two lines of them."""
    global _verbose
    _verbose = _verbose or on


def verbose() -> bool:
    """Whether ``--verbose`` asked for every note."""
    return _verbose


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
    global _data, _color, _max_bytes, _verbose
    _data = None
    _color = "auto"
    _max_bytes = None
    _verbose = False


def max_bytes() -> int | None:
    """The dataset size limit from ``--max-size`` or ``SILKCLI_MAX_SIZE``; None: the loader's default."""
    return _max_bytes


#: What ``--max-size`` takes: a number, then K, M or G (powers of 1024, as the limit message writes them,
#: optionally followed by B or iB), in any case.
_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:([kmg])(?:i?b)?)?\s*", re.IGNORECASE)
_UNITS = {None: 1, "k": 2**10, "m": 2**20, "g": 2**30}


def parse_size(text: str) -> int:
    """``768M``, ``1.5GiB`` or ``500000000`` as bytes; a usage error for anything else (or 0)."""
    found = _SIZE.fullmatch(text)
    count = int(float(found[1]) * _UNITS[found[2] and found[2].lower()]) if found else 0
    if count < 1:
        raise typer.BadParameter(f"'{text}' is not a size such as 768M, 2G or 500000000", param_hint="--max-size")
    return count


def data_path() -> Path:
    """The dataset file this run reads."""
    if _data is not None:
        return _data
    return bundled_path()


def reads_bundled() -> bool:
    """Whether this run reads the bundled dataset as shipped: no ``--data``, no ``--max-size``."""
    return _data is None and _max_bytes is None


def load(path: Path | None = None, *, use_cache: bool = True) -> m.Dataset:
    """The dataset this run reads (or ``path``), with a progress bar for a person watching a slow load."""
    from silkcli.cli.progress import meter  # noqa: PLC0415 - 46 ms (it imports the loader, the model, msgspec)
    from silkcli.dataset.load import load_dataset  # noqa: PLC0415 - as above: --help and completion load no data

    return load_dataset(path or data_path(), use_cache=use_cache, progress=meter, max_bytes=_max_bytes)


#: The global options' values: --color takes one of these (any case).
COLOR_MODES = ("auto", "always", "never")


def color_mode(value: str) -> str:
    """The ``--color`` value ``value`` names, case-insensitively; a usage error with a did-you-mean otherwise."""

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


def _set_verbose(ctx: Any, param: Any, value: bool | None) -> None:
    set_verbose(bool(value))


def command_options(present: set[str]) -> list[TyperOption]:
    """The global options as options of a command too (``agreements --data copy.yaml``), unless it has its own."""
    options = [
        _also_after("--data", "<path>", _set_data, "Dataset file instead of the bundled one"),
        _also_after("--color", "<auto|always|never>", _set_color, "Colour what is drawn"),
        _also_after("--max-size", "<size>", _set_max_size, "Largest dataset file to read, e.g. 2G"),
        _also_after("--verbose", None, _set_verbose, "Print every note, not only the first two lines"),
        _also_after("--debug", None, None, "Show a traceback for internal errors"),
    ]
    return [option for option in options if not set(option.opts) & present]


def _also_after(name: str, metavar: str | None, callback: Any, text: str) -> TyperOption:
    """A global option given after the command: its value goes where the global one's does (no metavar: a flag)."""
    return TyperOption(
        param_decls=[name],
        metavar=metavar,
        is_flag=metavar is None,
        expose_value=False,
        callback=callback,
        help=f"{text} (the global option, also after the command).",
    )
