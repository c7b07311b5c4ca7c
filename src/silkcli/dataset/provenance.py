"""Which citation supports which fact, and whether each quote can be seen to say it.

A record's facts are the fields its model marks with ``FACT``. Each citation
(the ``source``/``evidence`` short form, or an entry of ``cites``) supports
the fields it names, or, naming none, every field that no citation names:
a specific citation always wins over a general one for its fields.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

import msgspec

from silkcli.dataset import model as m

Path_ = tuple[str | int, ...]
#: (path, message, points at the key): the shape ``schema_errors.Issue`` has.
Issue = tuple[Path_, str, bool]


def _is_fact(kind: Any) -> bool:
    if typing.get_origin(kind) is typing.Annotated:
        if any(isinstance(meta, msgspec.Meta) and (meta.extra or {}).get("fact") for meta in kind.__metadata__):
            return True
    return any(_is_fact(arg) for arg in typing.get_args(kind))


def _scalar_kinds(kind: Any) -> set[type]:
    """The plain types a field's annotation allows (through Annotated, unions and Optional)."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _scalar_kinds(typing.get_args(kind)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_scalar_kinds(arg) for arg in typing.get_args(kind)))
    return {kind} if isinstance(kind, type) else set()


@functools.cache
def fact_fields(cls: type) -> tuple[str, ...]:
    """The names of the fact fields of a record or nested struct class, in declaration order."""
    cls = m.model_class(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(f.name for f in m.fields_of(cls) if _is_fact(hints[f.name]))


@functools.cache
def checkable(cls: type) -> dict[str, str]:
    """Fact fields whose value a quote can be checked for: ``{"date": "date", "value": "number"}``."""
    cls = m.model_class(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    out: dict[str, str] = {}
    for name in fact_fields(cls):
        kinds = _scalar_kinds(hints[name])
        if m.PartialDate in kinds:
            out[name] = "date"
        elif kinds & {int, float} and bool not in kinds:
            out[name] = "number"
    return out


def citations(struct: msgspec.Struct) -> tuple[m.Cite, ...]:
    """Every citation on a record or nested struct, the short form first."""
    source, evidence = getattr(struct, "source", None), getattr(struct, "evidence", None)
    extra: tuple[m.Cite, ...] = getattr(struct, "cites", ())
    if source is None or evidence is None:
        return extra
    return (m.Cite(source=source, quote=evidence), *extra)


def first_cite(struct: msgspec.Struct) -> m.Cite | None:
    """The record's first citation (its short form when it has one), or None if it has none."""
    cites = citations(struct)
    return cites[0] if cites else None


def has_value(value: Any) -> bool:
    """Whether a field holds a fact (None and empty lists do not)."""
    return value is not None and value != ()


def supporting(struct: msgspec.Struct, field: str) -> tuple[m.Cite, ...]:
    """The citations that support ``field``: those naming it, else those naming no field."""
    cites = citations(struct)
    named = tuple(c for c in cites if field in c.fields)
    return named or tuple(c for c in cites if not c.fields)


def support_map(struct: msgspec.Struct) -> dict[str, tuple[m.Cite, ...]]:
    """Each fact field with a value, and the citations that support it (as :func:`supporting` says)."""
    cites = citations(struct)
    general = tuple(c for c in cites if not c.fields)
    named = [c for c in cites if c.fields]
    out: dict[str, tuple[m.Cite, ...]] = {}
    for name in fact_fields(type(struct)):
        if has_value(getattr(struct, name)):
            out[name] = tuple(c for c in named if name in c.fields) or general
    return out


def sources_of(struct: msgspec.Struct, fields: typing.Iterable[str]) -> tuple[str, ...]:
    """The ids of the sources that support any of ``fields`` of ``struct``, in citation order, once each."""
    wanted = set(fields)
    out: dict[str, None] = {}
    for cite in citations(struct):
        covers = set(cite.fields) if cite.fields else wanted - _named(struct)
        if covers & wanted:
            out[cite.source] = None
    return tuple(out)


def source_of(struct: msgspec.Struct, field: str = "value") -> str | None:
    """The first source that supports ``field`` of ``struct`` (a statistic's value, by default), if any."""
    found = sources_of(struct, (field,))
    return found[0] if found else None


def _named(struct: msgspec.Struct) -> set[str]:
    return {f for c in citations(struct) for f in c.fields}


def records(ds: m.Dataset) -> Iterator[tuple[Path_, m.Record]]:
    """Every record with its path, the partnership included."""
    yield ("partnership",), ds.partnership
    for kind in m.RECORD_KINDS:
        for i, record in enumerate(getattr(ds, kind)):
            yield (kind, i), record


def cited_structs(ds: m.Dataset) -> Iterator[tuple[Path_, msgspec.Struct]]:
    """Every record and nested struct that carries its own citations, with its path."""
    for path, record in records(ds):
        yield path, record
        for i, stone in enumerate(getattr(record, "milestones", ())):
            yield path + ("milestones", i), stone
        amount = getattr(record, "amount", None)
        if amount is not None:
            yield path + ("amount",), amount
        for i, claim in enumerate(getattr(record, "claims", ())):
            yield path + ("claims", i), claim


def cited(ds: m.Dataset) -> Iterator[tuple[Path_, str, str]]:
    """Every (path of the quote, source id, quote) in the dataset, nested ones and ``cites`` too."""
    for path, struct in cited_structs(ds):
        source, evidence = getattr(struct, "source", None), getattr(struct, "evidence", None)
        if source is not None and evidence is not None:
            yield path + ("evidence",), source, evidence
        for i, cite in enumerate(getattr(struct, "cites", ())):
            yield path + ("cites", i, "quote"), cite.source, cite.quote
