"""One record in full (``show``): finding it by id, id suffix or name, and what refers to it.

References are found from the model's declarations (``Meta(extra={"refers_to": …})``
on a field), so a new reference field is seen here without changing this module.
"""

from __future__ import annotations

from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.store import store_of
from silkcli.errors import UsageError
from silkcli.listings.cited import record_with_citations
from silkcli.listings.listing import Column, Layout, Listing, Row, Value
from silkcli.listings.progress import step_line
from silkcli.listings.records import no_date
from silkcli.listings.select import Choice, country_choices, person_choices, resolve_one
from silkcli.plain import Plain

_SUGGESTED = 3
Found = tuple[str, "m.Record | m.Source"]


def label(record: m.Record | m.Source) -> str:
    """What a record is called: its name, title, text or summary (the first it has)."""
    for field in ("name", "title", "summary", "text", "label", "what"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            return value
    return ""


def find_record(ds: m.Dataset, ident: str) -> Found:
    """The record (or source) an id, a name or an unambiguous id suffix names; case-insensitive."""
    by_id = store_of(ds).first_with_id(ident.strip().lower())
    if by_id is not None:  # what the choices below would find first, without building them
        return by_id
    found: dict[str, Found] = {}
    for kind, record in m.iter_records(ds, sources=True):
        found.setdefault(record.id, (kind, record))
    choices = _choices(ds, found)
    try:
        return found[resolve_one(ident, choices, "record")]
    except UsageError as exc:
        if not exc.message.startswith("unknown"):
            raise
    needle = ident.strip().lower()
    suffixed = [key for key in found if key.lower().endswith(("-" + needle, "." + needle, "_" + needle))]
    if len(suffixed) == 1:
        return found[suffixed[0]]
    if suffixed:
        raise UsageError(f"record '{ident}' is ambiguous", hint="it could be: " + ", ".join(suffixed[:10]))
    raise _unknown(ident, choices)


def _choices(ds: m.Dataset, found: dict[str, Found]) -> list[Choice]:
    people = {c.id: c for c in person_choices(ds)}
    countries = {c.id: c for c in country_choices(ds)}  # what --country takes, short names too
    choices = []
    for key, (kind, record) in found.items():
        aliases = people[key].aliases if kind == "people" else ()
        aliases += countries[key].aliases if kind == "countries" and key in countries else ()
        choices.append(Choice(key, label(record) or None, aliases))
    return choices


def _unknown(ident: str, choices: list[Choice]) -> UsageError:
    """No record: the closest few ids and names, and where to look instead."""
    import difflib  # noqa: PLC0415 - start-up: only this error needs it

    spelled = {s.lower(): c.id for c in choices for s in (c.id, c.name or "", *c.aliases) if s}
    close = difflib.get_close_matches(ident.strip().lower(), list(spelled), n=_SUGGESTED * 3, cutoff=0.5)
    ids = list(dict.fromkeys(spelled[c] for c in close))[:_SUGGESTED]
    mean = f" (did you mean {' or '.join(repr(i) for i in ids)}?)" if ids else ""
    return UsageError(f"no record '{ident}'{mean}", hint=f"to look for it by text: silkcli search {ident}")


class Referrer(Plain):
    """A record that names another one, and in which of its fields."""

    kind: str
    id: str
    label: str
    field: str


def referrers(ds: m.Dataset, kind: str, ident: str) -> list[Referrer]:
    """The records that name this one (once each, in file order), and the first field naming it."""
    found: dict[str, Referrer] = {}
    for other_kind, record in store_of(ds).naming(ident):
        for target, named, field in m.references(record):
            if named == ident and target in (kind, "records") and record.id not in found:
                found[record.id] = Referrer(other_kind, record.id, label(record), field)
    return list(found.values())


def record_listing(ds: m.Dataset, kind: str, record: m.Record | m.Source) -> Listing:
    """One record in full: its fields (a record's each with its citations), its sources, and what refers to it."""
    found = record_with_citations(ds, kind, record, _flat) if isinstance(record, m.Record) else _source_listing(record)
    others = referrers(ds, kind, record.id)
    step = [{"field": "latest_step", "value": step_line(record, ds.meta)}] if isinstance(record, m.Document) else []
    rows = [*found.rows, *step, *({"field": f"referred_by.{r.kind}", "value": r.id} for r in others)]
    document = {**(found.record or {}), **{r["field"]: r["value"] for r in step}}
    document["referred_by"] = [r._asdict() for r in others]
    return found._replace(rows=rows, record=document)


def _source_listing(source: m.Source) -> Listing:
    """A source's fields (one with no known date is cited n.d. in tables)."""
    plain = msgspec.to_builtins(source, enc_hook=m.encode_hook)
    rows: list[Row] = [{"field": "kind", "value": "sources"}]
    for key, value in plain.items():
        marker = {"value_marker": no_date(source.published)} if key == "published" else {}
        rows.append({"field": key, "value": _flat(value), **marker})
    columns = (
        Column("field", "field name", priority=1),
        Column("value", "value", marker="value_marker", prose=True, priority=1),
        Column("value_marker", "'no_date' for a source whose publication date is not known (n.d. in tables)"),
    )
    return Listing(
        "sources", columns, ("field", "value"), rows, layout=Layout.record, record={"kind": "sources", **plain}
    )


def _flat(value: Any) -> Value:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return msgspec.json.encode(value).decode("utf-8")
