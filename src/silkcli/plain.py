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
A field left out or misspelt is caught by mypy, not at run time (as with a dataclass under PEP 681).
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

    def __init_subclass__(cls) -> None:
        own = cls.__dict__.get("__annotations__", {})
        names = [name for name, kind in own.items() if not str(kind).split("[")[0].endswith("ClassVar")]
        cls._fields = cls._fields + tuple(name for name in names if name not in cls._fields)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(self._fields):
            raise TypeError(f"{type(self).__name__} takes {len(self._fields)} fields, got {len(args)}")
        values = self.__dict__
        values.update(zip(self._fields, args, strict=False))
        values.update(kwargs)  # mypy checks the names and types (PEP 681); a missing default is the class's

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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plain) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"
