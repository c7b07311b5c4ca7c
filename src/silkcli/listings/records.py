"""Listings of records as the dataset holds them: documents, people, events, commitments, quotes, sources.

Each listing is its columns (each with the getter of its value) over the
records a filter found; rows are built later, for the fields printed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import attrgetter
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.store import ById, store_of
from silkcli.listings.cited import CiteGetter
from silkcli.listings.listing import Column, Entry, Listing, lists


def cite_columns(ds: m.Dataset, *, of: Callable[[Any], Any] = lambda row: row) -> tuple[Column, ...]:
    """The columns ``--cite`` adds: the sources supporting the fields a row shows, their URLs and the quotes
    (csv, tsv, markdown), or the citations whole (json, jsonl, yaml, a table's notes).

    ``of(row)`` is the record a row is about.
    """
    sources = ById(store_of(ds), "sources")  # a large dataset's sources are read as they are cited
    return (
        Column(
            "source",
            "ids of the sources supporting the fields shown ('(inferred)' marked)",
            get=CiteGetter(of, sources, "source"),
            priority=3,
        ),
        Column("source_url", "URLs of those sources", get=CiteGetter(of, sources, "source_url"), priority=4, link=True),
        Column(
            "evidence",
            "the verbatim quotes supporting the fields shown",
            get=CiteGetter(of, sources, "evidence"),
            prose=True,
            priority=5,
        ),
        Column(
            "cite",
            "the citations supporting the fields shown: source, url, quote, fields, inferred (--cite in "
            "json, jsonl and yaml; a table marks its cells with notes)",
            get=CiteGetter(of, sources, "cite"),
            priority=1,
        ),
    )


def text_of(value: m.PartialDate | None) -> str | None:
    """A date as its text (``2024-06``), or None."""
    return str(value) if value is not None else None


def no_date(value: m.PartialDate | None) -> str | None:
    """The marker that makes a table cite a source with no known date as ``n.d.``."""
    return "no_date" if value is None else None


def party_text(party: m.Party, people: Mapping[str, m.Person]) -> str:
    """``KR: Ministry of Education`` (``unknown`` when the sources do not say; a name in the original in brackets)."""
    body = party.body if party.body is not None else "unknown"
    body += f" ({party.native_body})" if party.native_body else ""
    who = f" ({people[party.signatory].name})" if party.signatory and party.signatory in people else ""
    return f"{party.country}: {body}{who}"


def party_entry(party: m.Party, people: Mapping[str, m.Person] | None) -> Entry:
    """A party as ``show`` gives it (``country``, ``body``, ``signatory``), and as text for text formats
    (none without ``people``: json, jsonl and yaml write the object)."""
    data = {"country": party.country, "body": party.body}
    if party.native_body is not None:
        data["native_body"] = party.native_body
    if party.signatory is not None:
        data["signatory"] = party.signatory
    return Entry(party_text(party, people) if people is not None else "", data)


class PartiesGetter:
    """The getter of a document's parties: with their text (the signatories' names, read when the first row
    is built) or, told by :func:`~silkcli.listings.listing.shape` that the format writes objects, without.

    At 1,000,000 documents, reading the signatories was 75 ms of a 1% selection's 400 in JSON.
    """

    def __init__(self, people: Callable[[], Mapping[str, m.Person]], *, text: bool = True) -> None:
        self.people, self.text = people, text

    def for_text(self, wanted: bool) -> PartiesGetter:
        """This getter for rows whose entries need their text (``wanted``) or only their data."""
        return PartiesGetter(self.people, text=wanted)

    def __call__(self, document: m.Document) -> tuple[Entry, ...]:
        """The document's parties as entries."""
        people = self.people() if self.text else None
        return tuple(party_entry(p, people) for p in document.parties)


def country_names(ds: m.Dataset) -> tuple[tuple[str, str], ...]:
    """Each country's code and name (``KR``, ``South Korea``), as record blocks write a country."""
    return tuple((c.id, c.name) for c in ds.countries)


def term_names(terms: Sequence[m.VocabTerm]) -> tuple[tuple[str, str], ...]:
    """Each term's id and name as a sentence reads it (``mou``, ``memorandum of understanding (MOU)``)."""
    return tuple((t.id, t.name if t.name[1:2].isupper() else t.name[:1].lower() + t.name[1:]) for t in terms)


def _attr(name: str, help_text: str, **options: Any) -> Column:
    """A column showing the record's attribute ``name`` as it is."""
    return Column(name, help_text, get=attrgetter(name), **options)


def _dated(name: str, help_text: str, *, marker: str, priority: int) -> Column:
    """A column showing the record's partial date ``name`` as its text, marked with its precision."""
    return Column(name, help_text, marker=marker, get=lambda r: text_of(getattr(r, name)), priority=priority)


def _amount(part: str) -> Any:
    return lambda d: getattr(d.amount, part) if d.amount is not None else None


@lists("documents")
def document_listing(ds: m.Dataset, docs: Sequence[m.Document]) -> Listing:
    """The agreements listing."""
    # The signatories are read when the first row is built, so each row holds its parties' text as it leaves
    # the listing; a listing that shows no parties, or writes them as objects, never reads them.
    people = cache(lambda: store_of(ds).by_ids("people", {p.signatory for d in docs for p in d.parties if p.signatory}))
    columns = (
        _attr("id", "document id", priority=1),
        _dated("signed", "date signed, as precise as known", marker="signed_precision", priority=3),
        _attr("type", "document type", priority=4, names=term_names(ds.vocabulary.document_types)),
        _attr("sectors", "sectors it covers", priority=5),
        _attr("title", "English title (a translation where title_is_translation)", prose=True, priority=1),
        Column(
            "parties",
            "signing ministries or agencies by country; 'unknown' where the sources do not say",
            get=PartiesGetter(people),
            prose=True,
            priority=6,
            names=country_names(ds),
        ),
        _attr("status", "status"),
        _attr("summit", "one of the documents signed at the summit (--summit)"),
        Column(
            "at_summit",
            "signed or adopted at the summit, whether or not one of the summit documents",
            get=lambda d: d.summit or d.at_summit,
        ),
        _attr("native_title", "title in the original language", prose=True),
        _attr("title_is_translation", "the English title is a translation, not an official one"),
        Column("amount", "amount committed", numeric=True, get=_amount("value")),
        Column("currency", "currency of the amount", get=_amount("currency")),
        Column("amount_period", "period of the amount", get=_amount("period")),
        Column(
            "milestones",
            "later steps (date: what)",
            get=lambda d: tuple(
                Entry(f"{x.date}: {x.what}", {"date": str(x.date), "what": x.what}) for x in d.milestones
            ),
            prose=True,
        ),
        _attr("note", "caveats and unknowns", prose=True, priority=6),
        Column(
            "signed_precision", "day, month or year: how precisely the signing date is known", get=_precision("signed")
        ),
        *cite_columns(ds),
    )
    default = ("id", "signed", "type", "sectors", "title", "parties")
    return Listing("documents", columns, default, docs)


def _precision(name: str) -> Any:
    """The getter of how precisely a date attribute is known: ``day``, ``month`` or ``year``."""
    return lambda record: getattr(record, name).precision


def with_summit_notes(ds: m.Dataset, listing: Listing, *, summit: bool | None) -> Listing:
    """The agreements listing, saying where a document of the summit that is not one of its counted ones went.

    With --no-summit it is listed among the others, and with --summit left out: both say so on stderr.
    """
    if summit is None:
        return listing
    shown = {d.id for d in listing.rows}
    counted = len(store_of(ds).select("documents", {"summit": (True,)}))
    statuses = {s.id: s.name.lower() for s in ds.vocabulary.statuses}
    notes = []
    for d in store_of(ds).select("documents", {"at_summit": (True,), "summit": (False,)}):
        done = statuses.get(d.status, d.status)
        if d.id in shown:
            notes.append(f"{d.id} was {done} at the summit but is not one of the {counted} summit documents")
        elif summit:
            notes.append(
                f"{d.id}, {done} at the summit, is not one of the {counted} summit documents (see --no-summit)"
            )
    return listing._replace(notes=listing.notes + tuple(notes))


def with_unsigned_note(ds: m.Dataset, listing: Listing, people: frozenset[str]) -> Listing:
    """The agreements listing, saying why ``--signatory`` found nothing when no document names any of
    ``people`` as its signatory whatever else is asked (as it is when one does: the other filters left it
    out)."""
    if listing.rows or not people or store_of(ds).select("documents", {"parties.signatory": people}):
        return listing
    found = store_of(ds).by_ids("people", people)
    names = " or ".join(f"{found[i].name} ({i})" if i in found else i for i in sorted(people))
    return listing._replace(why_none=f"no document names {names} as its signatory")


@lists("people")
def people_listing(ds: m.Dataset, persons: Sequence[m.Person]) -> Listing:
    """The leaders listing."""
    columns = (
        _attr("id", "person id", priority=1),
        _attr("name", "name as the sources write it", prose=True, priority=1),
        _attr(
            "country", "country code", priority=2, names=country_names(ds)
        ),  # two letters: kept before the title, which needs room
        _attr("role", "role", priority=4, names=term_names(ds.vocabulary.roles)),
        Column(
            "title",
            "title or office, with the year it ended where it had by the date of the data",
            get=lambda p: p.office(ds.meta.updated),
            prose=True,
            priority=1,  # a leader is read by the office: never the column a table leaves out
        ),
        Column("since", "when the person took the office, where the sources say", get=lambda p: text_of(p.since)),
        Column("until", "when the person left the office, where the sources say", get=lambda p: text_of(p.until)),
        _attr("native_name", "name in the original script", prose=True),
        _attr("note", "caveats", prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("people", columns, ("id", "name", "country", "role", "title"), persons)


@lists("events")
def event_listing(ds: m.Dataset, found: Sequence[m.Event]) -> Listing:
    """The timeline listing."""
    columns = (
        _dated("date", "date, as precise as known (YYYY, YYYY-MM or YYYY-MM-DD)", marker="precision", priority=1),
        Column("end", "last day, for events that span days", get=lambda e: text_of(e.end)),
        _attr("kind", "kind of event", priority=4, names=term_names(ds.vocabulary.event_kinds)),
        _attr("title", "what happened", prose=True, priority=1),
        _attr("countries", "countries involved", priority=5, names=country_names(ds)),
        _attr("place", "where", prose=True),
        _attr("id", "event id", priority=1),
        _attr("people", "people involved (ids)", priority=4),
        Column("precision", "year, month or day", get=lambda e: e.date.precision),
        _attr("note", "caveats", prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("events", columns, ("date", "kind", "title", "countries", "id"), found)


@lists("commitments")
def commitment_listing(ds: m.Dataset, found: Sequence[m.Commitment]) -> Listing:
    """The commitments listing."""
    columns = (
        _attr("id", "commitment id", priority=1),
        _attr("sector", "sector", priority=4),
        _attr("countries", "which side(s)", priority=5, names=country_names(ds)),
        _attr("kind", "agreed, asked or plans", priority=3),
        _attr("text", "what was agreed, asked or planned", prose=True, priority=1),
        _attr("document", "the document it rests on", priority=4),
        _attr("note", "caveats", prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("commitments", columns, ("id", "sector", "countries", "kind", "text"), found)


@lists("quotes")
def quote_listing(ds: m.Dataset, found: Sequence[m.Quote]) -> Listing:
    """The quotes listing."""
    people = store_of(ds).by_ids("people", {q.person for q in found})
    columns = (
        _attr("id", "quote id", priority=1),
        _attr("person", "who said it (id)", priority=3),
        Column(
            "name",
            "who said it",
            get=lambda q: people[q.person].name if q.person in people else q.person,
            prose=True,
            priority=3,
        ),
        Column("date", "when", get=lambda q: text_of(q.date), priority=4),
        _attr("text", "the quoted words", prose=True, priority=1),
        _attr("note", "context", prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("quotes", columns, ("id", "name", "date", "text"), found)


@lists("sources", of_records=False)
def source_listing(ds: m.Dataset) -> Listing:
    """The sources listing."""
    counts: dict[str, int] = {}
    for _, source_id, _ in pv.cited(ds):
        counts[source_id] = counts.get(source_id, 0) + 1
    columns = (
        _attr("id", "source id", priority=1),
        _attr("title", "title", prose=True, priority=2),
        _attr("publisher", "publisher", prose=True, priority=3),
        _attr("kind", "what it is: news (a news report), official, report or webpage"),
        _dated(
            "published",
            "publication date, as precise as known (n.d. in tables where not known)",
            marker="published_marker",
            priority=4,
        ),
        _attr("url", "address", link=True, priority=5),
        _attr("author", "author", prose=True),
        _attr("author_family", "the author's family name, where known"),
        _attr("language", "language code"),
        _attr("archive", "file name of the archived text, where one is kept"),
        Column("accessed", "when the page was read, where recorded", get=lambda s: text_of(s.accessed)),
        _attr("stored_copy", "the page was read from a stored copy of it, not the live site"),
        Column("cited_by", "how many records cite it", numeric=True, get=lambda s: counts.get(s.id, 0)),
        Column(
            "published_marker", "'no_date' where the publication date is not known", get=lambda s: no_date(s.published)
        ),
    )
    return Listing("sources", columns, ("id", "publisher", "published", "title", "url"), ds.sources)
