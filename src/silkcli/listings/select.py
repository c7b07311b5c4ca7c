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

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.store import Between, store_of
from silkcli.errors import UsageError, suggest

_MAX_LISTED = 40
COMMITMENT_KINDS = m.COMMITMENT_KINDS


class Choice(msgspec.Struct, frozen=True):
    """One valid value of a filter: its id, the name lists show beside it, and other spellings it answers to."""

    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()


Choices = Iterable[str | Choice]


def split_values(values: Iterable[str]) -> list[str]:
    """``--sector mining,energy`` as ``--sector mining --sector energy`` (empty parts dropped)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def resolve(values: Sequence[str], valid: Choices, what: str) -> frozenset[str]:
    """Map user values (ids, names or other spellings; comma-separated too) to ids, case-insensitively."""
    choices = [c if isinstance(c, Choice) else Choice(c) for c in valid]
    if any(not value.replace(",", "").strip() for value in values):
        raise unknown("", choices, what)
    return frozenset(resolve_one(value, choices, what) for value in split_values(values))


def resolve_one(value: str, choices: Sequence[Choice], what: str) -> str:
    """The id one value names: an id first, then a name or alias that only one choice has."""
    needle = value.strip().lower()
    for choice in choices:
        if choice.id.lower() == needle:
            return choice.id
    named = [c for c in choices if needle in {a.lower() for a in (c.name or "", *c.aliases)}]
    if len({c.id for c in named}) == 1:
        return named[0].id
    if named:
        raise UsageError(f"{what} '{value}' is ambiguous", hint="it could be: " + ", ".join(listed(c) for c in named))
    raise unknown(value, choices, what)


def listed(choice: Choice) -> str:
    """``KG Kyrgyzstan``: an id with the name beside it (just the id when they read the same)."""
    if choice.name is None or choice.name.lower() == choice.id.lower():
        return choice.id
    return f"{choice.id} {choice.name}"


def unknown(value: str, choices: Sequence[Choice], what: str, *, extra: str = "") -> UsageError:
    """The error for a value no choice answers to: a did-you-mean from ids and names, and the valid values."""
    spelled = {}
    for choice in choices:
        for spelling in (*(c for c in (choice.name, *choice.aliases) if c), choice.id):
            spelled[spelling.lower()] = spelling
    hint = suggest(value.strip().lower(), spelled, spelled=spelled)
    names = sorted((listed(c) for c in {c.id: c for c in choices}.values()), key=str.lower)
    shown = ", ".join(names[:_MAX_LISTED]) + (
        f", … ({len(names) - _MAX_LISTED} more)" if len(names) > _MAX_LISTED else ""
    )
    return UsageError(f"unknown {what} '{value}'{hint}", hint=f"valid {what} values: {shown}{extra}")


def country_choices(ds: m.Dataset, only: Iterable[str] | None = None) -> list[Choice]:
    """Countries by code, alpha-3 code, name or official name (``only`` these codes, if given)."""
    keep = None if only is None else set(only)
    return [
        Choice(c.id, c.name, tuple(a for a in (c.alpha3, c.official_name) if a))
        for c in ds.countries
        if keep is None or c.id in keep
    ]


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


def person_choices(ds: m.Dataset) -> list[Choice]:
    """People by id, full name, or a surname (the first or the last word of the name)."""
    return [Choice(p.id, p.name, _surnames(p.name)) for p in ds.people]


def _surnames(name: str) -> tuple[str, ...]:
    words = name.split()
    return (words[0], words[-1]) if len(words) > 1 else ()


def term_choices(terms: Iterable[m.VocabTerm | m.Sector]) -> list[Choice]:
    """Vocabulary terms (and sectors) by id or display name; lists show the id alone, a readable word already."""
    return [Choice(t.id, aliases=(t.name,)) for t in terms]


class Period(msgspec.Struct, frozen=True):
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
    """A test for one ``--party`` value: a signing country's code, alpha-3 code or name, or text in a body's name."""
    needle = value.strip().lower()
    signing = country_choices(ds, only=signing_countries(ds))
    for choice in signing:
        if needle in {s.lower() for s in (choice.id, choice.name or "", *choice.aliases)}:
            return _PartyMatch(country=choice.id)
    bodies = {p.body for d in ds.documents for p in d.parties if p.body}
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


class _PartyMatch(msgspec.Struct, frozen=True):
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
