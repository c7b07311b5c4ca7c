"""Writing the bundled dataset's listings as rows (:mod:`silkcli.listings.stored`), when the wheel is built.

Each listing command is run without filters through its own builder, over the dataset the build
validated; a row keeps the value of every column (those bound to the fields shown, ``--cite``'s, as the
default fields show them, where they do), and the values of the filter keys that
:data:`~silkcli.listings.stored.FILTERS` names.
"""

from __future__ import annotations

import importlib
import inspect

from silkcli.cli.commands import COMMANDS
from silkcli.cli.listing_run import COMMON_OPTIONS
from silkcli.dataset import model as m
from silkcli.dataset.cache.keys import source_key
from silkcli.dataset.store import field_values
from silkcli.listings.listing import Layout, Listing, Row
from silkcli.listings.names import Choice, country_choices, person_choices, term_choices
from silkcli.listings.stored import FILTERS, Stored, bound_to_fields, rows_file


def rows_bytes(source: bytes, ds: m.Dataset) -> bytes:
    """The rows file of ``ds``, read from the bytes ``source``: every listing command that runs without
    arguments and whose listing is rows, with the choices its filters read."""
    every = choices_of(ds)
    listings: dict[str, Stored] = {}
    for command in COMMANDS:
        own = getattr(importlib.import_module(f"silkcli.cli.{command.module}"), command.name)
        if getattr(own, "output_options", None) != COMMON_OPTIONS or _required(own):
            continue  # a record shown whole, a command that needs an argument, or not a listing
        listing = own()(ds)
        if _plain_rows(listing):
            filters = FILTERS.get(command.name, {})
            keys = tuple({f.key: _key(record, f.key) for f in filters.values()} for record in listing.rows)
            choices = {f.choices: every[f.choices] for f in filters.values()}
            listings[command.name] = _stored(listing, ds, keys, choices)
    return rows_file(source_key(source, m.SCHEMA_VERSION).parts, listings)


def _required(function: object) -> bool:
    """Whether the command needs an argument (``search TEXT``, ``show ID``)."""
    return any(p.default is inspect.Parameter.empty for p in inspect.signature(function).parameters.values())  # type: ignore[arg-type]


def _plain_rows(listing: Listing) -> bool:
    """Whether the listing is rows, each about one record, with nothing said about them but its notes."""
    blank = Listing(listing.kind, listing.columns, listing.default, listing.rows, notes=listing.notes, bar=listing.bar)
    return listing.layout is Layout.rows and listing._replace(as_of=None) == blank


def _stored(
    listing: Listing, ds: m.Dataset, keys: tuple[dict[str, list[str]], ...], choices: dict[str, list[Choice]]
) -> Stored:
    """The listing with each row's values: a column bound to the fields shown as the default fields show
    it (where they show it at all: ``stats`` shows its source), every other one as it is."""
    bound = [c for c in listing.columns if bound_to_fields(c)]
    default = [c._replace(get=c.get.for_fields(listing.default)) for c in bound if c.name in listing.default]  # type: ignore[union-attr]
    kept = [*(c for c in listing.columns if not bound_to_fields(c)), *default]
    rows: list[Row] = [{c.name: c.value(record) for c in kept} for record in listing.rows]
    dated = listing._replace(rows=rows, as_of=listing.as_of or ds.meta.as_of())
    return Stored(dated, keys, choices, frozenset(c.name for c in bound))


def _key(record: object, path: str) -> list[str]:
    return sorted({str(v) for v in field_values(record, path.split("."))})


def choices_of(ds: m.Dataset) -> dict[str, list[Choice]]:
    """Every list of choices a stored filter reads, as the command's own builder reads it."""
    return {
        "sectors": term_choices(ds.sectors),
        "document_types": term_choices(ds.vocabulary.document_types),
        "statuses": term_choices(ds.vocabulary.statuses),
        "countries": country_choices(ds),
        "roles": term_choices(ds.vocabulary.roles),
        "event_kinds": term_choices(ds.vocabulary.event_kinds),
        "commitment_kinds": [Choice(kind) for kind in m.COMMITMENT_KINDS],
        "people": person_choices(ds),
    }
