"""The listing commands: each states its filters and returns the builder of its listing.

:func:`~silkcli.cli.listing_run.listing_command` appends the output options
and runs the builder.

A builder turns the loaded dataset into a listing: it resolves the filter
values against the dataset, selects records (``listings.select``) and builds
the listing (``listings.records``, ``listings.figures``, ``listings.lookups``).
Those modules are imported inside the builders, so ``--help`` and completion
load none of them.
"""
# ruff: noqa: PLC0415 - 15 ms of every --help and completion: the listings import msgspec and the model

from typing import TYPE_CHECKING, Annotated

import typer

from silkcli.cli import complete
from silkcli.cli.commands import COMMANDS
from silkcli.cli.listing_run import Build, listing_command, record_command
from silkcli.cli.options import CountryOpt, Many, SectorOpt, SinceOpt, UntilOpt, option
from silkcli.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from silkcli.dataset import model as m
    from silkcli.listings.listing import Listing


PersonOpt = Annotated[Many, option("--person", help="Person id, name or surname (repeatable).", values=complete.people)]


def _countries(ds: "m.Dataset", given: Many) -> frozenset[str]:
    """The codes of the countries ``given`` names (codes, alpha-3 codes or names); a usage error for others."""
    from silkcli.listings import select

    return select.resolve(given or [], select.country_choices(ds), "country")


def _terms(given: Many, terms: "Iterable[m.VocabTerm | m.Sector]", what: str) -> frozenset[str]:
    """The ids of the ``terms`` that ``given`` names (ids or names); a usage error for others."""
    from silkcli.listings import select

    return select.resolve(given or [], select.term_choices(terms), what)


@listing_command
def agreements(
    sector: SectorOpt = None,
    type_: Annotated[Many, option("--type", help="Document type (repeatable).", values=complete.types)] = None,
    party: Annotated[
        Many,
        option(
            "--party",
            help="Signing side: country code or name, or part of a ministry/agency name (repeatable).",
            values=complete.parties,
        ),
    ] = None,
    signatory: Annotated[
        Many,
        option("--signatory", help="Who signed: person id, name or surname (repeatable).", values=complete.people),
    ] = None,
    status: Annotated[Many, option("--status", help="Status (repeatable).", values=complete.statuses)] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    summit: Annotated[
        bool | None,
        option(
            "--summit/--no-summit",
            help="Only the documents counted as signed at the summit (a joint statement adopted there is not one), "
            "or only the others.",
        ),
    ] = None,
) -> Build:
    """List signed documents in signing order (alias: documents).

    \b
    Examples:
    silkcli agreements --sector mining
    silkcli agreements --summit -f json | jq length
    silkcli agreements --party KG --type mou --cite
    silkcli agreements --signatory Azhikeev
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.records import document_listing, with_summit_notes, with_unsigned_note

        signed_by = select.resolve_people(ds, signatory or [])
        found = select.documents(
            ds,
            sectors=_terms(sector, ds.sectors, "sector"),
            types=_terms(type_, ds.vocabulary.document_types, "type"),
            parties=party or [],
            signatories=signed_by,
            statuses=_terms(status, ds.vocabulary.statuses, "status"),
            within=select.period(since, until),
            summit=summit,
        )
        return with_unsigned_note(ds, with_summit_notes(ds, document_listing(ds, found), summit=summit), signed_by)

    return build


@listing_command
def leaders(
    country: CountryOpt = None,
    role: Annotated[Many, option("--role", help="Role (repeatable).", values=complete.roles)] = None,
) -> Build:
    """List people and their roles (alias: people).

    \b
    Examples:
    silkcli leaders --role president
    silkcli leaders --country KG -f csv
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.records import people_listing

        found = select.people(ds, countries=_countries(ds, country), roles=_terms(role, ds.vocabulary.roles, "role"))
        return people_listing(ds, found)

    return build


@listing_command
def timeline(
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    kind: Annotated[Many, option("--kind", help="Event kind (repeatable).", values=complete.event_kinds)] = None,
) -> Build:
    """List dated events, oldest first (alias: dates).

    \b
    Examples:
    silkcli timeline --since 2024
    silkcli timeline --country KG --until 2013 -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.records import event_listing

        found = select.events(
            ds,
            within=select.period(since, until),
            countries=_countries(ds, country),
            kinds=_terms(kind, ds.vocabulary.event_kinds, "kind"),
        )
        return event_listing(ds, found)

    return build


@listing_command
def sectors(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A sector id: list its documents and commitments.", autocompletion=complete.sectors, show_default=False
        ),
    ] = None,
) -> Build:
    """List sectors with counts, or one sector's documents and commitments.

    \b
    Examples:
    silkcli sectors
    silkcli sectors mining --cite
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.lookups import sector_detail_listing, sector_listing

        if name is None:
            return sector_listing(ds)
        (sector,) = select.resolve([name], select.term_choices(ds.sectors), "sector")
        return sector_detail_listing(ds, sector)

    return build


@listing_command
def commitments(
    sector: SectorOpt = None,
    country: Annotated[
        Many,
        option("--country", help="Which side: country code or name (repeatable).", values=complete.countries),
    ] = None,
    kind: Annotated[
        Many,
        option("--kind", help="agreed, asked, plans or expects (repeatable).", values=complete.commitment_kinds),
    ] = None,
) -> Build:
    """List what the sides agreed, asked or plan, by sector.

    \b
    Examples:
    silkcli commitments --kind asked
    silkcli commitments --sector hydropower --cite
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.records import commitment_listing

        found = select.commitments(
            ds,
            sectors=_terms(sector, ds.sectors, "sector"),
            countries=_countries(ds, country),
            kinds=select.resolve(kind or [], select.COMMITMENT_KINDS, "kind"),
        )
        return commitment_listing(ds, found)

    return build


@listing_command
def reserves(
    mineral: Annotated[
        str | None,
        option("--mineral", help="Mineral topic [default: the dataset's only one].", values=complete.minerals),
    ] = None,
    country: CountryOpt = None,
    top: Annotated[
        int | None,
        option("--top", min=1, help="Only countries ranked N or better (plus the world total)."),
    ] = None,
) -> Build:
    """Reserves and production by country, with shares and ranks.

    Shares against a world total the source gives only as a lower bound
    (">2,000,000") are upper bounds, and are marked so.

    \b
    Examples:
    silkcli reserves --top 5
    silkcli reserves --country KG -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select, shares
        from silkcli.listings.figures import reserve_listing

        topics = shares.mineral_topics(ds)
        if mineral is None and len(topics) != 1:
            raise UsageError(f"choose a mineral with --mineral: {', '.join(topics) or 'none in this dataset'}")
        (topic,) = select.resolve([mineral], topics, "mineral") if mineral else topics
        return reserve_listing(ds, topic, countries=_countries(ds, country), top=top)

    return build


@listing_command
def stats(
    topic: Annotated[Many, option("--topic", help="Topic (repeatable).", values=complete.topics)] = None,
) -> Build:
    """Key figures and the claims made about them, with sources.

    A claim that a discrepancy record disputes names that record.

    \b
    Examples:
    silkcli stats
    silkcli stats --topic antimony --fields id,value,computed,discrepancy
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings.figures import key_figure_listing

        return key_figure_listing(ds, _terms(topic, ds.vocabulary.topics, "topic"))

    return build


@listing_command
def quotes(person: PersonOpt = None) -> Build:
    """List the words the sources quote.

    \b
    Examples:
    silkcli quotes
    silkcli quotes --person Yoon -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.records import quote_listing

        return quote_listing(ds, select.quotes(ds, persons=select.resolve_people(ds, person or [])))

    return build


@listing_command
def search(
    text: Annotated[list[str], typer.Argument(help="Words to find, all of them (case-insensitive).")],
    kind: Annotated[
        Many,
        option("--kind", help="Record kind or listing command to search (repeatable).", values=complete.record_kinds),
    ] = None,
) -> Build:
    """Find the records that hold every word of TEXT, best matches first.

    A match in a name or title ranks before one elsewhere, whole words before parts of words.

    \b
    Examples:
    silkcli search antimony
    silkcli search small hydropower
    silkcli search hydropower --kind agreements --kind commitments
    """
    words = " ".join(text)
    if not words.strip():
        raise UsageError("search needs some text to look for")

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.dataset.kinds import all_kinds
        from silkcli.listings import select
        from silkcli.listings.search import search_listing

        kinds = [select.Choice(k, aliases=kind_words(k)) for k in all_kinds()]
        return search_listing(ds, words, select.resolve(kind or [], kinds, "kind"))

    return build


def kind_words(kind: str) -> tuple[str, ...]:
    """The other words ``search --kind`` takes for ``kind``: the names of the commands that list it, each also
    in the singular, and what one record of it is called."""
    from silkcli.dataset.kinds import one_of, singular

    names = [name for c in COMMANDS if c.lists == kind for name in (c.name, *c.aliases)]
    words = dict.fromkeys([*names, *map(one_of, names), singular(kind)])
    return tuple(word for word in words if word != kind)


@record_command
def show(
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="Record id, the end of one, or a name.", autocompletion=complete.record_ids),
    ],
) -> Build:
    """Show one record in full, with its source and what refers to it.

    \b
    Examples:
    silkcli show edcf-framework-arrangement
    silkcli show Japarov
    silkcli show KG -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings.record_view import find_record, record_listing

        return record_listing(ds, *find_record(ds, ident))

    return build


@listing_command
def sources() -> Build:
    """List the sources and how many records cite each.

    \b
    Examples:
    silkcli sources
    silkcli sources --fields id,url -f csv
    silkcli sources -f bibtex > silkcli.bib
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings.records import source_listing

        return source_listing(ds)

    return build


@listing_command
def progress() -> Build:
    """List each document with its latest step after signing, that step's date and its source.

    A document with no step found says so as of the date of the data; `show ID` lists every step.

    \b
    Examples:
    silkcli progress
    silkcli progress --fields id,latest,step,steps -f json
    silkcli progress --cite -f csv
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.progress import progress_listing

        return progress_listing(ds, select.documents(ds))

    return build
