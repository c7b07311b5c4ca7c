"""What a filter's values name: one list of spellings per kind of thing, read the same by every filter.

A country answers to its code, alpha-3 code, name, official name and the other names the data says it
is called by (``Korea``), whether ``--country``, ``--party`` or ``show`` reads it; a person to the id, the name
or either end of it; a vocabulary term to its id or name. ``--party`` takes a country by any of
those names (:func:`silkcli.listings.select.party_matcher`), and only a text that names no country is
looked for in the bodies' names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from silkcli.errors import UsageError, suggest
from silkcli.plain import Plain

if TYPE_CHECKING:  # the stored rows' answers read names without the model (listings.stored)
    from silkcli.dataset import model as m

_MAX_LISTED = 40


class Choice(Plain):
    """One valid value of a filter: its id, the name lists show beside it, and other spellings it answers to."""

    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    #: spellings (lower case) a run says how it read, the first time, with what it says
    readings: tuple[tuple[str, str], ...] = ()


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
    found = lookup(value, choices, what)
    if found is None:
        raise unknown(value, choices, what)
    return found


def lookup(value: str, choices: Sequence[Choice], what: str) -> str | None:
    """:func:`resolve_one`, None when no choice answers to ``value`` (an ambiguous one is still an error).

    A name a choice says how it reads (a country's ``also_called``: ``Korea``) is noted, once a run
    (see :func:`take_readings`).
    """
    needle = value.strip().lower()
    for choice in choices:
        if choice.id.lower() == needle:
            return choice.id
    named = [c for c in choices if needle in {a.lower() for a in (c.name or "", *c.aliases)}]
    if len({c.id for c in named}) == 1:
        for spelling, note in named[0].readings:
            if spelling == needle:
                _READINGS.setdefault(needle, note)
        return named[0].id
    if named:
        raise UsageError(f"{what} '{value}' is ambiguous", hint="it could be: " + ", ".join(listed(c) for c in named))
    return None


#: the notes on the names read so far in this run, until the command prints them
_READINGS: dict[str, str] = {}


def take_readings() -> list[str]:
    """The notes on names read since the last call (each once), and forget them."""
    notes = list(_READINGS.values())
    _READINGS.clear()
    return notes


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
    """Countries by code, alpha-3 code, name, official name or another name they are called by (``only``
    these codes, if given).

    The one list of what a country answers to: ``--country``, ``--party`` and ``show`` all read it.
    """
    keep = None if only is None else set(only)
    return [
        Choice(
            c.id,
            c.name,
            tuple(a for a in (c.alpha3, c.official_name, *c.also_called) if a),
            tuple((name.lower(), _reading(c, name, ds.countries)) for name in c.also_called),
        )
        for c in ds.countries
        if keep is None or c.id in keep
    ]


def _reading(country: m.Country, name: str, countries: Iterable[m.Country]) -> str:
    """``'Korea' is read as KR, South Korea (Republic of Korea); North Korea is KP``: what a name is taken
    for, and the other countries whose names hold it."""
    official = f" ({country.official_name})" if country.official_name else ""
    said = f"'{name}' is read as {country.id}, {country.name}{official}"
    words = name.lower().split()
    others = [f"{c.name} is {c.id}" for c in countries if c.id != country.id and _holds(c.name.lower().split(), words)]
    return "; ".join([said, *others])


def _holds(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` is a run of whole words of ``words``."""
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def person_choices(ds: m.Dataset) -> list[Choice]:
    """People by id, full name, or a surname (the first or the last word of the name)."""
    return [Choice(p.id, p.name, _surnames(p.name)) for p in ds.people]


def _surnames(name: str) -> tuple[str, ...]:
    words = name.split()
    return (words[0], words[-1]) if len(words) > 1 else ()


def term_choices(terms: Iterable[m.VocabTerm | m.Sector]) -> list[Choice]:
    """Vocabulary terms (and sectors) by id or display name; lists show the id alone, a readable word already."""
    return [Choice(t.id, aliases=(t.name,)) for t in terms]
