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

import msgspec

from silkcli.dataset import model as m
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
    from the ids alone (a list read in part then reads only those people)."""
    if not values:
        return frozenset()
    parts = split_values(values)
    if parts and all(value.replace(",", "").strip() for value in values):
        found = [m.first_in(ds.people, part.lower()) for part in parts]
        if all(person is not None for person in found):
            return frozenset(person.id for person in found if person is not None)
    return resolve(values, person_choices(ds), "person")


class Period(msgspec.Struct, frozen=True):
    """A closed date range; either end may be open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, first: dt.date, last: dt.date) -> bool:
        """Whether the whole period first..last lies inside this range."""
        return (self.start is None or first >= self.start) and (self.end is None or last <= self.end)

    @property
    def bounds(self) -> m.Between | None:
        """The range as :func:`~silkcli.dataset.model.narrowed` takes it; None when it is all time."""
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
    # --party values that are all countries narrow by the index as the other filters do (a text
    # matched in a ministry's name cannot, so then every document is read)
    countries = frozenset(p.country for p in matchers if p.country) if all(p.country for p in matchers) else ()
    unbounded = within == ALL_TIME  # no date to compute per document
    found = [
        d
        for d in m.narrowed(
            ds.documents,
            within.bounds,
            sector=sectors,
            type=types,
            status=statuses,
            signatory=signatories,
            party=countries,
            summit=() if summit is None else (summit,),
        )
        if (not sectors or sectors.intersection(d.sectors))
        and (not types or d.type in types)
        and (not statuses or d.status in statuses)
        and (summit is None or d.summit is summit)
        and (unbounded or within.contains(*_dated(d.signed)))
        and (not matchers or any(any(match(p) for p in d.parties) for match in matchers))
        and (not signatories or any(p.signatory in signatories for p in d.parties))
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
    """The countries that sign some document (a list read in part finds, for each country, the first
    document naming it as a party from its index, not by reading every one)."""
    return m.named_in(ds.documents, (c.id for c in ds.countries), lambda d: [p.country for p in d.parties])


class _PartyMatch(msgspec.Struct, frozen=True):
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
    return [
        p
        for p in m.narrowed(ds.people, country=countries, role=roles)
        if (not countries or p.country in countries) and (not roles or p.role in roles)
    ]


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
        for e in m.narrowed(ds.events, within.bounds, country=countries, kind=kinds)
        if (unbounded or within.contains(*_dated(e.date, e.end)))
        and (not countries or countries.intersection(e.countries))
        and (not kinds or e.kind in kinds)
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
    return [
        c
        for c in m.narrowed(ds.commitments, sector=sectors, country=countries, kind=kinds)
        if (not sectors or c.sector in sectors)
        and (not countries or countries.intersection(c.countries))
        and (not kinds or c.kind in kinds)
    ]


def quotes(ds: m.Dataset, *, persons: frozenset[str] = frozenset()) -> list[m.Quote]:
    """Quotes in dataset order."""
    return [q for q in m.narrowed(ds.quotes, person=persons) if not persons or q.person in persons]
