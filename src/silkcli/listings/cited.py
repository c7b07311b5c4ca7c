"""One record in full, each field beside the citations that support it (``silkcli show``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.store import store_of
from silkcli.listings.listing import CiteEntry, Column, Layout, Listing, Row, Value

COLUMNS = (
    Column("field", "field name", priority=1),
    Column("value", "value", marker="value_marker", prose=True, priority=1),
    Column(
        "cited",
        "sources supporting the value; '(inferred)' where a quote implies it without stating it",
        prose=True,
        priority=2,
    ),
    Column("value_marker", "'no_date' for a source whose publication date is not known (n.d. in tables)"),
)
#: Not shown as fields of their own: the citations are listed after the fields.
_CITATION_KEYS = ("source", "evidence", "cites")


def cited_as(cites: tuple[m.Cite, ...]) -> str:
    """``djournal-23992; ajunews-20241203 (inferred)``: each supporting source once, inferred ones marked."""
    seen: dict[str, bool] = {}
    for cite in cites:
        seen[cite.source] = seen.get(cite.source, True) and cite.inferred
    return "; ".join(f"{sid} (inferred)" if inferred else sid for sid, inferred in seen.items())


def record_with_citations(ds: m.Dataset, kind: str, record: m.Record, flat: Any) -> Listing:
    """``record`` as field/value/cited rows, then its citations and their sources.

    ``flat`` turns a nested value into one cell (the listing module's own rule).
    """
    plain = msgspec.to_builtins(record, enc_hook=m.encode_hook)
    support = pv.support_map(record)
    rows: list[Row] = [{"field": "kind", "value": kind, "cited": None}]
    for key, value in plain.items():
        if key in _CITATION_KEYS:
            continue
        nested = getattr(record, key)
        structs = _cited_structs(key, nested)
        if structs:
            rows += [row for label, struct in structs for row in _struct_rows(label, struct, flat)]
        else:
            rows.append({"field": key, "value": flat(value), "cited": _cited_cell(key, support)})
    rows += _citation_rows(record)
    rows += _evidence_rows(record)
    named = list(_source_ids(record))
    sources = store_of(ds).by_ids("sources", set(named))
    used = [sources[sid] for sid in named if sid in sources]
    rows += _source_rows(used)
    document: dict[str, object] = {"kind": kind, **plain, "support": _support_document(support)}
    if used:
        document["source_detail"] = msgspec.to_builtins(used[0], enc_hook=m.encode_hook)
        document["sources_detail"] = [msgspec.to_builtins(s, enc_hook=m.encode_hook) for s in used]
    return Listing(kind, COLUMNS, ("field", "value", "cited"), rows, layout=Layout.record, record=document)


def _cited_cell(key: str, support: dict[str, tuple[m.Cite, ...]]) -> str | None:
    if key in support:
        return cited_as(support[key]) or "not cited"
    return None


def _cited_structs(key: str, value: object) -> list[tuple[str, msgspec.Struct]]:
    """Nested structs with citations of their own (amount, milestones, claims), labelled by path."""
    if isinstance(value, msgspec.Struct) and pv.citations(value):
        return [(key, value)]
    if isinstance(value, tuple):
        return [(f"{key}[{i}]", v) for i, v in enumerate(value) if isinstance(v, msgspec.Struct) and pv.citations(v)]
    return []


def _struct_rows(label: str, struct: msgspec.Struct, flat: Any) -> list[Row]:
    """A nested struct field by field, each with the struct's own citations that support it."""
    support = pv.support_map(struct)
    plain = msgspec.to_builtins(struct, enc_hook=m.encode_hook)
    return [
        {"field": f"{label}.{key}", "value": flat(value), "cited": _cited_cell(key, support)}
        for key, value in plain.items()
        if key not in _CITATION_KEYS
    ]


def _citation_rows(record: m.Record) -> list[Row]:
    rows: list[Row] = []
    for n, cite in enumerate(pv.citations(record), 1):
        covers = ", ".join(cite.fields) if cite.fields else "the record"
        note = f"supports {covers}" + (f"; inferred: {cite.how}" if cite.inferred else "")
        rows.append({"field": f"citation {n}", "value": cite.quote, "cited": f"{cite.source} ({note})"})
    return rows


def _evidence_rows(record: m.Record) -> list[Row]:
    """The short form under its own names, as ``show`` has always printed it."""
    if record.source is None or record.evidence is None:
        return []
    return [
        {"field": "source", "value": record.source, "cited": None},
        {"field": "evidence", "value": record.evidence, "cited": None},
    ]


def _source_ids(record: m.Record) -> list[str]:
    ids = dict.fromkeys(c.source for c in pv.citations(record))
    for key in ("milestones", "claims"):
        for item in getattr(record, key, ()):
            ids.update(dict.fromkeys(c.source for c in pv.citations(item)))
    amount = getattr(record, "amount", None)
    if amount is not None:
        ids.update(dict.fromkeys(c.source for c in pv.citations(amount)))
    return list(ids)


def _source_rows(used: list[m.Source]) -> list[Row]:
    rows: list[Row] = []
    for i, source in enumerate(used):
        prefix = "source" if i == 0 else f"source {source.id}"
        published: Value = str(source.published) if source.published else None
        for name, value in (
            ("title", source.title),
            ("publisher", source.publisher),
            ("published", published),
            ("url", source.url),
        ):
            rows.append({"field": f"{prefix}.{name}", "value": value, "cited": None})
        rows[-2]["value_marker"] = "no_date" if source.published is None else None
    return rows


def _support_document(support: dict[str, tuple[m.Cite, ...]]) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [msgspec.to_builtins(c) for c in cites]  # each with source, quote, fields, inferred, how
        for name, cites in support.items()
    }


class CiteGetter:
    """The getter of a ``--cite`` column: the sources of the fields a row shows (or of the record).

    :func:`~silkcli.listings.listing.shape` calls :meth:`for_fields` with the
    fields chosen, so a row names the sources of what it prints, inferred ones
    marked; without fields (or none of them a fact) it gives the record's
    first citation.
    """

    def __init__(
        self, of: Callable[[Any], Any], sources: Mapping[str, m.Source], part: str, fields: tuple[str, ...] = ()
    ) -> None:
        self.of, self.sources, self.part, self.fields = of, sources, part, fields

    def for_fields(self, fields: tuple[str, ...]) -> CiteGetter:
        """This getter for rows that show ``fields``."""
        return CiteGetter(self.of, self.sources, self.part, fields)

    def __call__(self, row: Any) -> Value:
        """The source ids, their URLs or the quotes, joined with '; ' (quotes with ' | '); or the citations."""
        record = self.of(row)
        if not isinstance(record, msgspec.Struct):
            return None
        support = pv.support_map(record)
        cites = list({(c.source, c.quote): c for f in self.fields for c in support.get(f, ())}.values())
        if not cites:
            first = pv.first_cite(record)
            cites = [first] if first is not None else []
        if not cites:
            return None
        if self.part == "cite":
            return tuple(cite_entry(c, self.sources.get(c.source)) for c in cites)
        if self.part == "source":
            return cited_as(tuple(cites))
        if self.part == "source_url":
            found = (self.sources.get(s) for s in dict.fromkeys(c.source for c in cites))
            return "; ".join(source.url if source is not None else "" for source in found)
        return " | ".join(c.quote for c in cites)


def cite_entry(cite: m.Cite, source: m.Source | None) -> CiteEntry:
    """One citation of a row, with its source's note (its id alone where the source is missing)."""
    url = source.url if source is not None else ""
    data = {"source": cite.source, "url": url, "quote": cite.quote, "fields": list(cite.fields)}
    note = cite.source if source is None else source_note(source)
    return CiteEntry(cite.source, cite.fields, data, inferred=cite.inferred, note=note)


def source_note(source: m.Source) -> str:
    """``Title. Publisher, 2024-12-03. URL`` (``n.d.`` where the date is not known), as a note names a source."""
    title = source.title if source.title.endswith((".", "?", "!")) else f"{source.title}."
    return f"{title} {source.publisher}, {source.published or 'n.d'}. {source.url}"
