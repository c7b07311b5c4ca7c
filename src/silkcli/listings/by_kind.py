"""The listing that shows each record kind: what completion (``--fields``) and the published column
descriptions read a kind's columns from. A new kind's listing builder gets its line here."""

from __future__ import annotations

from silkcli.dataset import model as m
from silkcli.listings import figures, lookups, records, subjects
from silkcli.listings.listing import Listing


def kind_listing(ds: m.Dataset, kind: str, *, empty: bool = False) -> Listing | None:
    """The listing of the records of ``kind`` in ``ds``, or None for a kind no listing shows (the partnership,
    which ``show`` gives). With ``empty``, a listing built from a list of records is built on none of them:
    its columns alone, for whoever reads only those."""
    if kind == "documents":
        return records.document_listing(ds, () if empty else ds.documents)
    if kind == "people":
        return records.people_listing(ds, () if empty else ds.people)
    if kind == "events":
        return records.event_listing(ds, () if empty else ds.events)
    if kind == "commitments":
        return records.commitment_listing(ds, () if empty else ds.commitments)
    if kind == "quotes":
        return records.quote_listing(ds, () if empty else ds.quotes)
    if kind == "discrepancies":
        return subjects.discrepancy_listing(ds, () if empty else ds.discrepancies)
    whole = {
        "sources": records.source_listing,
        "statistics": figures.key_figure_listing,
        "sectors": lookups.sector_listing,
        "countries": subjects.country_listing,
    }
    return whole[kind](ds) if kind in whole else None
