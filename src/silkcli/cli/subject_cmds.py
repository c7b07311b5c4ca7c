"""The listings about the dataset's subjects as a whole: where sources disagree, and the countries.

Like :mod:`silkcli.cli.listing_cmds`, each command states its options and
hands a builder to :func:`~silkcli.cli.listing_run.run_listing`; builders
import what they need when they run.
"""
# ruff: noqa: PLC0415 - every import inside a function here is for start-up (see above)

from typing import TYPE_CHECKING, Annotated

import typer

from silkcli.cli import complete
from silkcli.cli.listing_run import run_listing
from silkcli.cli.options import (
    BomOpt,
    CiteOpt,
    ColorMode,
    ColorOpt,
    DescOpt,
    ExitStatusOpt,
    ExportOpt,
    FieldsOpt,
    FormatOpt,
    LayoutOpt,
    LimitOpt,
    Many,
    NoHeaderOpt,
    Output,
    OutputFileOpt,
    SortOpt,
    TableLayout,
    WidthOpt,
)

if TYPE_CHECKING:
    from silkcli.dataset import model as m
    from silkcli.listings.listing import Listing


def discrepancies(
    topic: Annotated[
        Many,
        typer.Option(
            "--topic",
            help="A word of the topic, or a topic id of the figures involved (repeatable).",
            autocompletion=complete.topics,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    sort: SortOpt = None,
    desc: DescOpt = False,
    limit: LimitOpt = None,
    cite: CiteOpt = False,
    exit_status: ExitStatusOpt = False,
    color: ColorOpt = ColorMode.auto,
    width: WidthOpt = None,
    export: ExportOpt = None,
    output: OutputFileOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
    layout: LayoutOpt = TableLayout.auto,
) -> None:
    """List where sources disagree: topic, claims with their sources, resolution.

    \b
    Examples:
    silkcli discrepancies
    silkcli discrepancies --topic antimony -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.subjects import discrepancies as found
        from silkcli.listings.subjects import discrepancy_listing

        return discrepancy_listing(ds, found(ds, select.split_values(topic or [])))

    run_listing(
        build,
        Output(
            fmt, fields, sort, desc, limit, cite, exit_status, color, width, export, output, not no_header, bom, layout
        ),
    )


def countries(
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    sort: SortOpt = None,
    desc: DescOpt = False,
    limit: LimitOpt = None,
    cite: CiteOpt = False,
    exit_status: ExitStatusOpt = False,
    color: ColorOpt = ColorMode.auto,
    width: WidthOpt = None,
    export: ExportOpt = None,
    output: OutputFileOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
    layout: LayoutOpt = TableLayout.auto,
) -> None:
    """List the countries: ISO codes, name, and how many records involve each.

    \b
    Examples:
    silkcli countries
    silkcli countries --sort records --desc -n 5
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings.subjects import country_listing

        return country_listing(ds)

    run_listing(
        build,
        Output(
            fmt, fields, sort, desc, limit, cite, exit_status, color, width, export, output, not no_header, bom, layout
        ),
    )
