"""Checks that span records: unique ids, references, dates, evidence quotes."""

from __future__ import annotations

import functools
import itertools
import operator
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.archive import ArchiveError, read_archive
from silkcli.dataset.kinds import SINGULAR
from silkcli.dataset.model import is_struct_type
from silkcli.dataset.provenance import cited as cited  # re-exported
from silkcli.dataset.provenance import records as records  # re-exported
from silkcli.dataset.schema_errors import Issue, suggest
from silkcli.errors import shorten

Path_ = tuple[str | int, ...]
_ID = operator.attrgetter("id")


def id_sets(ds: m.Dataset) -> dict[str, set[str]]:
    """The ids each reference may point at, by list name."""
    sets = {kind: set(map(_ID, getattr(ds, kind))) for kind in m.RECORD_KINDS}
    sets["sources"] = set(map(_ID, ds.sources))
    sets["records"] = set().union(*(sets[kind] for kind in m.RECORD_KINDS), [ds.partnership.id])
    for name in m.fields_of(m.Vocabulary):
        sets[name.name] = {t.id for t in getattr(ds.vocabulary, name.name)}
    return sets


def cross_issues(ds: m.Dataset) -> list[Issue]:
    """Every problem between records: duplicate ids, unknown references, events ending before they start."""
    sets = id_sets(ds)
    issues = duplicate_issues(ds, sets) + reference_issues(ds, sets) + date_issues(ds) + pairing_issues(ds)
    return issues + author_issues(ds)


def duplicate_issues(ds: m.Dataset, sets: dict[str, set[str]]) -> list[Issue]:
    """Ids used twice: across all records, among sources, within a vocabulary (``sets`` from :func:`id_sets`)."""
    counts = {kind: len(getattr(ds, kind)) for kind in m.RECORD_KINDS}
    counts["records"] = sum(counts.values()) + 1  # the partnership
    counts["sources"] = len(ds.sources)
    counts.update((f.name, len(getattr(ds.vocabulary, f.name))) for f in m.fields_of(m.Vocabulary))
    # The records' set holds every kind's ids, so it stands for them all in the check of case.
    folded = ("records", "sources", *(f.name for f in m.fields_of(m.Vocabulary)))
    if all(len(sets[name]) == count for name, count in counts.items()) and not any(
        _case_clash(sets[name]) for name in folded
    ):
        return []  # the usual case, found without a path per record
    return _located_duplicates(ds)


def _case_clash(ids: set[str]) -> bool:
    """Whether two of ``ids`` differ only in case (ids are ASCII, so ``lower`` folds them).

    Only an id with a capital can clash, so only those are folded: half the time of
    folding all 1.1 million ids of the largest benchmark (0.38 s against 0.69 s, measured
    on a busy machine).
    """
    folds = {ident: ident.lower() for ident in itertools.filterfalse(str.islower, ids)}  # also '2024' (no letter)
    capitals = {ident: low for ident, low in folds.items() if low != ident}
    return len(set(capitals.values())) < len(capitals) or any(low in ids for low in capitals.values())


def _located_duplicates(ds: m.Dataset) -> list[Issue]:
    issues: list[Issue] = []
    groups: list[list[tuple[Path_, str]]] = [
        [(path, r.id) for path, r in records(ds)],
        [(("sources", i), s.id) for i, s in enumerate(ds.sources)],
    ]
    for name in m.fields_of(m.Vocabulary):
        terms = getattr(ds.vocabulary, name.name)
        groups.append([(("vocabulary", name.name, i), t.id) for i, t in enumerate(terms)])
    for group in groups:
        first: dict[str, tuple[Path_, str]] = {}  # by the id in lower case
        for path, ident in group:
            if ident.lower() not in first:
                first[ident.lower()] = (path, ident)
                continue
            where, earlier = first[ident.lower()]
            if earlier == ident:
                message = f"duplicate id '{ident}' (first used at {dotted(where)})"
            else:  # lookups match ids in any case: 'MINING' would find 'mining'
                message = f"id '{ident}' differs only in case from '{earlier}' (at {dotted(where)})"
                message += "; ids must differ in more"
            issues.append((path + ("id",), message, False))
    return issues


def reference_issues(ds: m.Dataset, sets: dict[str, set[str]]) -> list[Issue]:
    """References to ids that do not exist, with a did-you-mean (``sets`` from :func:`id_sets`)."""
    kinds = [[ds.partnership]] + [list(getattr(ds, kind)) for kind in m.RECORD_KINDS]
    if all(_all_known(group, sets) for group in kinds if group):
        return []  # the usual case: one set comparison per field, no path per record
    issues: list[Issue] = []
    for path, record in records(ds):
        issues.extend(_walk_refs(record, path, sets))
    return issues


def _all_known(structs: list[Any], sets: dict[str, set[str]]) -> bool:
    """Whether every reference in ``structs`` (all of one class) names a known id.

    Field by field over the whole list, so 100,000 documents cost a few set
    operations instead of a walk with a path per value (~0.4 s).
    """
    cls: type[msgspec.Struct] = type(structs[0])
    for field, target, many in _plan(cls):
        values = list(map(operator.attrgetter(field), structs))
        if target is not None:
            named = set(itertools.chain.from_iterable(values)) if many else set(values)
            named.discard(None)
            if not named <= sets[target]:
                return False
            continue
        nested = list(itertools.chain.from_iterable(values)) if many else [v for v in values if v is not None]
        classes = set(map(type, nested))
        groups = [nested] if len(classes) == 1 else [[v for v in nested if type(v) is c] for c in classes]
        if not all(_all_known(group, sets) for group in groups if group):
            return False
    return True


def _origin_is_tuple(kind: Any) -> bool:
    origin = typing.get_origin(kind)
    if origin is tuple:
        return True
    if origin is typing.Annotated:
        return _origin_is_tuple(typing.get_args(kind)[0])
    return False


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str | None, bool], ...]:
    """The fields of ``cls`` worth visiting, in order: references with the list they name, and nested records.

    Each comes with whether it holds a tuple of values rather than one (or None).

    Both the set comparison of :func:`_all_known` and the located walk that
    runs when something is wrong visit only these.
    """
    fields = m.fields_of(m.model_class(cls))
    refs = {f.name: target for f in fields if (target := m.meta_extra(f.type, "refers_to")) is not None}
    return tuple(
        (f.name, refs.get(f.name), _origin_is_tuple(f.type)) for f in fields if f.name in refs or _holds_struct(f.type)
    )


def _holds_struct(kind: Any) -> bool:
    if is_struct_type(kind):
        return True
    return any(_holds_struct(arg) for arg in typing.get_args(kind))


def _walk_refs(struct: msgspec.Struct, path: Path_, sets: dict[str, set[str]]) -> Iterator[Issue]:
    for field, target, _ in _plan(type(struct)):
        value = getattr(struct, field)
        if target is not None:
            valid = sets[target]
            if not (valid.issuperset(value) if isinstance(value, tuple) else value is None or value in valid):
                yield from _check_ref(value, path + (field,), target, valid)
        elif isinstance(value, msgspec.Struct):
            yield from _walk_refs(value, path + (field,), sets)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, msgspec.Struct):
                    yield from _walk_refs(item, path + (field, i), sets)


def _check_ref(value: Any, path: Path_, target: str, valid: set[str]) -> Iterator[Issue]:
    values = [(path, value)] if not isinstance(value, tuple) else [(path + (i,), v) for i, v in enumerate(value)]
    for where, ident in values:
        if ident is not None and ident not in valid:
            label = SINGULAR[target]
            yield (where, f"unknown {label} '{ident}'{suggest(ident, valid)}", False)


def date_issues(ds: m.Dataset) -> list[Issue]:
    """Events that end before they start."""
    return [
        (("events", i, "end"), f"ends ({event.end}) before it starts ({event.date})", False)
        for i, event in enumerate(ds.events)
        if event.end is not None and event.end.last() < event.date.first()
    ]


def author_issues(ds: m.Dataset) -> list[Issue]:
    """Sources whose ``author_family`` is not the first or last part of their ``author`` (or have no author)."""
    return [
        (("sources", i, "author_family"), f"'{s.author_family}' is not the first or last part of {what}", False)
        for i, s in enumerate(ds.sources)
        if s.author_family is not None and m.author_name(s) is None
        for what in [f"the author '{s.author}'" if s.author else "an author (the source has none)"]
    ]


def pairing_issues(ds: m.Dataset) -> list[Issue]:
    """Records with a ``source`` but no ``evidence`` or the reverse: the short form is one citation, both or neither."""
    lists = [[ds.partnership]] + [getattr(ds, kind) for kind in m.RECORD_KINDS]
    if all(_all_paired(group) for group in lists):
        return []  # the usual case: a few C-level scans instead of a walk with a path per record
    return [
        (path + (lack,), f"`{have}` needs `{lack}` beside it (together they are one citation)", False)
        for path, record in records(ds)
        if (record.source is None) != (record.evidence is None)
        for have, lack in [("source", "evidence") if record.evidence is None else ("evidence", "source")]
    ]


def _all_paired(group: list[m.Record]) -> bool:
    sources = list(map(operator.attrgetter("source"), group))
    evidence = list(map(operator.attrgetter("evidence"), group))
    if None not in sources and None not in evidence:
        return True
    return all((s is None) == (e is None) for s, e in zip(sources, evidence, strict=True))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence_issues(ds: m.Dataset, sources_dir: Path, *, limit: int) -> list[Issue]:
    """Evidence quotes that do not appear verbatim in their source's archive (files of at most ``limit`` bytes)."""
    archives: dict[str, str | None] = {}
    issues: list[Issue] = []
    for i, source in enumerate(ds.sources):
        if source.archive is None:
            continue
        try:
            archives[source.id] = _squash(read_archive(sources_dir / source.archive, limit))
        except ArchiveError as exc:
            archives[source.id] = None
            issues.append(
                (("sources", i, "archive"), f"cannot read archive {sources_dir / source.archive}: {exc}", False)
            )
    names = {s.id: s.archive for s in ds.sources}
    for path, source_id, evidence in cited(ds):
        text = archives.get(source_id)
        if text is not None and _squash(evidence) not in text:
            issues.append((path, f"evidence not found in {names[source_id]}", False))
    return issues


def dotted(path: Path_) -> str:
    """``('documents', 3, 'sector')`` to ``documents[3].sector``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{shorten(part)}" if out else shorten(part))
    return out
