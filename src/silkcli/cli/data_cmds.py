"""Commands about the dataset file itself: validate, schema, export."""
# ruff: noqa: PLC0415 - each command imports what it needs when it runs: the loader 46 ms, json 2 ms, PyYAML 43 ms of --help

from pathlib import Path
from typing import Annotated

import typer

from silkcli.choice import Choice
from silkcli.cli import state
from silkcli.cli.option import option
from silkcli.cli.output import emit, emit_all, write_atomic


class ExportFormat(Choice):
    """Formats that hold the whole dataset losslessly: each says whether it is a text written to standard
    output (or a file), and whether it is a folder."""

    text: bool
    folder: bool

    json = ("json", True, False)
    yaml = ("yaml", True, False)
    sqlite = ("sqlite", False, False)
    datasette = ("datasette", False, True)
    datapackage = ("datapackage", False, True)


SourcesOpt = Annotated[
    Path | None, option("--sources", help="Folder of archived source texts; check every evidence quote against them.")
]


def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Dataset file to check (default: --data, SILKCLI_DATA, or the bundled one).",
            show_default=False,
            readable=False,  # the loader says why a file cannot be read, as a dataset problem (exit 3)
        ),
    ] = None,
    sources: SourcesOpt = None,
) -> None:
    """Check a dataset file: schema, references, citations and (optionally) evidence.

    Every fact field must be supported by a citation, and each date or number
    must be written in the quote that supports it (unless the citation is
    marked inferred). Prints one line on success; otherwise one line per problem
    (FILE:LINE:COL: PATH: MESSAGE) on stderr and exit code 3.

    Examples:

    silkcli validate

    silkcli validate my-edits.yaml --sources ../shared/sources
    """
    from silkcli.dataset.archive import check_sources_folder
    from silkcli.dataset.load import check_support
    from silkcli.dataset.model import describe

    if sources is not None:
        check_sources_folder(sources)
    target = path or state.data_path()
    dataset = state.load(target, use_cache=False)
    checked = check_support(target, dataset, sources, max_bytes=state.max_bytes())
    emit(f"{describe(dataset)}, {checked} dates and numbers matched in their quotes\n", for_person=True)


def schema() -> None:
    """Print the JSON Schema of the dataset format.

    Point a YAML language server at it for completion and checks as you edit.

    Examples:

    silkcli schema > silkcli.schema.json

    silkcli schema | jq '.$defs | keys'
    """
    import json

    from silkcli.dataset.model import json_schema

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "-f",
            "--format",
            metavar="<format>",  # the choices are in the help, where they wrap
            help="Output format: " + ", ".join(f.value for f in ExportFormat) + ".",
        ),
    ] = ExportFormat.yaml,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write to FILE (atomically) instead of stdout; a folder for "
            + " and ".join(f.value for f in ExportFormat if f.folder)
            + ".",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the whole dataset, losslessly, as YAML, JSON, SQLite or a Data Package.

    Export, validate and export again gives identical bytes. -f sqlite writes
    one database (a table per record kind, foreign keys, full-text indexes,
    views); -f datasette writes that database with Datasette's metadata,
    configuration and settings into a folder; -f datapackage writes a Frictionless Data Package
    (a CSV file per table and datapackage.json) into a folder.

    Examples:

    silkcli export -f json | jq '.documents | length'

    silkcli export -f yaml -o copy.yaml

    silkcli export -f sqlite -o partnership.db

    silkcli export -f datasette -o site/ && datasette serve site/
    """
    from silkcli.dataset.dump import iter_yaml, to_json

    dataset = state.load()
    if not fmt.text:
        from silkcli.cli.publish_cmds import write_published

        write_published(dataset, fmt.value, out)
        return
    chunks = (to_json(dataset),) if fmt is ExportFormat.json else iter_yaml(dataset)
    if out is None:
        emit_all(chunks)
    else:
        write_atomic(out, "".join(chunks))
