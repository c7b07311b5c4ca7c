"""The dataset's records: frozen, typed, and declared once for msgspec.

This module does no I/O. The same declarations validate YAML (through
``store``), decode the JSON and msgpack forms, and produce the published JSON
Schema, so there is exactly one definition of the format.

No ``from __future__ import annotations`` here, on purpose: msgspec reads the
field annotations when it first builds a decoder, and evaluating them from
strings then (``typing._eval_type``) costs a query about 4 ms; evaluated as the
classes are created they cost a fraction of that.
"""

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, TypeGuard

import msgspec
from msgspec import Meta, Struct

from silkcli.dataset.paths import SCHEMA_VERSION as SCHEMA_VERSION  # said once, where start-up reads it

#: End of text. A bare ``$`` also matches before a final newline in Python's
#: re (which msgspec uses), so "KR\n" would pass ``^[A-Z]{2}$``; the lookahead
#: rules that out and reads the same in a JSON Schema (ECMA-262) validator.
END = r"$(?!\n)"

Id = Annotated[
    str,
    Meta(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*" + END,
        extra={"says": "an id (letters, digits, '.', '_' or '-')"},
        max_length=80,
        description="Identifier: letters, digits, '.', '_' or '-'.",
    ),
]


#: Marks a field as a *fact*: a value a source must support (``validate`` asks that a
#: citation cover it). Ids, notes, links between records and editorial labels are not
#: facts. The marker is metadata only: decoding does no extra work for it.
FACT = Meta(extra={"fact": True}, extra_json_schema={"x-fact": True})


def _refers_to(target: str, what: str) -> Meta:
    """A field naming another record by its id: ``target`` is the list (or vocabulary) it names.

    It is checked against the ids it may name (by ``checks``, with a did-you-mean),
    which is stricter than the id pattern, so the pattern is not run on it:
    references outnumber ids several times over, and matching each one cost a
    third of a large load.
    """
    return Meta(min_length=1, max_length=80, description=f"The id of {what}.", extra={"refers_to": target})


def _term_of(vocabulary: str, what: str) -> Meta:
    """A reference to a term of one of the vocabulary's lists (``vocabulary.roles``), which its description names."""
    return _refers_to(vocabulary, f"{what} (vocabulary.{vocabulary})")


#: The references that several fields make; a field that alone names its list says so in its own annotation.
SourceRef = Annotated[str, _refers_to("sources", "a source")]
CountryRef = Annotated[str, _refers_to("countries", "a country")]
PersonRef = Annotated[str, _refers_to("people", "a person")]
EventRef = Annotated[str, _refers_to("events", "an event")]
SectorRef = Annotated[str, _refers_to("sectors", "a sector")]
Text = Annotated[str, Meta(min_length=1, max_length=10_000, pattern=r"\S", extra={"says": "a text that is not blank"})]
Evidence = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=2_000,
        pattern=r"\S",
        description="A verbatim quote from the source.",
        extra={"says": "a text that is not blank"},
    ),
]


def _iso_code(letters: int, example: str) -> Meta:
    """An ISO 3166-1 code of ``letters`` capital letters (alpha-2 or alpha-3), such as ``example``."""
    return Meta(
        pattern=rf"^[A-Z]{{{letters}}}" + END,
        description=f"ISO 3166-1 alpha-{letters} code.",
        extra={"says": f"an ISO 3166 alpha-{letters} code such as '{example}'"},
    )


CountryCode = Annotated[str, _iso_code(2, "FR")]
CountryCode3 = Annotated[str, _iso_code(3, "FRA")]
#: Whole numbers are bounded as fractional ones are: a 400-digit integer would pass and
#: then overflow wherever it meets a float (shares, sorting, charts).
Number = Annotated[float, Meta(ge=-1e15, le=1e15)] | Annotated[int, Meta(ge=-(10**15), le=10**15)]

#: ``[0-9]``, not ``\d``: in Python ``\d`` also matches other scripts' digits ('２０２４'),
#: which the published schema (ECMA-262, where ``\d`` is ASCII) rejects.
#: Compiled when a date is first parsed (``re`` keeps it): a query on the bundled dataset parses none.
_DATE_PATTERN = r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?" + END


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate:
    """A calendar date known to the year, the month or the day.

    A day is never invented: ``PartialDate.parse("2024-06")`` covers the whole
    of June 2024, and :meth:`first` / :meth:`last` give the period's bounds.
    """

    __slots__ = ("year", "month", "day", "_text")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year = year
        self.month = month
        self.day = day
        self._text: str | None = None  # the text, once asked for: dates are printed, compared and hashed often

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        match = re.match(_DATE_PATTERN, text)
        if match is None:
            digits = " with the digits 0-9" if any(c.isdigit() and not c.isascii() for c in text) else ""
            raise ValueError(f"'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD{digits}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < 1 or (month is not None and not 1 <= month <= 12):
            raise ValueError(f"'{text}' is not a possible date")
        if month is not None and day is not None:
            if not 1 <= day <= _days_in_month(year, month):
                raise ValueError(f"'{text}' is not a possible date")
        return cls(year, month, day)

    @classmethod
    def from_checked(cls, text: str) -> "PartialDate":
        """The date written as ``text``, which :meth:`parse` accepted when the dataset was validated
        (a sealed cache entry's): split at its dashes, not matched and checked again."""
        date = cls(int(text[:4]), int(text[5:7]) if len(text) > 4 else None, int(text[8:]) if len(text) > 7 else None)
        date._text = text
        return date

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How precisely the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first(self) -> dt.date:
        """The first day of the period the date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        """The last day of the period the date covers."""
        month = self.month or 12
        day = self.day or _days_in_month(self.year, month)
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        if self._text is None:
            text = f"{self.year:04d}"
            if self.month is not None:
                text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
            self._text = text
        return self._text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def sort_key(self) -> tuple[dt.date, int]:
        """Order by start, then less precise first."""
        return (self.first(), 2 if self.day is not None else 1 if self.month is not None else 0)

    def end_sort_key(self) -> tuple[dt.date, int]:
        """Order by the period's last day, then more precise first.

        A date known only to the month sorts after every day of that month,
        and one known only to the year after every day and month of the year.
        """
        return (self.last(), 0 if self.day is not None else 1 if self.month is not None else 2)


#: Dates already parsed, by their text: a large dataset repeats the same few
#: thousand dates, and a PartialDate is never modified, so one is shared.
_PARSED: dict[str, PartialDate] = {}


def decode_hook(kind: type, value: Any) -> Any:
    """msgspec dec_hook: build a :class:`PartialDate` from its text."""
    if kind is PartialDate:
        if isinstance(value, str):
            date = _PARSED.get(value)
            if date is None:
                date = _PARSED[value] = PartialDate.parse(value)
            return date
        raise TypeError(f"Expected a date as text, got `{type(value).__name__}`")
    raise NotImplementedError(f"cannot decode {kind!r}")


def checked_decode_hook(kind: type, value: Any) -> Any:
    """msgspec dec_hook for what was validated when it was written (a sealed cache entry, or the bundled
    dataset's copy compiled when the wheel was built): a date's text was parsed then, so it is only
    split (at 100,000 documents, a tenth of a query's time)."""
    if kind is PartialDate and value.__class__ is str:
        date = _SPLIT.get(value)
        if date is None:
            date = _SPLIT[value] = PartialDate.from_checked(value)
        return date
    return decode_hook(kind, value)


#: Dates made by :func:`checked_decode_hook`, kept apart from :data:`_PARSED` so that what a file
#: is validated with never comes from a cache entry.
_SPLIT: dict[str, PartialDate] = {}


def encode_hook(value: Any) -> Any:
    """msgspec enc_hook: a :class:`PartialDate` is written as its text."""
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Sequence):  # a record list read from a compiled entry as it is used
        return tuple(value)
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


def schema_hook(kind: type) -> dict[str, Any]:
    """msgspec schema_hook: a :class:`PartialDate` is a patterned string."""
    if kind is PartialDate:
        return {
            "type": "string",
            "pattern": _DATE_PATTERN,
            "description": "A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    raise NotImplementedError(f"no schema for {kind!r}")


def is_struct_type(kind: Any) -> TypeGuard[type[Struct]]:
    """Whether a type annotation is a Struct class (``tuple[X, ...]`` is not, even on 3.10)."""
    # On Python 3.10, isinstance(tuple[X, ...], type) is True: rule out generic aliases first.
    return typing.get_origin(kind) is None and isinstance(kind, type) and issubclass(kind, Struct)


#: A struct's fields, read once per class: ``msgspec.structs.fields`` evaluates the annotations on each call,
#: and checking a large file's entry against the layout asked it 248 times (about 20 ms of every such query).
fields_of = functools.cache(msgspec.structs.fields)


def meta_extra(kind: Any, name: str) -> Any:
    """What a field's type declares under ``Meta(extra={name: …})``, looking through ``| None`` and tuples."""
    if typing.get_origin(kind) is Annotated:
        base, *metadata = typing.get_args(kind)
        for item in metadata:
            if isinstance(item, Meta) and item.extra and name in item.extra:
                return item.extra[name]
        return meta_extra(base, name)
    if typing.get_origin(kind) in (typing.Union, types.UnionType, tuple):
        found = [meta_extra(arg, name) for arg in typing.get_args(kind) if arg is not type(None) and arg is not ...]
        return next((f for f in found if f is not None), None)
    return None


#: A fact field a citation supports, by name (``date``, ``parties``).
FieldName = Annotated[
    str,
    Meta(
        pattern=r"^[a-z_]+" + END,
        max_length=40,
        description="The name of a fact field of the record (or nested struct) the citation is on.",
        extra={"says": "a field name such as 'date'"},
    ),
]


class Cite(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One citation: a verbatim quote from a source, and the fact fields it supports."""

    source: SourceRef
    quote: Evidence
    fields: Annotated[
        tuple[FieldName, ...],
        Meta(
            description=(
                "The fact fields this quote supports. Without it the quote supports the whole "
                "record, except the fields that some citation names."
            )
        ),
    ] = ()
    inferred: Annotated[
        bool, Meta(description="The values are inferred from the quote rather than stated in it (say how).")
    ] = False
    how: Annotated[Text, Meta(description="How an inferred value follows from the quote.")] | None = None

    def __post_init__(self) -> None:
        if self.inferred and self.how is None:
            raise ValueError("an inferred citation says `how` the value follows from the quote")
        if self.how is not None and not self.inferred:
            raise ValueError("`how` belongs to a citation marked `inferred: true`")


Cites = Annotated[
    tuple[Cite, ...],
    Meta(
        description=(
            "Citations beyond `source`/`evidence`, each supporting the fields it names. "
            "A field named by any citation is supported by those citations only."
        )
    ),
]


class Record(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """Base of every record: each fact in it is supported by a cited, verbatim quote.

    ``source`` + ``evidence`` is the short form of one citation that supports the
    whole record; ``cites`` adds citations for particular fields.
    """

    id: Id
    source: (
        Annotated[SourceRef, Meta(description="Short form: the source of a quote supporting the whole record.")] | None
    ) = None
    evidence: Annotated[Evidence, Meta(description="Short form: a verbatim quote from `source`.")] | None = None
    cites: Cites = ()
    note: Text | None = None


class VocabTerm(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One allowed value of a controlled field, with its display name."""

    id: Id
    name: Text


class Vocabulary(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """The controlled values the dataset's records may use."""

    document_types: tuple[VocabTerm, ...]
    statuses: tuple[VocabTerm, ...]
    event_kinds: tuple[VocabTerm, ...]
    roles: tuple[VocabTerm, ...]
    topics: tuple[VocabTerm, ...]
    metrics: tuple[VocabTerm, ...]


class DatasetInfo(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """What the dataset is, its version and when it was last revised."""

    title: Text
    version: Text
    updated: dt.date
    description: Text | None = None
    license: Text | None = None

    def as_of(self) -> str:
        """The date of the data as a person reads it: ``data as of 27 November 2026``."""
        return f"data as of {long_date(self.updated)}"


_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def long_date(day: dt.date) -> str:
    """``27 November 2026``."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


LanguageCode = Annotated[str, Meta(pattern=r"^[a-z]{2,3}" + END, extra={"says": "a language code such as 'en'"})]
FileName = Annotated[str, Meta(pattern=r"^[^/\\\n]+" + END, extra={"says": "a file name without '/' or '\\'"})]


#: What a source is, as a citation manager files it: a news report (its outlet the newspaper), a page a
#: government or official body publishes about its own work, a report or data publication (USGS's), or
#: any other web page (the kind to choose when unsure).
SourceKind = Literal["news", "official", "report", "webpage"]


class Source(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A publication the records cite."""

    id: Id
    title: Text
    publisher: Text
    kind: SourceKind = "webpage"
    url: Annotated[str, Meta(pattern=r"^https?://\S+" + END, extra={"says": "an http:// or https:// URL"})]
    published: PartialDate | None
    author: Text | None = None
    #: the part of ``author`` that is the family name, first (``Son`` of ``Son Ji-hyoung``) or last
    #: (``Klochko`` of ``Kateryna Klochko``) as the name is written; without it the name is kept whole
    author_family: Text | None = None
    language: (
        Annotated[str, Meta(pattern=r"^[a-z]{2,3}" + END, extra={"says": "a language code such as 'en'"})] | None
    ) = None
    archive: (
        Annotated[str, Meta(pattern=r"^[^/\\\n]+" + END, extra={"says": "a file name without '/' or '\\'"})] | None
    ) = None
    #: when the page was read, and whether from a stored copy rather than the live site
    accessed: PartialDate | None = None
    stored_copy: bool = False


class AuthorName(Struct, frozen=True, kw_only=True):
    """An author's name in parts: ``family_first`` where it is written family name first (``Son Ji-hyoung``)."""

    family: str
    given: str
    family_first: bool


def author_name(source: Source) -> AuthorName | None:
    """The parts of ``source``'s author, where ``author_family`` is its first or last part (None otherwise)."""
    author, family = source.author, source.author_family
    if author is None or family is None:
        return None
    words, family_words = author.split(), family.split()
    n = len(family_words)
    if 0 < n < len(words) and words[:n] == family_words:
        return AuthorName(family=" ".join(family_words), given=" ".join(words[n:]), family_first=True)
    if 0 < n < len(words) and words[-n:] == family_words:
        return AuthorName(family=" ".join(family_words), given=" ".join(words[:-n]), family_first=False)
    return None


class Country(Record, frozen=True, kw_only=True):
    """A country, by ISO 3166-1 alpha-2 code."""

    id: CountryCode
    #: an identifier like ``id``, not a sourced fact; optional so older datasets still load
    alpha3: CountryCode3 | None = None
    name: Annotated[Text, FACT]
    official_name: Annotated[Text, FACT] | None = None
    region: Annotated[Text, FACT] | None = None
    #: other names people give it (``Korea``), which every filter reads as this country; like ``alpha3``,
    #: a spelling to look it up by, not a sourced fact
    also_called: tuple[Text, ...] = ()


class Sector(Record, frozen=True, kw_only=True):
    """A field of cooperation."""

    name: Annotated[Text, FACT]


class Person(Record, frozen=True, kw_only=True):
    """Someone the sources name in a role."""

    name: Annotated[Text, FACT]
    native_name: Annotated[Text, FACT] | None = None
    country: Annotated[CountryRef, FACT]
    role: Annotated[str, _term_of("roles", "a role"), FACT]
    title: Annotated[Text, FACT]
    #: when the person took and left the office of ``title``, as far as the sources say
    since: Annotated[PartialDate, FACT] | None = None
    until: Annotated[PartialDate, FACT] | None = None

    def office(self, as_of: dt.date, *, then: bool = False) -> str:
        """The title, saying when it ended if it had by ``as_of`` (the date of the data).

        ``President of South Korea until 2025``; with ``then``, where the text speaks of the
        time the person held it, ``then President of South Korea (until 2025)``.
        """
        if self.until is None or self.until.first() > as_of:
            return self.title
        return f"then {self.title} (until {self.until.year})" if then else f"{self.title} until {self.until.year}"


class Partnership(Record, frozen=True, kw_only=True):
    """The partnership the dataset is about."""

    name: Annotated[Text, FACT]
    native_name: Annotated[Text, FACT] | None = None
    parties: Annotated[tuple[CountryRef, ...], FACT]
    date: Annotated[PartialDate, FACT]
    venue: Annotated[Text, FACT]
    significance: Annotated[Text, FACT] | None = None
    summit: EventRef
    relations: EventRef


class Party(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One signing side of a document; ``body: null`` means not known."""

    country: CountryRef
    #: in English (a translation when ``native_body`` is given and no English name was found)
    body: Text | None
    signatory: PersonRef | None = None
    #: the body's name as the sources write it, when that is not English
    native_body: Text | None = None


class Amount(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """Money a document commits, as sourced."""

    value: Annotated[float, Meta(ge=-1e15, le=1e15), FACT] | Annotated[int, Meta(ge=-(10**15), le=10**15), FACT]
    # Written apart from the alpha-3 pattern (^[A-Z]{3}$) that it matches the same way: problems are
    # described by their pattern, and one pattern had one description ('a currency code' for an alpha3).
    currency: Annotated[
        str, Meta(pattern=r"^[A-Z][A-Z][A-Z]" + END, extra={"says": "a currency code such as 'USD'"}), FACT
    ]
    ceiling: Annotated[bool, FACT] = False
    period: Annotated[Text, FACT] | None = None
    source: SourceRef
    evidence: Evidence
    cites: Cites = ()


class Milestone(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A later step in a document's life (consent, entry into force)."""

    date: Annotated[PartialDate, FACT]
    what: Annotated[Text, FACT]
    source: SourceRef
    evidence: Evidence
    cites: Cites = ()


class Document(Record, frozen=True, kw_only=True):
    """A signed document."""

    title: Annotated[Text, FACT]
    native_title: Annotated[Text, FACT] | None = None
    title_is_translation: bool = False
    type: Annotated[str, _term_of("document_types", "a document type"), FACT]
    parties: Annotated[tuple[Party, ...], FACT]
    sectors: tuple[SectorRef, ...]
    signed: Annotated[PartialDate, FACT]
    #: one of the documents counted as signed at the summit (``--summit``)
    summit: Annotated[bool, FACT]
    #: adopted or signed at the summit without being counted among its documents (a joint statement)
    at_summit: Annotated[bool, FACT] = False
    status: Annotated[str, _term_of("statuses", "a status"), FACT]
    milestones: tuple[Milestone, ...] = ()
    amount: Amount | None = None

    #: properties the published tables hold as columns (:mod:`silkcli.dataset.tables.layout`)
    derived_columns: ClassVar[tuple[str, ...]] = ("summit_role",)

    @property
    def summit_role(self) -> str:
        """the document and the summit, in words: summit document, adopted at the summit or not at the summit"""
        if self.summit:
            return "summit document"
        return "adopted at the summit" if self.at_summit else "not at the summit"


CommitmentKind = Literal["agreed", "asked", "plans", "expects"]
COMMITMENT_KINDS: tuple[str, ...] = typing.get_args(CommitmentKind)


class Commitment(Record, frozen=True, kw_only=True):
    """What one or both sides agreed, asked, plan or expect in a sector."""

    sector: SectorRef
    countries: Annotated[tuple[CountryRef, ...], FACT]
    kind: Annotated[CommitmentKind, FACT]
    text: Annotated[Text, FACT]
    document: Annotated[str, _refers_to("documents", "a document"), FACT] | None = None


class Event(Record, frozen=True, kw_only=True):
    """A dated event for the timeline."""

    date: Annotated[PartialDate, FACT]
    end: Annotated[PartialDate, FACT] | None = None
    title: Annotated[Text, FACT]
    kind: Annotated[str, _term_of("event_kinds", "an event kind")]
    countries: Annotated[tuple[CountryRef, ...], FACT] = ()
    people: Annotated[tuple[PersonRef, ...], FACT] = ()
    place: Annotated[Text, FACT] | None = None


Marker = Literal["none", "estimated", "approximate", "lower_bound", "not_available", "zero"]


class Statistic(Record, frozen=True, kw_only=True):
    """A figure as a source states it, markers included."""

    topic: Annotated[str, _term_of("topics", "a topic")]
    metric: Annotated[str, _term_of("metrics", "a metric"), FACT]
    country: Annotated[CountryRef, FACT] | None = None
    label: Text | None = None
    period: Annotated[PartialDate, FACT] | None = None
    value: Annotated[float, Meta(ge=-1e15, le=1e15), FACT] | Annotated[int, Meta(ge=-(10**15), le=10**15), FACT] | None
    unit: Annotated[Text, FACT]
    marker: Annotated[Marker, FACT] = "none"
    as_of: Annotated[PartialDate, FACT] | None = None
    claim: bool = False
    attribution: Annotated[Text, FACT] | None = None

    #: properties the published tables hold as columns (:mod:`silkcli.dataset.tables.layout`)
    derived_columns: ClassVar[tuple[str, ...]] = ("is_total",)

    @property
    def is_total(self) -> bool:
        """the figure is a table's world total (no country), not one country's figure or a claim"""
        return self.country is None and not self.claim

    def __post_init__(self) -> None:
        if (self.value is None) != (self.marker == "not_available"):
            raise ValueError("`value` is null exactly when `marker` is not_available")
        if self.marker == "zero" and self.value != 0:
            raise ValueError("`marker: zero` needs `value: 0`")


class Quote(Record, frozen=True, kw_only=True):
    """Words a source quotes someone as saying."""

    person: Annotated[PersonRef, FACT]
    text: Annotated[Text, FACT]
    date: Annotated[PartialDate, FACT] | None = None


class Claim(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One side of a disagreement, with its source."""

    says: Annotated[Text, FACT]
    source: SourceRef
    evidence: Evidence
    cites: Cites = ()


class Discrepancy(Record, frozen=True, kw_only=True):
    """Where sources disagree; ``source``/``evidence`` back the resolution."""

    topic: Text
    summary: Text
    resolution: Text
    claims: Annotated[tuple[Claim, ...], Meta(min_length=2)]
    related: tuple[Annotated[str, _refers_to("records", "any record")], ...] = ()
    kind: Annotated[
        Literal["substance", "spelling"],
        Meta(description="`spelling`: the claims differ only in how a name or word is written."),
    ] = "substance"


class Dataset(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A whole silkcli dataset file."""

    schema: Literal["silkcli/1"]
    meta: DatasetInfo
    vocabulary: Vocabulary
    sources: tuple[Source, ...]
    countries: tuple[Country, ...]
    sectors: tuple[Sector, ...]
    people: tuple[Person, ...]
    partnership: Partnership
    documents: tuple[Document, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    events: tuple[Event, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    quotes: tuple[Quote, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()


def _holds_records(kind: Any) -> bool:
    """Whether a field of :class:`Dataset` is a list of records (``tuple[Document, ...]``)."""
    while typing.get_origin(kind) is Annotated:
        kind = typing.get_args(kind)[0]
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and is_struct_type(args[0]) and issubclass(args[0], Record)


#: The record lists of a dataset, in file order (derived from :class:`Dataset`'s fields, read from its
#: annotations: asking msgspec for them resolves every type of the model, 0.3 ms of each start-up).
RECORD_KINDS: tuple[str, ...] = tuple(name for name, kind in Dataset.__annotations__.items() if _holds_records(kind))


def model_class(cls: type) -> type:
    """The model class a record's class is: itself, or the class a loose copy was derived from
    (``cache.unchecked``, whose fields carry no constraints and none of the model's metadata)."""
    found: type = cls.__dict__.get("__model__", cls)
    return found


def record_type(kind: str) -> type[Record]:
    """The record class of the list ``kind`` of :class:`Dataset` (``documents``: :class:`Document`)."""
    item: type[Record] = typing.get_args(Dataset.__annotations__[kind])[0]
    return item


def record_kinds(*, sources: bool = False) -> tuple[str, ...]:
    """Every kind of record ``show`` and ``search`` know: the partnership, the lists, and the sources if asked."""
    return ("partnership", *RECORD_KINDS, *(("sources",) if sources else ()))


def iter_records(ds: Dataset, *, sources: bool = False) -> Iterator[tuple[str, Record | Source]]:
    """Every record with its kind, in file order: the partnership first, then each list (and the sources)."""
    yield "partnership", ds.partnership
    for kind in RECORD_KINDS:
        for record in getattr(ds, kind):
            yield kind, record
    if sources:
        for source in ds.sources:
            yield "sources", source


@functools.cache
def _reference_fields(cls: type) -> tuple[tuple[str, str | None], ...]:
    """Each field of ``cls`` that names records (with the list it names) or holds nested structs (None)."""
    found = []
    for field in fields_of(model_class(cls)):
        target = meta_extra(field.type, "refers_to")
        if target is not None or _nests(field.type):
            found.append((field.name, target))
    return tuple(found)


def _nests(kind: Any) -> bool:
    return is_struct_type(kind) or any(_nests(arg) for arg in typing.get_args(kind))


def named_ids(struct: Struct, into: list[str] | None = None) -> list[str]:
    """Every id a struct names, nested structs included, as :func:`references` finds them (without their places)."""
    found: list[str] = [] if into is None else into
    fields = _NAMING.get(struct.__class__)
    if fields is None:
        fields = _NAMING[struct.__class__] = _reference_fields(struct.__class__)
    for name, target in fields:
        value = getattr(struct, name)
        if value is None:
            continue
        if target is not None:
            if value.__class__ is str:
                found.append(value)
            else:
                found.extend(item for item in value if item.__class__ is str)
        elif value.__class__ is tuple:
            for item in value:
                if isinstance(item, Struct):
                    named_ids(item, found)
        elif isinstance(value, Struct):
            named_ids(value, found)
    return found


#: :func:`_reference_fields` by class, looked up without the cache's hashing of arguments (a hot loop).
_NAMING: dict[type, tuple[tuple[str, str | None], ...]] = {}


def references(struct: Struct, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Every (list named, id, field path) a struct refers to, nested structs included."""
    for name, target in _reference_fields(type(struct)):
        value = getattr(struct, name)
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if target is not None and isinstance(item, str):
                yield target, item, path + name
            elif isinstance(item, Struct):
                yield from references(item, f"{path}{name}.")


def _metas(kind: Any, seen: set[type]) -> Iterator[Meta]:
    """Every ``Meta`` declared anywhere in ``kind``, nested Structs included."""
    if typing.get_origin(kind) is Annotated:
        base, *metadata = typing.get_args(kind)
        yield from (item for item in metadata if isinstance(item, Meta))
        yield from _metas(base, seen)
    elif is_struct_type(kind):
        if kind not in seen:
            seen.add(kind)
            for field in fields_of(kind):
                yield from _metas(field.type, seen)
    else:
        for arg in typing.get_args(kind):
            yield from _metas(arg, seen)


def pattern_words() -> dict[str, str]:
    """Each pattern of the schema and what it asks for, in words (from ``Meta(extra={"says": …})``)."""
    return {
        meta.pattern: meta.extra["says"]
        for meta in _metas(Dataset, set())
        if meta.pattern is not None and meta.extra and "says" in meta.extra
    }


def describe(dataset: Dataset) -> str:
    """``ok: N records in K kinds, S sources``."""
    counts: dict[str, int] = {}
    for kind, _ in iter_records(dataset):
        counts[kind] = counts.get(kind, 0) + 1
    return f"ok: {sum(counts.values())} records in {len(counts)} kinds, {len(dataset.sources)} sources"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the dataset format."""
    schema = msgspec.json.schema(Dataset, schema_hook=schema_hook)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "silkcli dataset"
    return schema
