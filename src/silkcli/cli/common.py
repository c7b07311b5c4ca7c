"""The options every listing command shares, and the one function that runs them.

A listing command is written as ``build(ds, **filters) -> Listing``;
:func:`listing_command` adds the common output options to its signature,
loads the dataset, and hands the listing to :func:`emit_listing`.
"""

from __future__ import annotations

import enum
import functools
import inspect
import os
import sys
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from silkcli.cli import state
from silkcli.cli.output import emit, emit_all, note
from silkcli.errors import EXIT_NO_MATCH
from silkcli.formats.machine import Format, iter_format
from silkcli.listings.listing import Listing, Shape, fields_help, shape

if TYPE_CHECKING:
    from silkcli.dataset import model as m

FILTER_RULES = (
    "Filters: repeating a filter ORs its values (--sector mining --sector hydropower); "
    "different filters AND. Values match case-insensitively; an unknown value exits 2 with "
    "a did-you-mean. --since/--until take YYYY, YYYY-MM or YYYY-MM-DD, and a record dated only "
    "to a month or year matches when its whole period lies in the range."
)
OUTPUT_RULES = (
    "Output: -f table (the default on a terminal) or tsv (the default in a pipe), csv, json, "
    "jsonl, yaml, markdown; for sources also csl-json, bibtex and ris. The payload goes to stdout; "
    "counts and hints go to stderr."
)
TABLE_WARN_ROWS = 2000


class ColorMode(str, enum.Enum):
    """When to colour tables."""

    auto = "auto"
    always = "always"
    never = "never"


class Output(NamedTuple):
    """The common output options, as given."""

    fmt: Format | None
    fields: str | None
    sort: str | None
    desc: bool
    limit: int | None
    cite: bool
    exit_status: bool
    color: ColorMode
    width: int | None
    export: Path | None


_COMMON: list[tuple[str, Any, Any]] = [
    (
        "fmt",
        Annotated[
            Format | None,
            typer.Option(
                "-f",
                "--format",
                help="Output format [default: table on a terminal, tsv otherwise].",
                show_default=False,
            ),
        ],
        None,
    ),
    (
        "fields",
        Annotated[
            str | None,
            typer.Option(
                "--fields", help="Comma-separated fields to show, in order; 'help' lists them.", show_default=False
            ),
        ],
        None,
    ),
    (
        "sort",
        Annotated[
            str | None, typer.Option("--sort", help="Sort by FIELD (records without it last).", show_default=False)
        ],
        None,
    ),
    ("desc", Annotated[bool, typer.Option("--desc", help="Reverse the order.")], False),
    (
        "limit",
        Annotated[int | None, typer.Option("-n", "--limit", min=0, help="Show at most N records.", show_default=False)],
        None,
    ),
    (
        "cite",
        Annotated[
            bool, typer.Option("--cite", help="Add each record's source (and, in json/jsonl/yaml, its evidence quote).")
        ],
        False,
    ),
    ("exit_status", Annotated[bool, typer.Option("-e", "--exit-status", help="Exit 1 when nothing matches.")], False),
    (
        "color",
        Annotated[
            ColorMode,
            typer.Option("--color", help="Colour tables: auto honours NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE."),
        ],
        ColorMode.auto,
    ),
    (
        "width",
        Annotated[
            int | None,
            typer.Option(
                "--width", min=20, help="Table width [default: terminal width or COLUMNS].", show_default=False
            ),
        ],
        None,
    ),
    (
        "export",
        Annotated[
            Path | None,
            typer.Option(
                "--export", help="Also write the table to FILE.html, FILE.svg or FILE.md.", show_default=False
            ),
        ],
        None,
    ),
]
COMMON_NAMES = tuple(name for name, _, _ in _COMMON)

Builder = Callable[..., Listing]


def listing_command(
    app: typer.Typer, name: str, *, aliases: Sequence[str] = (), bar_field: str | None = None
) -> Callable[[Builder], Builder]:
    """Register ``build(ds, **filters)`` as a command with the common options."""

    def decorate(build: Builder) -> Builder:
        hints = _option_hints(build)
        own = [
            p.replace(annotation=hints[p.name]) for p in inspect.signature(build).parameters.values() if p.name in hints
        ]
        common = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a) for n, a, d in _COMMON]

        @functools.wraps(build)
        def command(**kwargs: Any) -> None:
            output = Output(**{n: kwargs.pop(n) for n in COMMON_NAMES})
            from silkcli.dataset.load import load_dataset

            emit_listing(build(load_dataset(state.data_path()), **kwargs), output, bar_field=bar_field)

        command.__signature__ = inspect.Signature(own + common)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in own + common}
        del command.__wrapped__  # make Typer read the new signature, not build's
        summary, _, rest = (build.__doc__ or "").partition("\n")
        help_text = f"{summary}\n{rest}\n\n{FILTER_RULES}\n\n{OUTPUT_RULES}"
        app.command(name, help=help_text)(state.guarded(command))
        for alias in aliases:
            app.command(alias, help=help_text, hidden=True)(state.guarded(command))
        return build

    return decorate


def _option_hints(build: Builder) -> dict[str, Any]:
    """The types of ``build``'s options: every parameter's but ``ds``.

    ``ds: m.Dataset`` is left unevaluated so that building a command (for
    ``--help`` or completion) does not import the model and msgspec.
    """
    options = {k: v for k, v in build.__annotations__.items() if k not in ("ds", "return")}
    return typing.get_type_hints(
        types.SimpleNamespace(__annotations__=options, __globals__=build.__globals__), include_extras=True
    )


def default_format() -> Format:
    """table for a person at a terminal, tsv for a pipe or file."""
    try:
        return Format.table if sys.stdout.isatty() else Format.tsv
    except (AttributeError, ValueError):
        return Format.tsv


def emit_listing(listing: Listing, output: Output, *, bar_field: str | None = None) -> None:
    """Shape, render and write a listing; notes and counts go to stderr."""
    fmt = output.fmt or default_format()
    if output.fields == "help":
        emit(fields_help(listing))
        return
    if output.export is not None:
        from silkcli.cli.table_export import check_export_path

        check_export_path(output.export)
    evidence = fmt in (Format.json, Format.jsonl, Format.yaml)
    options = Shape(output.fields, output.sort, output.desc, output.limit, output.cite, evidence)
    shaped = shape(listing, options)
    for text in shaped.notes if shaped.rows else ():
        note(f"note: {text}")
    if fmt is Format.table:
        if len(shaped.rows) > TABLE_WARN_ROWS:
            note(
                f"note: drawing {len(shaped.rows)} rows as a table is slow; use -n N or a machine format such as -f tsv"
            )
        from silkcli.cli.console import print_table

        print_table(shaped, color=output.color, width=output.width, bar_field=bar_field)
    else:
        emit_all(iter_format(shaped, fmt))
    if output.export is not None:
        from silkcli.cli.table_export import export_listing

        export_listing(shaped, output.export, width=output.width, bar_field=bar_field)
    if not shaped.rows:
        note("0 records match")
        if output.exit_status:
            raise typer.Exit(EXIT_NO_MATCH)


def ids(records: Sequence[m.Record | m.VocabTerm]) -> list[str]:
    """The ids of records, for :func:`~silkcli.query.resolve`."""
    return [r.id for r in records]


def color_env() -> dict[str, bool]:
    """What the colour environment variables ask for."""
    return {
        "no_color": bool(os.environ.get("NO_COLOR")),
        "force": bool(os.environ.get("FORCE_COLOR")) or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"),
    }
