"""Small immutable values (a column, an output request, a problem) that cost next to nothing to declare.

A ``typing.NamedTuple`` class costs 0.4-0.7 ms to create (``collections.namedtuple``
compiles code for it, and with string annotations each field type is compiled
too): the eleven on a query's path cost it ~5 ms of start-up, more than the
rest of some commands. A class made from :class:`Plain` costs a few
microseconds, and mypy checks its constructor as it would a dataclass's
(PEP 681).

A subclass declares its fields as annotations, in order, with defaults where
they have them; instances take them by position or by name, compare and hash
by them, unpack into them, and are never changed (:meth:`Plain._replace` makes a changed copy).
A field left out, misspelt or given twice is a TypeError (and mypy catches it first, as
for a dataclass under PEP 681): ``View(widht=100)`` fails instead of leaving ``width`` unset.

It is the one kind of value class: msgspec Structs are only for what msgspec decodes or encodes
(the dataset model, the cache's entries, the check report that ``check -f json`` prints), and a
mutable accumulator is an ordinary class. Measured here (Python 3.11, 2 shared cores): a Plain class
costs 0.03-0.08 ms to create; a ``dataclass(frozen=True, slots=True, kw_only=True)`` 1.5 ms, and
importing ``dataclasses`` 3 ms more, which none of the commands' paths imports otherwise (about 60 ms
for the classes here); a msgspec Struct class 0.04 ms, but msgspec's import (10 ms) would land on
``--help`` and completion, which import no msgspec.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Any:
        """What mypy reads as PEP 681's decorator (typing has it only from Python 3.11): nothing at run time."""
        return lambda cls: cls


_P = TypeVar("_P", bound="Plain")


@dataclass_transform(frozen_default=True, eq_default=True)
class Plain:
    """Base of a small immutable value: fields from the annotations, given by position or by name."""

    #: the fields, in order (a subclass's own after its base's)
    _fields: ClassVar[tuple[str, ...]] = ()
    #: the fields without a default
    _required: ClassVar[frozenset[str]] = frozenset()
    #: fields are given by name only (``class About(Plain, kw_only=True)``)
    _kw_only: ClassVar[bool] = False

    def __init_subclass__(cls, *, kw_only: bool = False) -> None:
        cls._kw_only = kw_only or cls._kw_only
        own = cls.__dict__.get("__annotations__", {})
        names = [name for name, kind in own.items() if not str(kind).split("[")[0].endswith("ClassVar")]
        cls._fields = cls._fields + tuple(name for name in names if name not in cls._fields)
        cls._required = frozenset(name for name in cls._fields if not hasattr(cls, name))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if args and self._kw_only:
            raise TypeError(f"{type(self).__name__} takes its fields by name only")
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        values = self.__dict__
        values.update(zip(fields, args, strict=False))
        if kwargs:
            wrong = [name for name in kwargs if name not in fields or name in values]
            if wrong:
                raise TypeError(f"{type(self).__name__}: unknown or repeated field {wrong[0]!r}")
            values.update(kwargs)
        if len(values) < len(fields) and not self._required <= values.keys():
            missing = sorted(self._required - values.keys())
            raise TypeError(f"{type(self).__name__}: missing field {missing[0]!r}")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed: use _replace")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __iter__(self) -> Iterator[Any]:
        """The fields' values in order, so that a value unpacks as the NamedTuple it replaced did."""
        return iter(self._values())

    def _replace(self: _P, **changes: Any) -> _P:
        """A copy with ``changes`` (as a NamedTuple's ``_replace``)."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def _asdict(self) -> dict[str, Any]:
        """The fields by name, in order (as a NamedTuple's ``_asdict``)."""
        return dict(zip(self._fields, self._values(), strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plain) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"
