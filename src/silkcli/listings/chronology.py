"""Dates as people read them, and which of two publications came first.

A date known only to the month or the year says so in words people read
(``2024-12 (day unknown)``); machine formats keep the exact ``2024-12``. A
source with no known date is cited as ``n.d.``: no date is ever guessed, not
even from a URL. A claim compared with data published after it says so;
that is derived from the publication dates, never written by hand.
"""

from __future__ import annotations

from collections.abc import Mapping

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.listings.listing import NO_DATE as NO_DATE  # said where the renderers read it without the model
from silkcli.listings.listing import UNKNOWN_PART as UNKNOWN_PART
from silkcli.plain import Plain


def readable(date: m.PartialDate) -> str:
    """``2024-12-03``, ``2024-12 (day unknown)``, ``2025 (month unknown)``."""
    part = UNKNOWN_PART.get(date.precision)
    return f"{date} ({part})" if part else str(date)


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def in_words(date: m.PartialDate) -> str:
    """A date as prose writes it: ``3 December 2024``, ``December 2024``, ``2024``."""
    if date.month is None:
        return str(date.year)
    month = f"{_MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {month}" if date.day is not None else month


def cited_date(published: m.PartialDate | str | None) -> str:
    """A source's date in a citation: ``2024-12-04``, ``2024-12`` or ``n.d.``."""
    return str(published) if published is not None else NO_DATE


class ClaimDate(Plain):
    """The date a claim is from, and how that is known."""

    date: m.PartialDate | None
    #: ``published`` (its source's date), ``as of`` (the date the claim states), or empty when unknown
    basis: str


def claim_date(sources: Mapping[str, m.Source], claim: m.Statistic) -> ClaimDate:
    """The claim's source's publication date, else the date the claim says it is as of."""
    source = sources.get(pv.source_of(claim) or "")
    if source is not None and source.published is not None:
        return ClaimDate(source.published, "published")
    if claim.as_of is not None:
        return ClaimDate(claim.as_of, "as of")
    return ClaimDate(None, "")


def published_after(later: m.PartialDate | None, earlier: m.PartialDate | None) -> bool | None:
    """Whether ``later`` certainly comes after ``earlier`` (their periods do not overlap); None if either is unknown."""
    if later is None or earlier is None:
        return None
    if later.first() > earlier.last():
        return True
    return False if later.last() <= earlier.first() else None
