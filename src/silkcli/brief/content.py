"""What a brief says: the facts chosen from the dataset, each with its source notes.

Pure: a dataset and the options go in, a frozen :class:`Brief` comes out.
Source notes are numbered in reading order (the order the sections are built
in is the order every renderer prints them), and a fact that a discrepancy
record relates to points to a numbered "where sources disagree" entry.
Nothing here names a country, a mineral or a record id: the featured country,
the leaders and the figures are derived from the partnership record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from silkcli.brief.charts import Figure, ReserveChart, key_figures, reserve_charts
from silkcli.brief.ledger import Disagreement, Ledger, Note, inferred
from silkcli.dataset import model as m
from silkcli.listings import select as query
from silkcli.listings.chronology import UNKNOWN_PART, in_words
from silkcli.listings.progress import latest_step
from silkcli.plain import Plain


class Headline(Plain):
    """Who, what, when and where; years of relations computed from the relations event."""

    title: str
    name: str
    native_name: str | None
    parties: tuple[str, ...]
    date: str
    venue: str
    relations_since: str | None
    relations_years: int | None
    summit_documents: int
    notes: tuple[int, ...]
    disputes: tuple[int, ...]
    relations_notes: tuple[int, ...] = ()
    relations_disputes: tuple[int, ...] = ()
    count_disputes: tuple[int, ...] = ()


class Leader(Plain):
    """One of the leaders at the summit."""

    name: str
    native_name: str | None
    title: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...] = ()


class SignedDocument(Plain):
    """A summit document: its title, type and who signed it for each side."""

    title: str
    type: str
    signed_by: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


class AtSummit(Plain):
    """A document adopted or signed at the summit that is not one of its counted documents."""

    title: str
    type: str
    #: ``adopted``, ``signed``: the status's name
    done: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


class SectorDocuments(Plain):
    """The summit documents of one sector (or of one combination of sectors)."""

    sector: str
    documents: tuple[SignedDocument, ...]


class Pledge(Plain):
    """A commitment: what was agreed, asked or planned, in which sector."""

    sector: str
    kind: str
    text: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...] = ()


class Saying(Plain):
    """Words a leader is quoted as saying."""

    person: str
    text: str
    date: str | None
    notes: tuple[int, ...]
    date_inferred: bool = False


class Moment(Plain):
    """One line of the timeline."""

    date: str
    title: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


class Progressed(Plain):
    """A document of the summit and its latest step after signing."""

    title: str
    #: ``Entry into force, 5 July 2025``
    step: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...] = ()


class Brief(Plain):
    """The whole brief, in reading order."""

    headline: Headline
    leaders: tuple[Leader, ...]
    focus: tuple[str, ...]
    sectors: tuple[SectorDocuments, ...]
    also_at_summit: tuple[AtSummit, ...]
    commitments: tuple[Pledge, ...]
    reserves: tuple[ReserveChart, ...]
    figures: tuple[Figure, ...]
    quotes: tuple[Saying, ...]
    timeline: tuple[Moment, ...]
    disagreements: tuple[Disagreement, ...]
    notes: tuple[Note, ...]
    dataset: str
    #: the two-page brief (commitments, claims, quotes, timeline), not the one-page one
    full: bool = False
    #: the documents of the summit with a step after signing, then how many have none
    progress: tuple[Progressed, ...] = ()
    unstepped: int = 0
    #: the date of the data, ``27 November 2026``
    as_of: str = ""


def build_brief(
    ds: m.Dataset, *, sectors: frozenset[str] = frozenset(), within: query.Period | None = None, full: bool = False
) -> Brief:
    """The brief; ``sectors`` focuses documents and commitments, ``within`` bounds the timeline.

    The one-page brief says what was signed, by whom and when, the sectors and the key figures with
    their bounds; ``full`` adds the commitments, the claims beside the figures, quotes and timeline.
    """
    ledger = Ledger(ds)  # sections are built in reading order, so notes are numbered in it
    headline, leaders = _headline(ds, ledger), _leaders(ds, ledger)
    documents, also = _documents(ds, ledger, sectors), _also_at_summit(ds, ledger, sectors)
    progress, unstepped = _progress(ds, ledger, sectors)
    return Brief(
        headline=headline,
        leaders=leaders,
        focus=tuple(s.name for s in ds.sectors if s.id in sectors),
        sectors=documents,
        also_at_summit=also,
        progress=progress,
        unstepped=unstepped,
        commitments=_commitments(ds, ledger, sectors) if full else (),
        reserves=reserve_charts(ds, ledger, context=full),
        figures=key_figures(ds, ledger),
        quotes=_quotes(ds, ledger, leaders=_leader_people(ds)) if full else (),
        timeline=_timeline(ds, ledger, within or query.Period()) if full else (),
        disagreements=ledger.disagreements(),
        notes=ledger.notes(),
        dataset=f"{ds.meta.title}, version {ds.meta.version} ({_updated(ds.meta.updated)})",
        full=full,
        as_of=_updated(ds.meta.updated),
    )


def _updated(day: dt.date) -> str:
    return in_words(m.PartialDate(day.year, day.month, day.day))


def _event(ds: m.Dataset, ident: str) -> m.Event | None:
    return next((e for e in ds.events if e.id == ident), None)


def years_between(since: m.PartialDate, until: m.PartialDate) -> int:
    """Whole years from ``since`` to ``until``; a date known only to the year counts from its year."""
    years = until.year - since.year
    if since.month is not None and until.month is not None:
        if (until.month, until.day or 31) < (since.month, since.day or 1):
            years -= 1
    return years


def _headline(ds: m.Dataset, ledger: Ledger) -> Headline:
    p = ds.partnership
    countries = {c.id: c for c in ds.countries}
    official = tuple(countries[c].official_name or countries[c].name for c in p.parties if c in countries)
    relations = _event(ds, p.relations)
    return Headline(
        title=f"{' – '.join(official)} {p.name}",
        name=p.name,
        native_name=p.native_name,
        parties=tuple(countries[c].name for c in p.parties if c in countries),
        date=in_words(p.date),
        venue=p.venue,
        relations_since=in_words(relations.date) if relations else None,
        relations_years=years_between(relations.date, p.date) if relations else None,
        summit_documents=sum(d.summit for d in ds.documents),
        notes=ledger.cite_fields(p, "name", "native_name", "parties", "date", "venue"),
        disputes=ledger.dispute(p.id),
        relations_notes=ledger.cite_fields(relations, "date") if relations else (),
        relations_disputes=ledger.dispute(relations.id) if relations else (),
        count_disputes=ledger.dispute(p.summit),
    )


def _leader_people(ds: m.Dataset) -> list[m.Person]:
    """The summit event's people from the parties, else the parties' presidents."""
    people = {p.id: p for p in ds.people}
    summit = _event(ds, ds.partnership.summit)
    parties = ds.partnership.parties
    chosen = [people[i] for i in (summit.people if summit else ()) if i in people and people[i].country in parties]
    if not chosen:
        chosen = [p for p in ds.people if p.role == "president" and p.country in parties]
    return sorted(chosen, key=lambda p: parties.index(p.country))


def _leaders(ds: m.Dataset, ledger: Ledger) -> tuple[Leader, ...]:
    return tuple(
        Leader(
            p.name,
            p.native_name,
            p.office(ds.meta.updated, then=True),
            ledger.cite_fields(p, "name", "native_name", "title", "until"),
            ledger.dispute(p.id),
        )
        for p in _leader_people(ds)
    )


def signed_by(parties: Sequence[m.Party], *, countries: Mapping[str, str], people: Mapping[str, str]) -> str:
    """``South Korea: Ministry of Education; Kyrgyzstan: not known`` (a name in the original and the signatory
    in brackets); a side of several bodies names its country once (``Kyrgyzstan: A and B``).

    ``countries`` and ``people`` map ids to names (built once per brief, not per document).
    """
    sides: dict[str, list[str]] = {}
    for party in parties:
        name = people.get(party.signatory) if party.signatory is not None else None
        who = f" ({name})" if name is not None else ""
        native = f" ({party.native_body})" if party.native_body and party.body else ""
        sides.setdefault(party.country, []).append(f"{party.body or 'not known'}{native}{who}")
    return "; ".join(f"{countries.get(code, code)}: {' and '.join(bodies)}" for code, bodies in sides.items())


def _documents(ds: m.Dataset, ledger: Ledger, sectors: frozenset[str]) -> tuple[SectorDocuments, ...]:
    """Summit documents grouped by their sectors, in the dataset's sector order."""
    order = {s.id: i for i, s in enumerate(ds.sectors)}
    names = {s.id: s.name for s in ds.sectors}
    types = {t.id: t.name for t in ds.vocabulary.document_types}
    countries = {c.id: c.name for c in ds.countries}
    people = {p.id: p.name for p in ds.people}
    groups: dict[tuple[str, ...], list[SignedDocument]] = {}
    found = query.documents(ds, sectors=sectors, summit=True)
    for doc in sorted(found, key=lambda d: min((order.get(s, len(order)) for s in d.sectors), default=len(order))):
        key = tuple(sorted(doc.sectors, key=lambda s: order.get(s, len(order))))
        item = SignedDocument(
            doc.title,
            types.get(doc.type, doc.type),
            signed_by(doc.parties, countries=countries, people=people),
            ledger.cite_fields(doc, "title", "type", "parties"),
            ledger.dispute(doc.id),
        )
        groups.setdefault(key, []).append(item)
    return tuple(
        SectorDocuments(" / ".join(names.get(s, s) for s in key), tuple(items)) for key, items in groups.items()
    )


def _also_at_summit(ds: m.Dataset, ledger: Ledger, sectors: frozenset[str]) -> tuple[AtSummit, ...]:
    """Documents of the summit (a joint statement) that are not counted among its documents."""
    types = {t.id: t.name for t in ds.vocabulary.document_types}
    statuses = {s.id: s.name.lower() for s in ds.vocabulary.statuses}
    return tuple(
        AtSummit(
            d.title,
            types.get(d.type, d.type),
            statuses.get(d.status, d.status),
            ledger.cite_fields(d, "title", "type", "status", "at_summit"),
            ledger.dispute(d.id),
        )
        for d in query.documents(ds, sectors=sectors, summit=False)
        if d.at_summit
    )


def _progress(ds: m.Dataset, ledger: Ledger, sectors: frozenset[str]) -> tuple[tuple[Progressed, ...], int]:
    """The summit's documents (the counted ones, then any other adopted there) with their latest step after
    signing, and how many of them have none in the sources."""
    found = [d for d in query.documents(ds, sectors=sectors) if d.summit or d.at_summit]
    stepped = []
    for doc in found:
        stone = latest_step(doc)
        if stone is not None:
            step = f"{stone.what}, {in_words(stone.date)}"
            stepped.append(
                Progressed(doc.title, step, ledger.cite_fields(stone, "date", "what"), ledger.dispute(doc.id))
            )
    return tuple(stepped), len(found) - len(stepped)


def _commitments(ds: m.Dataset, ledger: Ledger, sectors: frozenset[str]) -> tuple[Pledge, ...]:
    """With a sector focus, every commitment of those sectors; otherwise the key ones.

    Key: made through a summit document, or made at the summit without one.
    """
    summit_docs = {d.id for d in ds.documents if d.summit}
    names = {s.id: s.name for s in ds.sectors}
    found = query.commitments(ds, sectors=sectors)
    if not sectors:
        found = [c for c in found if c.document is None or c.document in summit_docs]
    return tuple(
        Pledge(
            names.get(c.sector, c.sector), c.kind, c.text, ledger.cite_fields(c, "kind", "text"), ledger.dispute(c.id)
        )
        for c in found
    )


def _quotes(ds: m.Dataset, ledger: Ledger, *, leaders: Sequence[m.Person]) -> tuple[Saying, ...]:
    names = {p.id: p.name for p in leaders}
    found = query.quotes(ds, persons=frozenset(names))
    return tuple(
        Saying(
            names[q.person],
            q.text,
            in_words(q.date) if q.date else None,
            ledger.cite_fields(q, "person", "text", "date"),
            date_inferred=q.date is not None and inferred(q, "date"),
        )
        for q in found
    )


def _timeline(ds: m.Dataset, ledger: Ledger, within: query.Period) -> tuple[Moment, ...]:
    """Events that involve every party of the partnership, oldest first."""
    parties = frozenset(ds.partnership.parties)
    found = [e for e in query.events(ds, within=within) if parties <= set(e.countries)]
    return tuple(
        Moment(_when(e), e.title, ledger.cite_fields(e, "date", "end", "title"), ledger.dispute(e.id)) for e in found
    )


def when(start: m.PartialDate, end: m.PartialDate | None) -> str:
    """:func:`span`, saying which part is unknown: ``1997-06 (day unknown)``, ``2031-04–05 (day unknown)``."""
    rough = next((d.precision for d in (start, end) if d is not None and d.precision != "day"), None)
    part = UNKNOWN_PART.get(rough or "")
    return span(start, end) + (f" ({part})" if part else "")


def _when(event: m.Event) -> str:
    """The event's span (saying which part is unknown), marked when a date in it is inferred rather than stated."""
    guessed = inferred(event, "date") or (event.end is not None and inferred(event, "end"))
    return when(event.date, event.end) + (" (inferred)" if guessed else "")


def span(start: m.PartialDate, end: m.PartialDate | None) -> str:
    """``2013-11-18–20``, ``2031-04–05``, ``2012–2014``: the end without what it shares with the start."""
    if end is None or end == start:
        return str(start)
    first, last = str(start).split("-"), str(end).split("-")
    same = 0
    while same < min(len(first), len(last)) - 1 and first[same] == last[same]:
        same += 1
    return f"{start}–{'-'.join(last[same:])}"
