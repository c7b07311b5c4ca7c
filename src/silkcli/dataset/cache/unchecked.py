"""Decoding data this program validated itself, without checking it again.

A cache entry holds a dataset that passed the schema when it was written and
whose checksum still matches, so re-checking every id and text against the
schema's patterns on each load only costs time (about half of a large load).
:func:`unchecked` derives, once, subclasses of the model's Structs whose fields
carry the same types without the constraints; decoded records are still
instances of the model classes.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, TypeVar, cast

import msgspec

from silkcli.dataset.model import fields_of, is_struct_type


def _strip(kind: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _strip(typing.get_args(kind)[0])
    if is_struct_type(kind):
        return _derive(kind)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_strip(arg) for arg in typing.get_args(kind))]  # noqa: UP007 - built from a tuple
    if origin is tuple:
        return tuple[_strip(typing.get_args(kind)[0]), ...]  # type: ignore[misc]
    return kind


S = TypeVar("S", bound=msgspec.Struct)


def unchecked(cls: type[S]) -> type[S]:
    """A subclass of ``cls`` with the same fields, minus their constraints."""
    return cast("type[S]", _derive(cls))


@functools.cache
def _derive(cls: type[msgspec.Struct]) -> type[msgspec.Struct]:
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for info in fields_of(cls):
        kind = _strip(info.type)
        fields.append((info.name, kind) if info.required else (info.name, kind, info.default))
    return msgspec.defstruct(
        cls.__name__, fields, bases=(cls,), module=cls.__module__, kw_only=True, namespace={"__model__": cls}
    )
