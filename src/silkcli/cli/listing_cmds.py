"""The listing commands: thin wrappers from options to query, rows and output."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from silkcli.cli import complete
from silkcli.cli.common import ids, listing_command
from silkcli.errors import UsageError
from silkcli.listings.listing import Listing

if TYPE_CHECKING:
    # The builders import what they use when they run: listing --help needs none of it.
    from silkcli.dataset import model as m

Many = list[str] | None
SectorOpt = Annotated[
    Many, typer.Option("--sector", help="Sector id (repeatable).", autocompletion=complete.sectors, show_default=False)
]
CountryOpt = Annotated[
    Many,
    typer.Option("--country", help="Country code (repeatable).", autocompletion=complete.countries, show_default=False),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="From YYYY, YYYY-MM or YYYY-MM-DD (inclusive).", show_default=False)
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Up to YYYY, YYYY-MM or YYYY-MM-DD (inclusive).", show_default=False)
]


def register(target: typer.Typer, only: str | None = None) -> None:
    """Add the listing commands to ``target``; only the one named ``only`` (and its aliases) if given.

    Building a command's signature evaluates its type hints (about 0.2 ms a
    command), so a run builds just the command it runs.
    """
    for build, name, aliases, bar_field in _LISTINGS:
        if only is None or only == name or only in aliases:
            listing_command(target, name, aliases=aliases, bar_field=bar_field)(build)


def agreements(
    ds: m.Dataset,
    sector: SectorOpt = None,
    type_: Annotated[
        Many,
        typer.Option("--type", help="Document type (repeatable).", autocompletion=complete.types, show_default=False),
    ] = None,
    party: Annotated[
        Many,
        typer.Option(
            "--party",
            help="Signing side: country code, or part of a ministry/agency name (repeatable).",
            autocompletion=complete.countries,
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        Many,
        typer.Option("--status", help="Status (repeatable).", autocompletion=complete.statuses, show_default=False),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    summit: Annotated[
        bool | None,
        typer.Option(
            "--summit/--no-summit",
            help="Only the documents signed at the summit, or only the others.",
            show_default=False,
        ),
    ] = None,
) -> Listing:
    """List signed documents in signing order (alias: documents).

    \b
    Examples:
      silkcli agreements --sector mining
      silkcli agreements --summit -f json | jq length
      silkcli agreements --party KG --type mou --cite
    """
    from silkcli.listings import records as rows
    from silkcli.listings import select as query

    found = query.documents(
        ds,
        sectors=query.resolve(sector or [], ids(ds.sectors), "sector"),
        types=query.resolve(type_ or [], ids(ds.vocabulary.document_types), "type"),
        parties=party or [],
        statuses=query.resolve(status or [], ids(ds.vocabulary.statuses), "status"),
        within=query.period(since, until),
        summit=summit,
    )
    return rows.documents(ds, found)


def leaders(
    ds: m.Dataset,
    country: CountryOpt = None,
    role: Annotated[
        Many, typer.Option("--role", help="Role (repeatable).", autocompletion=complete.roles, show_default=False)
    ] = None,
) -> Listing:
    """List people and their roles (alias: people).

    \b
    Examples:
      silkcli leaders --role president
      silkcli leaders --country KG -f csv
    """
    from silkcli.listings import records as rows
    from silkcli.listings import select as query

    found = query.people(
        ds,
        countries=query.resolve(country or [], ids(ds.countries), "country"),
        roles=query.resolve(role or [], ids(ds.vocabulary.roles), "role"),
    )
    return rows.people(ds, found)


def timeline(
    ds: m.Dataset,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    kind: Annotated[
        Many,
        typer.Option(
            "--kind", help="Event kind (repeatable).", autocompletion=complete.event_kinds, show_default=False
        ),
    ] = None,
) -> Listing:
    """List dated events, oldest first (alias: dates).

    \b
    Examples:
      silkcli timeline --since 2024
      silkcli timeline --country KG --until 2013 -f json
    """
    from silkcli.listings import records as rows
    from silkcli.listings import select as query

    found = query.events(
        ds,
        within=query.period(since, until),
        countries=query.resolve(country or [], ids(ds.countries), "country"),
        kinds=query.resolve(kind or [], ids(ds.vocabulary.event_kinds), "kind"),
    )
    return rows.events(ds, found)


def sectors(
    ds: m.Dataset,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A sector id: list its documents and commitments.", autocompletion=complete.sectors, show_default=False
        ),
    ] = None,
) -> Listing:
    """List sectors with counts, or one sector's documents and commitments.

    \b
    Examples:
      silkcli sectors
      silkcli sectors mining --cite
    """
    from silkcli.listings import lookups as rows_more
    from silkcli.listings import select as query

    if name is None:
        return rows_more.sectors(ds)
    (sector,) = query.resolve([name], ids(ds.sectors), "sector")
    return rows_more.sector_detail(ds, sector)


def commitments(
    ds: m.Dataset,
    sector: SectorOpt = None,
    country: Annotated[
        Many,
        typer.Option(
            "--country",
            help="Which side: country code (repeatable).",
            autocompletion=complete.countries,
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Many,
        typer.Option(
            "--kind",
            help="agreed, asked or plans (repeatable).",
            autocompletion=complete.commitment_kinds,
            show_default=False,
        ),
    ] = None,
) -> Listing:
    """List what the sides agreed, asked or plan, by sector.

    \b
    Examples:
      silkcli commitments --kind asked
      silkcli commitments --sector hydropower --cite
    """
    from silkcli.listings import records as rows
    from silkcli.listings import select as query

    found = query.commitments(
        ds,
        sectors=query.resolve(sector or [], ids(ds.sectors), "sector"),
        countries=query.resolve(country or [], ids(ds.countries), "country"),
        kinds=query.resolve(kind or [], ("agreed", "asked", "plans"), "kind"),
    )
    return rows.commitments(ds, found)


def reserves(
    ds: m.Dataset,
    mineral: Annotated[
        str | None,
        typer.Option(
            "--mineral",
            help="Mineral topic [default: the dataset's only one].",
            autocompletion=complete.minerals,
            show_default=False,
        ),
    ] = None,
    country: CountryOpt = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", min=1, help="Only countries ranked N or better (plus the world total).", show_default=False
        ),
    ] = None,
) -> Listing:
    """Reserves and production by country, with shares and ranks.

    Shares against a world total the source gives only as a lower bound
    (">2,000,000") are upper bounds, and are marked so.

    \b
    Examples:
      silkcli reserves --top 5
      silkcli reserves --country KG -f json
    """
    from silkcli.listings import lookups as rows_more
    from silkcli.listings import select as query
    from silkcli.listings import shares as figures

    topics = figures.mineral_topics(ds)
    if mineral is None:
        if len(topics) != 1:
            raise UsageError(f"choose a mineral with --mineral: {', '.join(topics) or 'none in this dataset'}")
        topic = topics[0]
    else:
        (topic,) = query.resolve([mineral], topics, "mineral")
    return rows_more.reserves(ds, topic, countries=query.resolve(country or [], ids(ds.countries), "country"), top=top)


def stats(
    ds: m.Dataset,
    topic: Annotated[
        Many, typer.Option("--topic", help="Topic (repeatable).", autocompletion=complete.topics, show_default=False)
    ] = None,
) -> Listing:
    """Key figures and the claims made about them, with sources.

    A claim that a discrepancy record disputes names that record.

    \b
    Examples:
      silkcli stats
      silkcli stats --topic antimony --fields id,value,computed,discrepancy
    """
    from silkcli.listings import lookups as rows_more
    from silkcli.listings import select as query

    return rows_more.key_figures(ds, query.resolve(topic or [], ids(ds.vocabulary.topics), "topic"))


def quotes(
    ds: m.Dataset,
    person: Annotated[
        Many,
        typer.Option("--person", help="Person id (repeatable).", autocompletion=complete.people, show_default=False),
    ] = None,
) -> Listing:
    """List the words the sources quote.

    \b
    Examples:
      silkcli quotes
      silkcli quotes --person yoon-suk-yeol -f json
    """
    from silkcli.listings import records as rows
    from silkcli.listings import select as query

    return rows.quotes(ds, query.quotes(ds, persons=query.resolve(person or [], ids(ds.people), "person")))


def search(
    ds: m.Dataset,
    text: Annotated[str, typer.Argument(help="Text to find (case-insensitive).")],
    kind: Annotated[
        Many,
        typer.Option(
            "--kind",
            help="Record kind to search (repeatable).",
            autocompletion=complete.record_kinds,
            show_default=False,
        ),
    ] = None,
) -> Listing:
    """Find every record field that contains TEXT.

    \b
    Examples:
      silkcli search antimony
      silkcli search hydropower --kind documents --kind commitments
    """
    from silkcli.dataset import model as m
    from silkcli.listings import lookups as rows_more
    from silkcli.listings import select as query

    if not text.strip():
        raise UsageError("search needs some text to look for")
    kinds = ("partnership", *m.RECORD_KINDS, "sources")
    return rows_more.search(ds, text, query.resolve(kind or [], kinds, "kind"))


def show(
    ds: m.Dataset,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Record id.", autocompletion=complete.record_ids)],
) -> Listing:
    """Show one record in full, with its source and evidence.

    \b
    Examples:
      silkcli show edcf-framework-arrangement
      silkcli show KG -f json
    """
    from silkcli.listings import lookups as rows_more
    from silkcli.listings import select as query

    kind, record = query.find_record(ds, ident)
    return rows_more.record_fields(ds, kind, record)


def sources(ds: m.Dataset) -> Listing:
    """List the sources and how many records cite each.

    \b
    Examples:
      silkcli sources
      silkcli sources --fields id,url -f csv
      silkcli sources -f bibtex > silkcli.bib
    """
    from silkcli.listings import records as rows

    return rows.sources(ds)


#: Each listing command: builder, name, hidden aliases, and the field its table draws as a bar.
_LISTINGS: tuple[tuple[Callable[..., Listing], str, tuple[str, ...], str | None], ...] = (
    (agreements, "agreements", ("documents",), None),
    (leaders, "leaders", ("people",), None),
    (timeline, "timeline", ("dates",), None),
    (sectors, "sectors", (), None),
    (commitments, "commitments", (), None),
    (reserves, "reserves", (), "share_pct"),
    (stats, "stats", (), None),
    (quotes, "quotes", (), None),
    (search, "search", (), None),
    (show, "show", (), None),
    (sources, "sources", (), None),
)
