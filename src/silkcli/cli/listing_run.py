"""Running a listing command: load the dataset, build the listing, shape, render and write it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from silkcli.cli import state
from silkcli.cli.options import TABLE_MIN_WIDTH, Output, stdout_is_terminal, terminal_width
from silkcli.cli.output import emit, emit_all, note, write_atomic
from silkcli.errors import ExitCode, OutputError, UsageError
from silkcli.formats import TABLE_FILES, Format, View, format_of, iter_format, render
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
    "jsonl, yaml, markdown, html, svg; for sources also csl-json, bibtex and ris. The payload goes "
    "to stdout; counts and hints go to stderr."
)
TABLE_WARN_ROWS = 2000


def run_listing(build: Callable[[m.Dataset], Listing], output: Output) -> None:
    """Load the dataset, build the listing with ``build``, and write it as ``output`` asks."""
    emit_listing(build(state.load()), output)


def default_format() -> Format:
    """table for a person at a terminal, tsv for a pipe or file."""
    return Format.table if stdout_is_terminal() else Format.tsv


def emit_listing(listing: Listing, output: Output) -> None:
    """Shape, render and write a listing; notes and counts go to stderr."""
    fmt = output.fmt or default_format()
    if output.fields == "help":
        emit(fields_help(listing), for_person=True)
        return
    export = format_of(output.export, option="--export", choices=TABLE_FILES) if output.export else None
    if output.export is not None:
        _check_folder(output.export)
    fields = output.fields
    if fmt.kinds:  # a reference format writes whole records (it is for the sources listing only)
        if fields is not None:
            raise UsageError(f"--fields does not apply to -f {fmt.value}: it writes every field of each source")
        fields = ",".join(c.name for c in listing.columns)
    shaped = shape(listing, Shape(fields, output.sort, output.desc, output.limit, output.cite, evidence=fmt.evidence))
    for text in shaped.notes if shaped.rows else ():
        note(f"note: {text}")
    if fmt is Format.table and len(shaped.rows) > TABLE_WARN_ROWS:
        note(f"note: drawing {len(shaped.rows)} rows as a table is slow; use -n N or a machine format such as -f tsv")
    emit_all(iter_format(shaped, fmt, _view(output, fmt)), for_person=fmt is Format.table)
    if output.export is not None and export is not None:
        write_atomic(output.export, render(shaped, export, View(width=output.width)))
    if not shaped.rows:
        note("0 records match")
        if output.exit_status:
            raise typer.Exit(ExitCode.no_match)


def _view(output: Output, fmt: Format) -> View:
    """Width and colour for a table on stdout."""
    if fmt is not Format.table:
        return View(width=output.width)
    width = output.width or terminal_width(minimum=TABLE_MIN_WIDTH)
    return View(width=width, color=output.color.wanted(to_terminal=stdout_is_terminal()))


def _check_folder(target: Path) -> None:
    """Refuse, before anything is printed, a file whose folder is missing."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: directory {folder} does not exist")
