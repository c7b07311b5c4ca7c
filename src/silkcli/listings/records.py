"""Records to listing rows, one builder per listing command."""

from __future__ import annotations

from collections.abc import Sequence

from silkcli.dataset import model as m
from silkcli.dataset.provenance import first_cite
from silkcli.listings.listing import Column, Listing, Row, with_cite_columns


def source_urls(ds: m.Dataset) -> dict[str, str]:
    """Source id to URL."""
    return {s.id: s.url for s in ds.sources}


def _cite(urls: dict[str, str], record: m.Record) -> Row:
    cite = first_cite(record)
    if cite is None:
        return {"source": None, "source_url": None, "evidence": None}
    return {"source": cite.source, "source_url": urls.get(cite.source), "evidence": cite.quote}


def _date(value: m.PartialDate | None) -> str | None:
    return str(value) if value is not None else None


def party_text(party: m.Party, names: dict[str, str]) -> str:
    """``KR: Ministry of Education`` (``unknown`` when the sources do not say)."""
    body = party.body if party.body is not None else "unknown"
    who = f" ({names[party.signatory]})" if party.signatory and party.signatory in names else ""
    return f"{party.country}: {body}{who}"


DOCUMENT_COLUMNS = with_cite_columns(
    (
        Column("id", "document id"),
        Column("signed", "date signed"),
        Column("type", "document type"),
        Column("sectors", "sectors it covers"),
        Column("title", "English title (a translation where title_is_translation)"),
        Column("parties", "signing ministries or agencies by country; 'unknown' where the sources do not say"),
        Column("status", "status"),
        Column("summit", "one of the documents signed at the summit"),
        Column("native_title", "title in the original language"),
        Column("title_is_translation", "the English title is a translation, not an official one"),
        Column("amount", "amount committed", numeric=True),
        Column("currency", "currency of the amount"),
        Column("amount_period", "period of the amount"),
        Column("milestones", "later steps (date: what)"),
        Column("note", "caveats and unknowns"),
    )
)


def documents(ds: m.Dataset, docs: Sequence[m.Document]) -> Listing:
    """The agreements listing."""
    urls = source_urls(ds)
    names = {p.id: p.name for p in ds.people}
    rows = []
    for d in docs:
        amount = d.amount
        rows.append(
            {
                "id": d.id,
                "signed": str(d.signed),
                "type": d.type,
                "sectors": d.sectors,
                "title": d.title,
                "parties": tuple(party_text(p, names) for p in d.parties),
                "status": d.status,
                "summit": d.summit,
                "native_title": d.native_title,
                "title_is_translation": d.title_is_translation,
                "amount": amount.value if amount else None,
                "currency": amount.currency if amount else None,
                "amount_period": amount.period if amount else None,
                "milestones": tuple(f"{ms.date}: {ms.what}" for ms in d.milestones),
                "note": d.note,
                **_cite(urls, d),
            }
        )
    default = ("id", "signed", "type", "sectors", "title", "parties")
    return Listing("documents", DOCUMENT_COLUMNS, default, rows)


PEOPLE_COLUMNS = with_cite_columns(
    (
        Column("id", "person id"),
        Column("name", "name as the sources write it"),
        Column("country", "country code"),
        Column("role", "role"),
        Column("title", "title or office"),
        Column("native_name", "name in the original script"),
        Column("note", "caveats"),
    )
)


def people(ds: m.Dataset, persons: Sequence[m.Person]) -> Listing:
    """The leaders listing."""
    urls = source_urls(ds)
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "country": p.country,
            "role": p.role,
            "title": p.title,
            "native_name": p.native_name,
            "note": p.note,
            **_cite(urls, p),
        }
        for p in persons
    ]
    return Listing("people", PEOPLE_COLUMNS, ("id", "name", "country", "role", "title"), rows)


EVENT_COLUMNS = with_cite_columns(
    (
        Column("date", "date, as precise as known (YYYY, YYYY-MM or YYYY-MM-DD)"),
        Column("end", "last day, for events that span days"),
        Column("kind", "kind of event"),
        Column("title", "what happened"),
        Column("countries", "countries involved"),
        Column("place", "where"),
        Column("id", "event id"),
        Column("people", "people involved (ids)"),
        Column("precision", "year, month or day"),
        Column("note", "caveats"),
    )
)


def events(ds: m.Dataset, found: Sequence[m.Event]) -> Listing:
    """The timeline listing."""
    urls = source_urls(ds)
    rows = [
        {
            "date": str(e.date),
            "end": _date(e.end),
            "kind": e.kind,
            "title": e.title,
            "countries": e.countries,
            "place": e.place,
            "id": e.id,
            "people": e.people,
            "precision": e.date.precision,
            "note": e.note,
            **_cite(urls, e),
        }
        for e in found
    ]
    return Listing("events", EVENT_COLUMNS, ("date", "kind", "title", "countries", "id"), rows)


COMMITMENT_COLUMNS = with_cite_columns(
    (
        Column("id", "commitment id"),
        Column("sector", "sector"),
        Column("countries", "which side(s)"),
        Column("kind", "agreed, asked or plans"),
        Column("text", "what was agreed, asked or planned"),
        Column("document", "the document it rests on"),
        Column("note", "caveats"),
    )
)


def commitments(ds: m.Dataset, found: Sequence[m.Commitment]) -> Listing:
    """The commitments listing."""
    urls = source_urls(ds)
    rows = [
        {
            "id": c.id,
            "sector": c.sector,
            "countries": c.countries,
            "kind": c.kind,
            "text": c.text,
            "document": c.document,
            "note": c.note,
            **_cite(urls, c),
        }
        for c in found
    ]
    return Listing("commitments", COMMITMENT_COLUMNS, ("id", "sector", "countries", "kind", "text"), rows)


QUOTE_COLUMNS = with_cite_columns(
    (
        Column("id", "quote id"),
        Column("person", "who said it (id)"),
        Column("name", "who said it"),
        Column("date", "when"),
        Column("text", "the quoted words"),
        Column("note", "context"),
    )
)


def quotes(ds: m.Dataset, found: Sequence[m.Quote]) -> Listing:
    """The quotes listing."""
    urls = source_urls(ds)
    names = {p.id: p.name for p in ds.people}
    rows = [
        {
            "id": q.id,
            "person": q.person,
            "name": names.get(q.person, q.person),
            "date": _date(q.date),
            "text": q.text,
            "note": q.note,
            **_cite(urls, q),
        }
        for q in found
    ]
    return Listing("quotes", QUOTE_COLUMNS, ("id", "name", "date", "text"), rows)


SOURCE_COLUMNS = (
    Column("id", "source id"),
    Column("title", "title"),
    Column("publisher", "publisher"),
    Column("published", "publication date, as precise as known"),
    Column("url", "address"),
    Column("author", "author"),
    Column("language", "language code"),
    Column("archive", "file name of the archived text, where one is kept"),
    Column("cited_by", "how many records cite it", numeric=True),
)


def sources(ds: m.Dataset) -> Listing:
    """The sources listing."""
    from silkcli.dataset.checks import cited

    counts: dict[str, int] = {}
    for _, source_id, _ in cited(ds):
        counts[source_id] = counts.get(source_id, 0) + 1
    rows: list[Row] = [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "published": _date(s.published),
            "url": s.url,
            "author": s.author,
            "language": s.language,
            "archive": s.archive,
            "cited_by": counts.get(s.id, 0),
        }
        for s in ds.sources
    ]
    return Listing("sources", SOURCE_COLUMNS, ("id", "publisher", "published", "title", "url"), rows)
