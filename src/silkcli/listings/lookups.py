"""Listing rows for sectors, reserves, key figures, search and show."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.listings import shares as figures
from silkcli.listings.listing import Column, Listing, Row, Value, with_cite_columns
from silkcli.listings.records import source_urls

SECTOR_COLUMNS = (
    Column("id", "sector id"),
    Column("name", "sector name"),
    Column("documents", "documents in the sector", numeric=True),
    Column("commitments", "commitments in the sector", numeric=True),
    Column("source", "id of the source naming the sector"),
    Column("evidence", "verbatim quote"),
)


def sectors(ds: m.Dataset) -> Listing:
    """Every sector with its counts."""
    rows: list[Row] = [
        {
            "id": s.id,
            "name": s.name,
            "documents": sum(s.id in d.sectors for d in ds.documents),
            "commitments": sum(c.sector == s.id for c in ds.commitments),
            "source": s.source,
            "evidence": s.evidence,
        }
        for s in ds.sectors
    ]
    return Listing("sectors", SECTOR_COLUMNS, ("id", "name", "documents", "commitments"), rows)


SECTOR_DETAIL_COLUMNS = with_cite_columns(
    (
        Column("kind", "document or commitment"),
        Column("id", "record id"),
        Column("date", "date signed (documents)"),
        Column("type", "document type, or agreed/asked/plans"),
        Column("countries", "countries or signing sides"),
        Column("text", "title or commitment text"),
    )
)


def sector_detail(ds: m.Dataset, sector: str) -> Listing:
    """One sector's documents, then its commitments."""
    urls = source_urls(ds)
    rows: list[Row] = []
    for d in sorted((d for d in ds.documents if sector in d.sectors), key=lambda d: d.signed.sort_key()):
        sides = tuple(dict.fromkeys(p.country for p in d.parties))
        rows.append(_detail("document", d, str(d.signed), d.type, sides, d.title, urls))
    for c in ds.commitments:
        if c.sector == sector:
            rows.append(_detail("commitment", c, None, c.kind, c.countries, c.text, urls))
    default = ("kind", "id", "date", "type", "countries", "text")
    return Listing(f"sector {sector}", SECTOR_DETAIL_COLUMNS, default, rows)


def _detail(
    kind: str, record: m.Record, date: str | None, what: str, sides: tuple[str, ...], text: str, urls: dict[str, str]
) -> Row:
    return {
        "kind": kind,
        "id": record.id,
        "date": date,
        "type": what,
        "countries": sides,
        "text": text,
        "source": record.source,
        "source_url": urls.get(record.source),
        "evidence": record.evidence,
    }


def _marker(stat: m.Statistic | None) -> str | None:
    return None if stat is None or stat.marker == "none" else stat.marker


def reserves(ds: m.Dataset, topic: str, *, countries: frozenset[str] = frozenset(), top: int | None = None) -> Listing:
    """Reserves and mine production per country, with computed shares and ranks."""
    periods = figures.production_periods(ds, topic)
    table = figures.reserve_rows(ds, topic)
    urls = source_urls(ds)
    columns = [
        Column("rank", "rank by reserves (computed; ties share a rank)", numeric=True),
        Column("country", "country code (empty for the world total)"),
        Column("name", "country, or the world total's label"),
        Column("reserves_t", "reserves, metric tons", numeric=True, marker="reserves_marker"),
        Column("reserves_marker", "estimated, not_available, zero or lower_bound"),
        Column("share_pct", "share of world reserves, % (computed)", numeric=True, marker="share_bound"),
        Column("share_bound", "'upper' when the world total is only a lower bound"),
    ]
    for year in periods:
        columns.append(
            Column(f"prod_{year}_t", f"mine production {year}, t", numeric=True, marker=f"prod_{year}_marker")
        )
        columns.append(Column(f"prod_{year}_marker", f"marker of the {year} figure"))
    latest = periods[-1] if periods else ""
    columns.append(Column("prod_share_pct", f"share of world mine production {latest}, % (computed)", numeric=True))
    rows: list[Row] = []
    for row in table:
        if countries and row.code not in countries:
            continue
        if top is not None and row.code and (row.rank is None or row.rank > top):
            continue
        rows.append(_reserve_row(row, periods, urls))
    listing_columns = with_cite_columns(columns)
    default = tuple(c.name for c in columns)
    notes = (
        ("reserve shares are upper bounds: the source gives the world total only as a lower bound",)
        if any(r.share_is_upper_bound and r.reserves_share is not None for r in table)
        else ()
    )
    return Listing("reserves", listing_columns, default, rows, notes=notes)


def _reserve_row(row: figures.ReserveRow, periods: list[str], urls: dict[str, str]) -> Row:
    stat = row.reserves
    out: Row = {
        "rank": row.rank,
        "country": row.code,
        "name": row.label,
        "reserves_t": stat.value if stat else None,
        "reserves_marker": _marker(stat),
        "share_pct": _round(row.reserves_share),
        "share_bound": "upper" if row.reserves_share is not None and row.share_is_upper_bound else None,
    }
    for year in periods:
        prod = row.production.get(year)
        out[f"prod_{year}_t"] = prod.value if prod else None
        out[f"prod_{year}_marker"] = _marker(prod)
    out["prod_share_pct"] = _round(row.production_share)
    cite = stat or next(iter(row.production.values()), None)
    out.update(source=cite.source if cite else None, source_url=urls.get(cite.source) if cite else None)
    out["evidence"] = cite.evidence if cite else None
    return out


def _round(value: int | float | None) -> int | float | None:
    return round(value, 3) if isinstance(value, float) else value


STAT_COLUMNS = with_cite_columns(
    (
        Column("id", "statistic id"),
        Column("topic", "topic"),
        Column("metric", "what is measured"),
        Column("country", "country code (empty for a world total)"),
        Column("period", "year the figure is for"),
        Column("value", "the figure as the source gives it", numeric=True, marker="marker"),
        Column("marker", "estimated, approximate, lower_bound, not_available or zero"),
        Column("unit", "unit"),
        Column("as_of", "when the source published it"),
        Column("claim", "an attributed claim rather than the source's own data"),
        Column("attribution", "whom the source attributes it to"),
        Column("computed", "what the data gives for this claim (computed)", numeric=True, marker="computed_bound"),
        Column("computed_bound", "'upper' when the computed value is an upper bound"),
        Column("computed_from", "how 'computed' was derived"),
        Column("discrepancy", "id of the discrepancy record about it"),
    )
)


def key_figures(ds: m.Dataset, topics: frozenset[str] = frozenset()) -> Listing:
    """Claims and standalone figures, plus the partnership's parties' table rows and world totals."""
    parties = set(ds.partnership.parties)
    flagged = {rid: d.id for d in ds.discrepancies for rid in d.related}
    urls = source_urls(ds)
    check = figures.claim_checker(ds)
    rows: list[Row] = []
    for s in ds.statistics:
        in_table = s.metric in (figures.RESERVES, figures.PRODUCTION) and not s.claim
        if (topics and s.topic not in topics) or (in_table and s.country is not None and s.country not in parties):
            continue
        computed, how = check(s) if s.claim else (None, "")
        rows.append(
            {
                "id": s.id,
                "topic": s.topic,
                "metric": s.metric,
                "country": s.country,
                "period": str(s.period) if s.period else None,
                "value": s.value,
                "marker": _marker(s),
                "unit": s.unit,
                "as_of": str(s.as_of) if s.as_of else None,
                "claim": s.claim,
                "attribution": s.attribution,
                "computed": _round(computed),
                "computed_bound": "upper" if "upper bound" in how else None,
                "computed_from": how or None,
                "discrepancy": flagged.get(s.id),
                "source": s.source,
                "source_url": urls.get(s.source),
                "evidence": s.evidence,
            }
        )
    default = (
        "id",
        "metric",
        "country",
        "period",
        "value",
        "marker",
        "unit",
        "as_of",
        "source",
        "computed",
        "discrepancy",
    )
    return Listing("statistics", STAT_COLUMNS, default, rows)


SEARCH_COLUMNS = (
    Column("kind", "record kind"),
    Column("id", "record id"),
    Column("field", "field that matched"),
    Column("snippet", "text around the match"),
)


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


def search(ds: m.Dataset, text: str, kinds: frozenset[str] = frozenset()) -> Listing:
    """Every field of every record containing ``text`` (case-insensitive)."""
    pattern = re.compile(re.escape(text), re.IGNORECASE)
    rows: list[Row] = []
    groups = (
        [("partnership", (ds.partnership,))] + [(k, getattr(ds, k)) for k in m.RECORD_KINDS] + [("sources", ds.sources)]
    )
    for kind, records in groups:
        if kinds and kind not in kinds:
            continue
        for record in records:
            plain = msgspec.to_builtins(record, enc_hook=m.encode_hook)
            for field, value in _strings(plain, ""):
                match = pattern.search(value)
                if match:
                    rows.append({"kind": kind, "id": record.id, "field": field, "snippet": snippet(value, match)})
    return Listing("matches", SEARCH_COLUMNS, ("kind", "id", "field", "snippet"), rows, highlight=text)


def snippet(value: str, match: re.Match[str], radius: int = 40) -> str:
    """The match with up to ``radius`` characters either side, on one line."""
    start, end = max(0, match.start() - radius), min(len(value), match.end() + radius)
    text = " ".join(value[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(value) else "")


def record_fields(ds: m.Dataset, kind: str, record: m.Record | m.Source) -> Listing:
    """One record as field/value rows, its source's details appended."""
    plain = msgspec.to_builtins(record, enc_hook=m.encode_hook)
    rows: list[Row] = [{"field": "kind", "value": kind}]
    rows += [{"field": key, "value": _flat(value)} for key, value in plain.items()]
    source_id = getattr(record, "source", None)
    source = next((s for s in ds.sources if s.id == source_id), None)
    if source is not None:
        rows += [
            {"field": "source.title", "value": source.title},
            {"field": "source.publisher", "value": source.publisher},
            {"field": "source.published", "value": str(source.published) if source.published else None},
            {"field": "source.url", "value": source.url},
        ]
    columns = (Column("field", "field name"), Column("value", "value"))
    document = {"kind": kind, **plain}
    if source is not None:
        document["source_detail"] = msgspec.to_builtins(source, enc_hook=m.encode_hook)
    return Listing(kind, columns, ("field", "value"), rows, document=document)


def _flat(value: Any) -> Value:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return msgspec.json.encode(value).decode("utf-8")
