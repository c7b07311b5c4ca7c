"""Listings that look across record kinds: sectors with their records, and search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter, itemgetter
from typing import Any

import msgspec
import msgspec.structs

from silkcli.dataset import model as m
from silkcli.listings.listing import Column, Listing, Row
from silkcli.listings.records import cite_columns


def sector_listing(ds: m.Dataset) -> Listing:
    """Every sector with its counts."""
    documents = {s.id: sum(s.id in d.sectors for d in ds.documents) for s in ds.sectors}
    commitments = {s.id: sum(c.sector == s.id for c in ds.commitments) for s in ds.sectors}
    source, _, evidence = cite_columns(ds)
    columns = (
        Column("id", "sector id", get=attrgetter("id"), priority=1),
        Column("name", "sector name", get=attrgetter("name"), prose=True, priority=1),
        Column("documents", "documents in the sector", numeric=True, get=lambda s: documents[s.id]),
        Column("commitments", "commitments in the sector", numeric=True, get=lambda s: commitments[s.id]),
        source._replace(help="id of the source naming the sector"),
        evidence._replace(help="verbatim quote"),
    )
    return Listing("sectors", columns, ("id", "name", "documents", "commitments"), ds.sectors)


class SectorEntry(msgspec.Struct, frozen=True):
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
    columns = tuple(
        Column(
            n,
            h,
            marker="date_precision" if n == "date" else None,
            get=attrgetter(n),
            prose=n == "text",
            priority=priorities[n],
        )
        for n, h in helps.items()
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


SEARCH_FIELDS = ("kind", "id", "title", "fields", "snippet")
#: Fields that name a record: a match there ranks first.
TITLE_FIELDS = frozenset({"name", "title", "topic", "label", "native_title", "native_name", "official_name"})


class _Hit(msgspec.Struct, frozen=True):
    rank: tuple[bool, bool, bool]
    row: Row


def _hit(kind: str, record: m.Record | m.Source, terms: list[re.Pattern[str]], phrase: re.Pattern[str]) -> _Hit | None:
    """How well a record matches every term, or None when one term is missing from it."""
    strings = list(_strings(msgspec.to_builtins(record, enc_hook=m.encode_hook), ""))
    strings.sort(key=lambda pair: pair[0] not in TITLE_FIELDS)  # the snippet comes from a title first
    matched = [[f for f, v in strings if t.search(v)] for t in terms]
    if not all(matched):
        return None
    fields = tuple(dict.fromkeys(f for found in matched for f in found))
    in_title = all(any(f in TITLE_FIELDS for f in found) for found in matched)
    words = all(any(re.search(rf"\b{t.pattern}\b", v, re.IGNORECASE) for _, v in strings) for t in terms)
    whole = next(((f, v) for f, v in strings if phrase.search(v)), None)
    field, value = whole or next((f, v) for f, v in strings if f == matched[0][0])
    match = (phrase if whole else terms[0]).search(value)
    assert match is not None
    title = next((v for f, v in strings if f in TITLE_FIELDS), "") or next((v for f, v in strings if f == "text"), "")
    row: Row = {"kind": kind, "id": record.id, "title": title, "fields": fields, "snippet": snippet(value, match)}
    return _Hit((not in_title, not words, whole is None), row)


def search_listing(ds: m.Dataset, text: str, kinds: frozenset[str] = frozenset()) -> Listing:
    """One row per record holding every word of ``text`` (case-insensitive), best matches first.

    A match in a record's name or title ranks before one elsewhere, whole words before parts of
    words, the words together before the words apart; then file order.
    """
    words = text.split()
    terms = [re.compile(re.escape(w), re.IGNORECASE) for w in words]
    phrase = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    hits = [
        hit
        for kind, record in m.iter_records(ds, sources=True, holding=words)
        if not kinds or kind in kinds
        if (hit := _hit(kind, record, terms, phrase)) is not None
    ]
    hits.sort(key=lambda h: h.rank)
    helps = ("record kind", "record id", "its name or title", "fields that matched", "text around the match")
    priorities = (3, 1, 2, 4, 1)  # the name or title and the snippet wrap; the others never break
    columns = tuple(
        Column(n, h, get=itemgetter(n), prose=n in ("title", "snippet"), priority=p)
        for n, h, p in zip(SEARCH_FIELDS, helps, priorities, strict=True)
    )
    return Listing("matches", columns, SEARCH_FIELDS, [h.row for h in hits], highlight=text)


def snippet(value: str, match: re.Match[str], radius: int = 40) -> str:
    """The match with up to ``radius`` characters either side, on one line."""
    start, end = max(0, match.start() - radius), min(len(value), match.end() + radius)
    text = " ".join(value[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(value) else "")
