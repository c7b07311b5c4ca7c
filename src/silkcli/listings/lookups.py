"""Listings that look across record kinds: sectors with their records (search is :mod:`.search`)."""

from __future__ import annotations

from operator import attrgetter

from silkcli.dataset import model as m
from silkcli.listings.listing import Column, Listing, lists
from silkcli.listings.records import cite_columns, country_names, term_names
from silkcli.plain import Plain


@lists("sectors", of_records=False)
def sector_listing(ds: m.Dataset) -> Listing:
    """Every sector with its counts."""
    documents = {s.id: sum(s.id in d.sectors for d in ds.documents) for s in ds.sectors}
    commitments = {s.id: sum(c.sector == s.id for c in ds.commitments) for s in ds.sectors}
    source, _, evidence, cite = cite_columns(ds)
    columns = (
        Column("id", "sector id", get=attrgetter("id"), priority=1),
        Column("name", "sector name", get=attrgetter("name"), prose=True, priority=1),
        Column("documents", "documents in the sector", numeric=True, get=lambda s: documents[s.id]),
        Column("commitments", "commitments in the sector", numeric=True, get=lambda s: commitments[s.id]),
        source._replace(help="id of the source naming the sector"),
        evidence._replace(help="verbatim quote"),
        cite,
    )
    return Listing("sectors", columns, ("id", "name", "documents", "commitments"), ds.sectors)


class SectorEntry(Plain):
    """A document or commitment of one sector, as the sector listing shows it."""

    kind: str
    record: m.Document | m.Commitment
    date: str | None
    type: str
    countries: tuple[str, ...]
    text: str
    #: day, month or year, for a document's date
    date_precision: str | None = None

    @property
    def id(self) -> str:
        """The record's id."""
        return self.record.id


def _entries(ds: m.Dataset, sector: str) -> list[SectorEntry]:
    docs = sorted((d for d in ds.documents if sector in d.sectors), key=lambda d: d.signed.end_sort_key())
    found = [
        SectorEntry(
            "document",
            d,
            str(d.signed),
            d.type,
            tuple(dict.fromkeys(p.country for p in d.parties)),
            d.title,
            d.signed.precision,
        )
        for d in docs
    ]
    found += [
        SectorEntry("commitment", c, None, c.kind, c.countries, c.text) for c in ds.commitments if c.sector == sector
    ]
    return found


def sector_detail_listing(ds: m.Dataset, sector: str) -> Listing:
    """One sector's documents, then its commitments."""
    helps = {
        "kind": "document or commitment",
        "id": "record id",
        "date": "date signed (documents)",
        "type": "document type, or agreed/asked/plans",
        "countries": "countries or signing sides",
        "text": "title or commitment text",
    }
    priorities = {"kind": 1, "id": 1, "date": 4, "type": 3, "countries": 5, "text": 1}  # only the text wraps
    names = {"type": term_names(ds.vocabulary.document_types), "countries": country_names(ds)}
    columns = tuple(
        Column(
            n,
            h,
            marker="date_precision" if n == "date" else None,
            get=attrgetter(n),
            prose=n == "text",
            priority=priorities[n],
            names=names.get(n, ()),
        )
        for n, h in helps.items()
    )
    precision = Column(
        "date_precision", "day, month or year: how precisely the date is known", get=attrgetter("date_precision")
    )
    cite = cite_columns(ds, of=attrgetter("record"))
    return Listing(f"sector {sector}", (*columns, precision, *cite), tuple(helps), _entries(ds, sector))
