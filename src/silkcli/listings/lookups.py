"""Listings that look across record kinds: sectors with their records, search, one record in full."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

import msgspec

from silkcli.dataset import model as m
from silkcli.listings.cited import record_with_citations
from silkcli.listings.listing import Column, Layout, Listing, Row, Value
from silkcli.listings.records import cite_columns, no_date, text_of


def sector_listing(ds: m.Dataset) -> Listing:
    """Every sector with its counts."""
    documents = {s.id: sum(s.id in d.sectors for d in ds.documents) for s in ds.sectors}
    commitments = {s.id: sum(c.sector == s.id for c in ds.commitments) for s in ds.sectors}
    source, _, evidence = cite_columns(ds)
    columns = (
        Column("id", "sector id", get=attrgetter("id")),
        Column("name", "sector name", get=attrgetter("name")),
        Column("documents", "documents in the sector", numeric=True, get=lambda s: documents[s.id]),
        Column("commitments", "commitments in the sector", numeric=True, get=lambda s: commitments[s.id]),
        source._replace(help="id of the source naming the sector"),
        evidence._replace(help="verbatim quote"),
    )
    return Listing("sectors", columns, ("id", "name", "documents", "commitments"), ds.sectors)


class SectorEntry(NamedTuple):
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
    columns = tuple(
        Column(n, h, marker="date_precision" if n == "date" else None, get=attrgetter(n)) for n, h in helps.items()
    )
    precision = Column(
        "date_precision", "day, month or year: how precisely the date is known", get=attrgetter("date_precision")
    )
    cite = cite_columns(ds, of=attrgetter("record"))
    return Listing(f"sector {sector}", (*columns, precision, *cite), tuple(helps), _entries(ds, sector))


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "source":  # an id reference, not text about the record
                yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


SEARCH_FIELDS = ("kind", "id", "field", "snippet")


def search_listing(ds: m.Dataset, text: str, kinds: frozenset[str] = frozenset()) -> Listing:
    """Every field of every record containing ``text`` (case-insensitive)."""
    pattern = re.compile(re.escape(text), re.IGNORECASE)
    found: list[Row] = []
    for kind, record in m.iter_records(ds, sources=True):
        if kinds and kind not in kinds:
            continue
        plain = msgspec.to_builtins(record, enc_hook=m.encode_hook)
        for field, value in _strings(plain, ""):
            match = pattern.search(value)
            if match:
                found.append({"kind": kind, "id": record.id, "field": field, "snippet": snippet(value, match)})
    helps = ("record kind", "record id", "field that matched", "text around the match")
    columns = tuple(Column(n, h, get=itemgetter(n)) for n, h in zip(SEARCH_FIELDS, helps, strict=True))
    return Listing("matches", columns, SEARCH_FIELDS, found, highlight=text)


def snippet(value: str, match: re.Match[str], radius: int = 40) -> str:
    """The match with up to ``radius`` characters either side, on one line."""
    start, end = max(0, match.start() - radius), min(len(value), match.end() + radius)
    text = " ".join(value[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(value) else "")


def record_listing(ds: m.Dataset, kind: str, record: m.Record | m.Source) -> Listing:
    """One record in full: field/value rows, its source's details appended (a record: each field with its citations)."""
    if isinstance(record, m.Record):
        return record_with_citations(ds, kind, record, _flat)
    plain = msgspec.to_builtins(record, enc_hook=m.encode_hook)
    rows: list[Row] = [{"field": "kind", "value": kind}]
    rows += [{"field": key, "value": _flat(value)} for key, value in plain.items()]
    if isinstance(record, m.Source):
        rows = [r | {"value_marker": no_date(record.published)} if r["field"] == "published" else r for r in rows]
    source_id = getattr(record, "source", None)
    source = next((s for s in ds.sources if s.id == source_id), None)
    document = {"kind": kind, **plain}
    if source is not None:
        rows += [
            {"field": "source.title", "value": source.title},
            {"field": "source.publisher", "value": source.publisher},
            {
                "field": "source.published",
                "value": text_of(source.published),
                "value_marker": no_date(source.published),
            },
            {"field": "source.url", "value": source.url},
        ]
        document["source_detail"] = msgspec.to_builtins(source, enc_hook=m.encode_hook)
    columns = (
        Column("field", "field name"),
        Column("value", "value", marker="value_marker"),
        Column("value_marker", "'no_date' for a source whose publication date is not known (n.d. in tables)"),
    )
    return Listing(kind, columns, ("field", "value"), rows, layout=Layout.record, record=document)


def _flat(value: Any) -> Value:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return msgspec.json.encode(value).decode("utf-8")
