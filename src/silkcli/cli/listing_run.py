"""Running a listing command: load the dataset, build the listing, shape, render and write it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from silkcli.cli import state
from silkcli.cli.options import (
    TABLE_MIN_WIDTH,
    Output,
    TableLayout,
    hyperlinks_wanted,
    stdout_is_terminal,
    terminal_width,
)
from silkcli.cli.output import emit, emit_all, file_format, note, notes, write_atomic
from silkcli.errors import ExitCode, OutputError, UsageError
from silkcli.formats import FILE_WIDTH, TABLE_FILES, Format, View, format_names, format_of, iter_format, render

if TYPE_CHECKING:
    from silkcli.dataset import model as m
    from silkcli.listings.listing import Listing

FILTER_RULES = (
    "Filters: repeating a filter, or giving it comma-separated values, ORs its values; different "
    "filters AND. Values match case-insensitively, by id or by name (a country also by its alpha-3 "
    "code, a person by surname); an unknown value exits 2 with a did-you-mean."
)
DATE_RULES = (
    "--since/--until take YYYY, YYYY-MM or YYYY-MM-DD, and a record dated only to a month or year "
    "matches when its whole period lies in the range."
)
#: Options every listing command has: not filters.
COMMON_OPTIONS = frozenset(Output._fields)


def listing_help(parameters: Collection[str]) -> str:
    """The rules a listing command's help ends with: filter rules only if it has filters, date rules only with dates."""
    filters = set(parameters) - COMMON_OPTIONS
    rules = [FILTER_RULES] if filters - {"name", "ident", "text"} else []
    rules += [DATE_RULES] if "since" in filters else []
    return "\n\n".join([" ".join(rules), OUTPUT_RULES] if rules else [OUTPUT_RULES])


OUTPUT_RULES = (
    f"Output: -f {format_names()}. The payload goes to "
    "stdout, or to -o FILE (its suffix names the format unless -f does); counts and hints go to stderr. "
    "A table never grows wider than the terminal: it leaves out its least important columns (and says "
    "which) or shows each record as a block."
)
TABLE_WARN_ROWS = 2000

Build = Callable[["m.Dataset"], "Listing"]


def listing_command(command: Callable[..., Build]) -> Callable[..., Build]:
    """Mark ``command``, which takes the filters and returns the builder of its listing, as a listing command.

    The command Typer runs (:func:`as_command`) takes its own parameters followed by the output options (the
    fields of :class:`Output`, so they are declared once); running it builds the listing and writes it as they
    ask. It is made when the command is built, so importing a module of commands makes none of them.
    """
    command.output_options = COMMON_OPTIONS  # type: ignore[attr-defined]
    return command


def record_command(command: Callable[..., Build]) -> Callable[..., Build]:
    """As :func:`listing_command`, for one record shown whole: it takes no --sort, --desc, -n, -e or --layout."""
    command.output_options = COMMON_OPTIONS - {"sort", "desc", "limit", "exit_status", "layout"}  # type: ignore[attr-defined]
    return command


def as_command(function: Callable[..., Any]) -> Callable[..., None]:
    """The function Typer makes a command of: a listing or record command with its output options appended
    (4.1 M instructions of each run when all thirteen were made on import), any other as it is."""
    taken = getattr(function, "output_options", None)
    return function if taken is None else _with_output_options(function, taken=taken)


def _with_output_options(command: Callable[..., Build], *, taken: Collection[str]) -> Callable[..., None]:
    """``command`` with the ``taken`` fields of :class:`Output` appended to its signature, given as one ``Output``."""
    outputs = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, annotation=Output.__annotations__[name], default=default
        )
        for name, default in zip(Output._fields, Output()._values(), strict=True)
        if name in taken
    ]

    @functools.wraps(command)
    def run(**given: Any) -> None:
        options = {name: given.pop(name) for name in Output._fields if name in taken}
        output = Output(**options)
        filters = [name for name, value in given.items() if value not in (None, (), [])]
        run_listing(
            command(**given), output, asked=filters, stored=lambda: stored_answer(command.__name__, given, output)
        )

    own = list(inspect.signature(command).parameters.values())
    run.__signature__ = inspect.Signature([*own, *outputs])  # type: ignore[attr-defined]  # what Typer reads
    run.__annotations__ = {p.name: p.annotation for p in (*own, *outputs)}
    return run


def run_listing(
    build: Callable[[m.Dataset], Listing],
    output: Output,
    *,
    asked: Collection[str] = (),
    stored: Callable[[], Listing | None] = lambda: None,
) -> None:
    """Build the listing with ``build`` from the dataset (or take it from ``stored``, the bundled dataset's
    rows, where they answer), and write it as ``output`` asks; ``asked``: the filters given (a terminal shows
    blocks rather than a table that hides their columns)."""
    from silkcli.listings.names import take_readings  # noqa: PLC0415 - start-up: --help and completion build the command, never run it

    take_readings()  # what a run before this one in the same process read and did not print
    dated = stored()
    if dated is None:
        ds = state.load()
        listing = build(ds)
        dated = listing if listing.as_of else listing._replace(as_of=ds.meta.as_of())  # the date of the data
    notes([f"note: {text}" for text in take_readings()])  # how a short name was read, even when nothing matches
    emit_listing(dated._replace(asked=asked_columns(dated, asked)), output)


def stored_answer(command: str, given: Mapping[str, object], output: Output) -> Listing | None:
    """``command``'s listing for the filters ``given`` from the bundled dataset's stored rows, when this run
    reads the bundled dataset and they answer it exactly (:mod:`silkcli.listings.stored`); else None."""
    from silkcli.dataset.cache.keys import source_key  # noqa: PLC0415 - start-up: --help and completion read no rows
    from silkcli.dataset.paths import ROWS_SUFFIX, SCHEMA_VERSION, bundled_path  # noqa: PLC0415 - as above
    from silkcli.listings.stored import answer  # noqa: PLC0415 - as above

    if not state.reads_bundled():
        return None
    source = bundled_path()
    try:
        data, rows = source.read_bytes(), source.with_suffix(ROWS_SUFFIX).read_bytes()
    except OSError:
        return None
    shown = {part.strip() for text in (output.fields, output.sort) if text for part in text.split(",")}
    shown |= {"cite"} if output.cite else set()
    return answer(rows, source_key(data, SCHEMA_VERSION).parts, command, given, shown)


#: The columns a filter is about where its name does not say it (``--sector`` is about ``sector`` or ``sectors``).
_FILTER_COLUMNS = {"party": ("parties",), "signatory": ("parties",), "since": ("signed", "date")}
_FILTER_COLUMNS["until"] = _FILTER_COLUMNS["since"]


def asked_columns(listing: Listing, filters: Collection[str]) -> tuple[str, ...]:
    """The listing's columns that the given ``filters`` (parameter names) are about."""
    names = {c.name for c in listing.columns}
    wanted = []
    for given in filters:
        base = given.rstrip("_")
        wanted += [n for n in (base, f"{base}s", *_FILTER_COLUMNS.get(base, ())) if n in names]
    return tuple(dict.fromkeys(wanted))


def default_format(output: Output | None = None) -> Format:
    """table for a person at a terminal, tsv for a pipe or file; table wherever ``--layout`` asks for one of its
    layouts (``--layout records | head`` is plain text blocks)."""
    if output is not None and output.layout is not TableLayout.auto:
        return Format.table
    return Format.table if stdout_is_terminal() else Format.tsv


def emit_listing(listing: Listing, output: Output) -> None:
    """Shape, render and write a listing (to stdout, or atomically to ``-o FILE``); notes and counts go to stderr."""
    from silkcli.listings.listing import Layout, fields_help  # noqa: PLC0415 - 15 ms of --help (it imports msgspec)

    fmt = output.fmt or (file_format(output.output, None, tuple(Format)) if output.output else default_format(output))
    if output.output is not None:
        file_format(output.output, fmt, tuple(Format))
    if output.fields == "help":
        emit(fields_help(listing), for_person=True)
        return
    _check_options(output, fmt)
    export = format_of(output.export, option="--export", choices=TABLE_FILES) if output.export else None
    for target in (output.export, output.output):
        if target is not None:
            _check_folder(target)
    shaped = _shaped(listing, output, fmt, drawn=not fmt.machine or (export is not None and not export.machine))
    said = [f"note: {text}" for text in shaped.notes] if shaped.rows else []
    view = _view(output, fmt)
    if fmt is Format.table and shaped.layout is not Layout.record:
        said += _fit_notes(shaped, view)
    if fmt is Format.table and len(shaped.rows) > TABLE_WARN_ROWS:
        said.append(
            f"note: drawing {len(shaped.rows)} rows as a table is slow; use -n N or a machine format such as -f tsv"
        )
    notes(said, width=view.width)
    # an empty table on a terminal would only repeat the "0 records match" note below
    empty = fmt is Format.table and not shaped.rows and output.output is None
    chunks = iter(()) if empty else _chunks(shaped, fmt, view)
    if output.output is not None:
        write_atomic(output.output, "".join(chunks))
    else:
        emit_all(chunks, for_person=fmt is Format.table)
    if output.export is not None and export is not None:
        write_atomic(output.export, render(shaped, export, View(width=output.width)))
    if not shaped.rows:
        note("0 records match")
        if shaped.why_none:
            notes([f"note: {shaped.why_none}"], width=view.width)
        if output.exit_status:
            raise typer.Exit(ExitCode.no_match)


def _shaped(listing: Listing, output: Output, fmt: Format, *, drawn: bool) -> Listing:
    """The listing shaped by --fields, --cite, --sort, --desc and -n (a reference format takes every field);
    ``drawn`` if a table, HTML or SVG is drawn from it (which shows markers with their values)."""
    from silkcli.listings.listing import Shape, shape  # noqa: PLC0415 - 15 ms of --help (it imports msgspec)

    fields = output.fields
    if fmt.kinds:  # a reference format writes whole records (it is for the sources listing only)
        if fields is not None:
            raise UsageError(f"--fields does not apply to -f {fmt.value}: it writes every field of each source")
        fields = ",".join(c.name for c in listing.columns)
    whole = fmt.evidence or not fmt.machine  # json, jsonl, yaml write them; a table, HTML, SVG draw notes
    options = Shape(
        fields,
        output.sort,
        output.desc,
        output.limit,
        output.cite,
        evidence=fmt.evidence,
        markers=drawn,
        whole_cites=whole,
        texts=drawn or not fmt.evidence,  # json, jsonl and yaml write a party as its object
    )
    return shape(listing, options)


def _check_options(output: Output, fmt: Format) -> None:
    """--no-header, --bom and --layout apply to some formats only: asking for them with another is a usage error."""
    if output.no_header and fmt not in (Format.tsv, Format.csv):
        raise UsageError(f"--no-header applies to -f tsv and -f csv, not -f {fmt.value}")
    if output.bom and fmt is not Format.csv:
        raise UsageError(f"--bom applies to -f csv, not -f {fmt.value}")
    if output.layout is not TableLayout.auto and fmt is not Format.table:
        raise UsageError(f"--layout applies to -f table, not -f {fmt.value}")


def _fit_notes(listing: Listing, view: View) -> list[str]:
    """A note when a table left columns out, shortened values, or became records for want of room."""
    from silkcli.formats.fit import choose, fit_note, plan  # noqa: PLC0415 - start-up: tables only
    from silkcli.formats.footnotes import footnoted  # noqa: PLC0415 - as above

    if view.layout != "auto" or not listing.rows:
        return []
    drawn = footnoted(listing)
    found = choose(drawn, view.width or 80)
    if found is None and plan(drawn, view.width or 80) is not None:  # a few records, or one the filter is about
        return []
    if found is None:
        return ["note: each record is a block: the table is wider than the terminal (--fields chooses fewer columns)"]
    text = fit_note(found)
    return [text] if text else []


def _chunks(listing: Listing, fmt: Format, view: View) -> Iterator[str]:
    """The listing in ``fmt``; one record in full (``show``) on a terminal is a block of lines, not a table."""
    from silkcli.listings.listing import Layout  # noqa: PLC0415 - 15 ms of --help (it imports msgspec)

    if fmt is Format.table and listing.layout is Layout.record:
        from silkcli.formats.record_block import iter_record_block  # noqa: PLC0415 - 2 ms; only show needs it

        return iter_record_block(listing, view)
    return iter_format(listing, fmt, view)


def _view(output: Output, fmt: Format) -> View:
    """Width, colour, hyperlinks and layout for a table; header and BOM for csv/tsv."""
    if fmt is not Format.table:
        return View(width=output.width, header=not output.no_header, bom=output.bom)
    if output.output is not None:  # a table written to a file: plain text at a file's width
        return View(width=output.width or FILE_WIDTH, layout=output.layout.value)
    width = output.width or terminal_width(minimum=TABLE_MIN_WIDTH)
    color = state.color(output.color).wanted(to_terminal=stdout_is_terminal())
    return View(width=width, color=color, links=hyperlinks_wanted(color=color), layout=output.layout.value)


def _check_folder(target: Path) -> None:
    """Refuse, before anything is printed, a file whose folder is missing."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: directory {folder} does not exist")
