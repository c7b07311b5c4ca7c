"""Checks between records: every reference field is checked, and each unknown id is placed."""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest

from conftest import TESTS
from silkcli.dataset import checks
from silkcli.dataset import load as store
from silkcli.dataset import model as m

BASE = store.parse_bytes((TESTS / "bad_data" / "_valid_base.yaml").read_bytes(), "base.yaml")
RAW = msgspec.json.decode(msgspec.json.encode(BASE, enc_hook=m.encode_hook))  # lists and dicts
Path_ = tuple[str | int, ...]


def _struct_of(kind: Any) -> type[msgspec.Struct] | None:
    """The Struct class an annotation holds, if any."""
    if m.is_struct_type(kind):
        return kind
    return next((s for s in map(_struct_of, typing.get_args(kind)) if s is not None), None)


def _ref_paths(value: Any, cls: type[msgspec.Struct], path: Path_) -> Iterator[tuple[Path_, type, str]]:
    """The path of every reference value in ``value`` (the builtins of a ``cls``)."""
    for field in msgspec.structs.fields(cls):
        item = value.get(field.name)
        if item is None:
            continue
        where = path + (field.name,)
        if m.meta_extra(field.type, "refers_to") is not None:
            yield from (((where + (0,)) if isinstance(item, list) else where, cls, field.name),) if item else ()
        elif (inner := _struct_of(field.type)) is not None:
            items = enumerate(item) if isinstance(item, list) else [(None, item)]
            for i, element in items:
                yield from _ref_paths(element, inner, where if i is None else where + (i,))


REF_PATHS = sorted({(cls.__name__, name): path for path, cls, name in _ref_paths(RAW, m.Dataset, ())}.items())


def test_every_reference_field_is_declared_as_checked() -> None:
    """Each reference field (no id pattern of its own) names a list that ``checks`` looks its ids up in."""
    known = set(checks.id_sets(msgspec.convert(RAW, m.Dataset, dec_hook=m.decode_hook)))
    structs = {_struct_of(f.type) for f in msgspec.structs.fields(m.Dataset)} - {None}
    seen: set[type] = set()
    while structs:
        cls = structs.pop()
        seen.add(cls)
        for field in msgspec.structs.fields(cls):
            inner = _struct_of(field.type)
            if inner is not None and inner not in seen:
                structs.add(inner)
            target = m.meta_extra(field.type, "refers_to")
            if target is not None:
                assert target in known, f"{cls.__name__}.{field.name} refers to '{target}', which nothing checks"
    assert len(seen) >= 15


def test_the_base_dataset_exercises_most_reference_fields() -> None:
    """The test below covers a reference of nearly every kind the model has."""
    assert len(REF_PATHS) >= 20


@pytest.mark.parametrize(("field", "path"), REF_PATHS, ids=[".".join(f) for f, _ in REF_PATHS])
def test_an_unknown_id_in_any_reference_is_found_and_placed(field: tuple[str, str], path: Path_) -> None:
    """Replacing one reference with an unknown id gives exactly one problem, at that reference."""
    raw = copy.deepcopy(RAW)
    parent = raw
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = "zz-unknown"
    dataset = msgspec.convert(raw, m.Dataset, dec_hook=m.decode_hook)
    issues = checks.cross_issues(dataset)
    assert [where for where, _, _ in issues] == [path]
    assert issues[0][1].startswith("unknown ") and "'zz-unknown'" in issues[0][1]
