"""silkcli as a library: load the data, get typed records, run a listing by name, encode any record.

Everything here is also reachable as ``silkcli.NAME`` (``import silkcli; silkcli.load()``); docs/api.md
shows it in use and CHANGELOG.md says what is promised to stay. The listings are the commands' own: a
listing here gives the rows ``silkcli NAME … -f json`` prints, computed shares and ranks included, and a
bad filter value raises :class:`~silkcli.errors.UsageError` with the message the command would print.
"""
# ruff: noqa: PLC0415 - each function imports what it needs: `import silkcli` stays as cheap as the CLI's start-up

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkcli.errors import UsageError

if TYPE_CHECKING:
    from silkcli.dataset import model as m
    from silkcli.listings.listing import Listing


def load(path: str | Path | None = None) -> m.Dataset:
    """The bundled dataset, or the dataset file at ``path`` (YAML or JSON), validated as ``silkcli validate`` does.

    A file with a problem raises :class:`~silkcli.errors.DatasetError` naming each problem's line and column.
    """
    from silkcli.dataset.load import load_dataset
    from silkcli.dataset.paths import bundled_path

    return load_dataset(bundled_path() if path is None else Path(path))


def listing_names() -> tuple[str, ...]:
    """The names :func:`rows` takes: every listing command (``agreements``, ``reserves``, ``show`` …)."""
    from silkcli.cli.commands import COMMANDS

    return tuple(c.name for c in COMMANDS if c.listing)


def rows(
    name: str,
    dataset: m.Dataset | None = None,
    /,
    *,
    fields: Iterable[str] | None = None,
    cite: bool = False,
    **filters: Any,
) -> list[dict[str, Any]]:
    """The rows of the listing ``name`` with ``filters``, as ``silkcli NAME --FILTER … -f json`` gives them.

    A filter is the command's option without its dashes (``--sector mining`` is ``sector="mining"``,
    ``--type`` is ``type_``); a repeatable one takes a string or a list of them. A command's argument is a
    filter too: ``rows("show", ident="Japarov")``, ``rows("search", text="antimony")``. ``fields`` chooses
    the columns (default: the command's own), ``cite`` adds each row's sources, as ``--fields`` and ``--cite`` do.
    """
    from silkcli.formats import Format, render
    from silkcli.listings.listing import Shape, shape

    listing = _listing(name, dataset if dataset is not None else load(), filters)
    chosen = ",".join(fields) if fields is not None else None
    shaped = shape(listing, Shape(fields=chosen, cite=cite, markers=False))
    loaded: list[dict[str, Any]] | dict[str, Any] = json.loads(render(shaped, Format.json))
    return loaded if isinstance(loaded, list) else [loaded]


def _listing(name: str, dataset: m.Dataset, filters: dict[str, Any]) -> Listing:
    """The command's listing built from ``dataset`` with ``filters``."""
    import importlib
    import inspect

    from silkcli.cli.commands import BY_NAME

    command = BY_NAME.get(name)
    if command is None or not command.listing:
        raise UsageError(f"no listing named {name!r}; listings: {', '.join(listing_names())}")
    module = importlib.import_module(f"silkcli.cli.{command.module}")
    filtering = inspect.unwrap(getattr(module, command.name))
    accepted = inspect.signature(filtering).parameters
    unknown = sorted(set(filters) - set(accepted))
    if unknown:
        raise UsageError(f"{name} has no filter {unknown[0]!r}; its filters: {', '.join(accepted)}")
    given = {key: _as_option(value, accepted[key].annotation) for key, value in filters.items()}
    build: Callable[[m.Dataset], Listing] = filtering(**given)
    return build(dataset)


def _as_option(value: Any, annotation: Any) -> Any:
    """A value as the command's option holds it: a repeatable option takes one string or several."""
    if _takes_list(annotation) and value is not None:
        return [value] if isinstance(value, str) else list(value)
    return value


def _takes_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _takes_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_takes_list(arg) for arg in typing.get_args(annotation))
    return origin is list


def to_builtins(record: Any) -> Any:
    """A record (or any part of one, or the whole dataset) as JSON's values: dicts, lists, strings, numbers."""
    return json.loads(to_json(record))


def to_json(record: Any) -> str:
    """A record (or any part of one, or the whole dataset) as JSON text: dates as ``2024-12-03``, ``2024-12``, …"""
    import msgspec

    from silkcli.dataset import model as m

    return msgspec.json.encode(record, enc_hook=m.encode_hook).decode("utf-8")
