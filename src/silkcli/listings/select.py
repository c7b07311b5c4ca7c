"""Pure selection: filters in, records out, in a stable documented order.

Filter rules, the same for every command: repeating a filter ORs its values,
different filters AND, values match case-insensitively, and an unknown value
is a :class:`~silkcli.errors.UsageError` with a did-you-mean and the valid
values taken from the dataset. ``--since``/``--until`` accept ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``; a record dated only to a month or a year
matches when its whole period lies inside the range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from silkcli.dataset import model as m
from silkcli.dataset.store import Between, store_of
from silkcli.errors import UsageError, suggest
from silkcli.listings.names import (
    Choice,
    country_choices,
    listed,
    lookup,
    person_choices,
    resolve,
    resolve_one,
    split_values,
    take_readings,
    term_choices,
    unknown,
)
from silkcli.plain import Plain

#: name resolution lives in :mod:`silkcli.listings.names`; callers find it here too
__all__ = [
    "Choice",
    "country_choices",
    "lookup",
    "person_choices",
    "resolve",
    "resolve_one",
    "split_values",
    "take_readings",
    "term_choices",
    "unknown",
]
COMMITMENT_KINDS = m.COMMITMENT_KINDS


def resolve_people(ds: m.Dataset, values: Sequence[str]) -> frozenset[str]:
    """``resolve(values, person_choices(ds), "person")``; when every value is a person's id, found
    from the ids alone (a compiled entry then reads only those people)."""
    if not values:
        return frozenset()
    parts = split_values(values)
    if parts and all(value.replace(",", "").strip() for value in values):
        found = [store_of(ds).first_with_id(part.lower()) for part in parts]
        if all(hit is not None and hit[0] == "people" for hit in found):
            return frozenset(hit[1].id for hit in found if hit is not None)
    return resolve(values, person_choices(ds), "person")


class Period(Plain):
    """A closed date range; either end may be open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, first: dt.date, last: dt.date) -> bool:
        """Whether the whole period first..last lies inside this range."""
        return (self.start is None or first >= self.start) and (self.end is None or last <= self.end)

    @property
    def bounds(self) -> Between | None:
        """The range as :meth:`~silkcli.dataset.store.Store.select` takes it; None when it is all time."""
        return None if self.start is None and self.end is None else (self.start, self.end)


#: no bounds at all
ALL_TIME = Period()


def period(since: str | None, until: str | None) -> Period:
    """The range ``--since``/``--until`` describe (each end's whole period counts); an empty one is an error."""
    found = Period(
        _bound(since, "--since").first() if since else None, _bound(until, "--until").last() if until else None
    )
    if found.start is not None and found.end is not None and found.start > found.end:
        raise UsageError(f"--since {since} is after --until {until}", hint="swap them, or drop one")
    return found


def _bound(text: str, option: str) -> m.PartialDate:
    try:
        return m.PartialDate.parse(text.strip())
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _dated(date: m.PartialDate, end: m.PartialDate | None = None) -> tuple[dt.date, dt.date]:
    return date.first(), (end or date).last()


def documents(
    ds: m.Dataset,
    *,
    sectors: frozenset[str] = frozenset(),
    types: frozenset[str] = frozenset(),
    parties: Sequence[str] = (),
    signatories: frozenset[str] = frozenset(),
    statuses: frozenset[str] = frozenset(),
    within: Period = ALL_TIME,
    summit: bool | None = None,
) -> list[m.Document]:
    """Documents in signing order (file order within a day); one dated only to a month comes after that month's days."""
    matchers = party_matchers(ds, parties)
    # --party values that are all countries are asked of the store as the other filters are (a text
    # matched in a ministry's name is not, so then the documents the other filters leave are tested)
    countries = frozenset(p.country for p in matchers if p.country) if all(p.country for p in matchers) else ()
    where = {
        "sectors": sectors,
        "type": types,
        "status": statuses,
        "parties.signatory": signatories,
        "parties.country": countries,
        "summit": () if summit is None else (summit,),
    }
    unbounded = within == ALL_TIME  # no date to compute per document
    found = [
        d
        for d in store_of(ds).select("documents", where, starting=within.bounds)
        if (unbounded or within.contains(*_dated(d.signed)))
        and (countries or not matchers or any(any(match(p) for p in d.parties) for match in matchers))
    ]
    return sorted(found, key=lambda d: d.signed.end_sort_key())


def party_matchers(ds: m.Dataset, values: Sequence[str]) -> list[_PartyMatch]:
    """A test per ``--party`` value; a value with commas is one value when it names a body as it is."""
    found = []
    for value in values:
        try:
            found.append(party_matcher(ds, value))
        except UsageError:
            parts = split_values([value])
            if "," not in value or not parts:
                raise
            found += [party_matcher(ds, part) for part in parts]
    return found


def party_matcher(ds: m.Dataset, value: str) -> _PartyMatch:
    """A test for one ``--party`` value: a country, by any name ``--country`` takes; else text in a body's name.

    So ``Korea`` is South Korea's documents, not those of bodies with "Korea" in their names.
    """
    needle = value.strip().lower()
    country = lookup(value, country_choices(ds), "party") if needle else None
    if country is not None:
        return _PartyMatch(country=country)
    signing = country_choices(ds, only=signing_countries(ds))
    bodies = {b for d in ds.documents for p in d.parties for b in (p.body, p.native_body) if b}
    if any(ch.isalnum() for ch in needle) and any(needle in body.lower() for body in bodies):
        return _PartyMatch(text=needle)
    spellings = [s for c in signing for s in (c.id, c.name or "", *c.aliases) if s] + sorted(bodies)
    by_lower = {s.lower(): s for s in spellings}
    raise UsageError(
        f"unknown party '{value}'{suggest(needle, by_lower, spelled=by_lower)}",
        hint=f"valid party values: a signing country ({', '.join(listed(c) for c in signing)}) "
        "or part of a ministry or agency name",
    )


def signing_countries(ds: m.Dataset) -> set[str]:
    """The countries that sign some document."""
    return {c.id for c in ds.countries}.intersection(store_of(ds).values("documents", "parties.country"))


class _PartyMatch(Plain):
    country: str | None = None
    text: str | None = None

    def __call__(self, party: m.Party) -> bool:
        if self.country is not None:
            return party.country == self.country
        names = (party.body, party.native_body)
        return self.text is not None and any(self.text in name.lower() for name in names if name)


def people(
    ds: m.Dataset, *, countries: frozenset[str] = frozenset(), roles: frozenset[str] = frozenset()
) -> list[m.Person]:
    """People in dataset order."""
    return store_of(ds).select("people", {"country": countries, "role": roles})


def events(
    ds: m.Dataset,
    *,
    within: Period = ALL_TIME,
    countries: frozenset[str] = frozenset(),
    kinds: frozenset[str] = frozenset(),
) -> list[m.Event]:
    """Events oldest first (a less precise date before a precise one on the same start)."""
    unbounded = within == ALL_TIME
    found = [
        e
        for e in store_of(ds).select("events", {"countries": countries, "kind": kinds}, starting=within.bounds)
        if unbounded or within.contains(*_dated(e.date, e.end))
    ]
    return sorted(found, key=lambda e: e.date.sort_key())


def commitments(
    ds: m.Dataset,
    *,
    sectors: frozenset[str] = frozenset(),
    countries: frozenset[str] = frozenset(),
    kinds: frozenset[str] = frozenset(),
) -> list[m.Commitment]:
    """Commitments in dataset order."""
    return store_of(ds).select("commitments", {"sector": sectors, "countries": countries, "kind": kinds})


def quotes(ds: m.Dataset, *, persons: frozenset[str] = frozenset()) -> list[m.Quote]:
    """Quotes in dataset order."""
    return store_of(ds).select("quotes", {"person": persons})
