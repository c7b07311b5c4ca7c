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
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from silkcli.dataset import model as m
from silkcli.errors import UsageError, suggest

_MAX_LISTED = 40
COMMITMENT_KINDS = m.COMMITMENT_KINDS


def resolve(values: Sequence[str], valid: Iterable[str], what: str) -> frozenset[str]:
    """Map user values to the dataset's spelling, case-insensitively."""
    by_lower = {v.lower(): v for v in valid}
    chosen = set()
    for value in values:
        canonical = by_lower.get(value.strip().lower())
        if canonical is None:
            hint = suggest(value.strip().lower(), by_lower, spelled=by_lower)
            names = sorted(by_lower.values(), key=str.lower)
            listed = ", ".join(names[:_MAX_LISTED]) + (
                f", … ({len(names) - _MAX_LISTED} more)" if len(names) > _MAX_LISTED else ""
            )
            raise UsageError(f"unknown {what} '{value}'{hint}", hint=f"valid {what} values: {listed}")
        chosen.add(canonical)
    return frozenset(chosen)


class Period(NamedTuple):
    """A closed date range; either end may be open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, first: dt.date, last: dt.date) -> bool:
        """Whether the whole period first..last lies inside this range."""
        return (self.start is None or first >= self.start) and (self.end is None or last <= self.end)


#: no bounds at all
ALL_TIME = Period()


def period(since: str | None, until: str | None) -> Period:
    """The range ``--since``/``--until`` describe (each end's whole period counts)."""
    return Period(
        _bound(since, "--since").first() if since else None, _bound(until, "--until").last() if until else None
    )


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
    statuses: frozenset[str] = frozenset(),
    within: Period = ALL_TIME,
    summit: bool | None = None,
) -> list[m.Document]:
    """Documents in signing order (file order within a day); one dated only to a month comes after that month's days."""
    matchers = [party_matcher(ds, p) for p in parties]
    unbounded = within == ALL_TIME  # no date to compute per document
    found = [
        d
        for d in ds.documents
        if (not sectors or sectors.intersection(d.sectors))
        and (not types or d.type in types)
        and (not statuses or d.status in statuses)
        and (summit is None or d.summit is summit)
        and (unbounded or within.contains(*_dated(d.signed)))
        and (not matchers or any(any(match(p) for p in d.parties) for match in matchers))
    ]
    return sorted(found, key=lambda d: d.signed.end_sort_key())


def party_matcher(ds: m.Dataset, value: str) -> _PartyMatch:
    """A test for one ``--party`` value: a country code or name, or text in a body's name."""
    needle = value.strip().lower()
    for country in ds.countries:
        if needle in (country.id.lower(), country.name.lower()):
            return _PartyMatch(country=country.id)
    bodies = {p.body for d in ds.documents for p in d.parties if p.body}
    if any(needle in body.lower() for body in bodies):
        return _PartyMatch(text=needle)
    choices = sorted({c.id for c in ds.countries if any(c.id == p.country for d in ds.documents for p in d.parties)})
    hint = suggest(value, [c.id for c in ds.countries] + sorted(bodies))
    raise UsageError(
        f"unknown party '{value}'{hint}",
        hint=f"valid party values: a country code ({', '.join(choices)}) or part of a ministry or agency name",
    )


class _PartyMatch(NamedTuple):
    country: str | None = None
    text: str | None = None

    def __call__(self, party: m.Party) -> bool:
        if self.country is not None:
            return party.country == self.country
        return party.body is not None and self.text is not None and self.text in party.body.lower()


def people(
    ds: m.Dataset, *, countries: frozenset[str] = frozenset(), roles: frozenset[str] = frozenset()
) -> list[m.Person]:
    """People in dataset order."""
    return [p for p in ds.people if (not countries or p.country in countries) and (not roles or p.role in roles)]


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
        for e in ds.events
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
        for c in ds.commitments
        if (not sectors or c.sector in sectors)
        and (not countries or countries.intersection(c.countries))
        and (not kinds or c.kind in kinds)
    ]


def quotes(ds: m.Dataset, *, persons: frozenset[str] = frozenset()) -> list[m.Quote]:
    """Quotes in dataset order."""
    return [q for q in ds.quotes if not persons or q.person in persons]


def find_record(ds: m.Dataset, ident: str) -> tuple[str, m.Record | m.Source]:
    """The record (or source) with this id, and its kind; case-insensitive."""
    candidates: dict[str, tuple[str, m.Record | m.Source]] = {}
    for kind, record in m.iter_records(ds, sources=True):
        candidates.setdefault(record.id, (kind, record))
    (canonical,) = resolve([ident], candidates, "id")
    return candidates[canonical]
