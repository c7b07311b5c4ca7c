"""References checked on the plain data of a file that failed the schema, so one run reports every problem.

When a value has the wrong type (``summit: yes``) the records cannot be built,
so the cross-record checks of :mod:`silkcli.dataset.checks` cannot run on
them; this walk finds unknown references (``sectors: [minning]``) in the
plain values instead, from the same ``refers_to`` declarations of the model.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Collection, Iterator
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset.kinds import SINGULAR
from silkcli.dataset.schema_errors import Issue
from silkcli.errors import suggest

Path_ = tuple[str | int, ...]


def _ids(items: Any) -> set[str] | None:
    """The string ids of a list's mappings; None when the list itself is not a list (its own problem)."""
    if not isinstance(items, list):
        return None
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _id_sets(raw: dict[str, Any]) -> dict[str, set[str] | None]:
    sets = {kind: _ids(raw.get(kind, [])) for kind in (*m.RECORD_KINDS, "sources")}
    partnership = raw.get("partnership")
    own = {partnership["id"]} if isinstance(partnership, dict) and isinstance(partnership.get("id"), str) else set()
    sets["records"] = own.union(*(s for k, s in sets.items() if s is not None and k != "sources"))
    vocabulary = raw.get("vocabulary") if isinstance(raw.get("vocabulary"), dict) else {}
    for field in m.fields_of(m.Vocabulary):
        sets[field.name] = _ids(vocabulary.get(field.name)) if vocabulary else None
    return sets


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, str | None, type | None], ...]:
    """Each field of ``cls`` naming records (with the list named) or holding a struct (with its class)."""
    found = []
    for field in m.fields_of(cls):
        target = m.meta_extra(field.type, "refers_to")
        nested = next((k for k in _args(field.type) if m.is_struct_type(k)), None)
        if target is not None or nested is not None:
            found.append((field.encode_name, target, nested))
    return tuple(found)


def _args(kind: Any) -> Iterator[Any]:
    yield kind
    for arg in typing.get_args(kind):
        yield from _args(arg)


def _walk(value: Any, cls: type, path: Path_, sets: dict[str, set[str] | None]) -> Iterator[Issue]:
    if not isinstance(value, dict):
        return
    for name, target, nested in _fields(cls):
        item = value.get(name)
        items = list(enumerate(item)) if isinstance(item, list) else [(None, item)]
        for i, one in items:
            where = path + (name,) + ((i,) if i is not None else ())
            valid = sets.get(target) if target else None
            if valid is not None and isinstance(one, str) and one not in valid:
                yield (where, f"unknown {SINGULAR[target or '']} '{one}'{suggest(one, valid)}", False)
            elif nested is not None:
                yield from _walk(one, nested, where, sets)


def reference_issues(raw: Any, *, broken: Collection[Path_] = ()) -> list[Issue]:
    """Unknown references anywhere in the plain data of a dataset file.

    References into a list that has a problem of its own (the paths in ``broken``)
    are not checked: a misspelt id would otherwise be reported again at each reference.
    """
    if not isinstance(raw, dict):
        return []
    sets = _id_sets(raw)
    for path in broken:
        name = path[1] if path[:1] == ("vocabulary",) and len(path) > 1 else path[0] if path else None
        if isinstance(name, str) and name in sets:
            sets[name] = None
            if name in m.RECORD_KINDS:
                sets["records"] = None
    issues = list(_walk(raw.get("partnership"), m.Partnership, ("partnership",), sets))
    for field in m.fields_of(m.Dataset):
        kind = next((k for k in _args(field.type) if m.is_struct_type(k) and issubclass(k, m.Record)), None)
        if kind is not None and field.name != "partnership" and isinstance(raw.get(field.name), list):
            for i, item in enumerate(raw[field.name]):
                issues.extend(_walk(item, kind, (field.name, i), sets))
    return issues
