"""The listing that shows each record kind: what completion (``--fields``) and the published column
descriptions read a kind's columns from. Each builder declares its kind where it is written
(:func:`~silkcli.listings.listing.lists`); nothing here names a kind."""

from __future__ import annotations

from silkcli.dataset import model as m
from silkcli.listings import figures, lookups, records, subjects  # noqa: F401 - their builders declare their kinds
from silkcli.listings.listing import KIND_LISTINGS, Listing


def kind_listing(ds: m.Dataset, kind: str, *, empty: bool = False) -> Listing | None:
    """The listing of the records of ``kind`` in ``ds``, or None for a kind no listing shows (the partnership,
    which ``show`` gives). With ``empty``, a listing built from a list of records is built on none of them:
    its columns alone, for whoever reads only those."""
    found = KIND_LISTINGS.get(kind)
    if found is None:
        return None
    build, of_records = found
    return build(ds, () if empty else getattr(ds, kind)) if of_records else build(ds)
