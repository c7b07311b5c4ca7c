"""A choice whose members carry what is said of each: a format with its help, a verdict with its meaning.

A subclass of :class:`Choice` is a ``str`` enum (so Typer offers its values, and msgspec writes them), and
declares the data of each member as annotations, in order; a member is ``name = (value, *data)``, one
item for each annotation. What is said of a member is then said once, beside it, instead of in a table
keyed by the members that has to be kept in step with them.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing has Self only from Python 3.11
    from typing_extensions import Self


class Choice(str, enum.Enum):
    """A ``str`` enum whose members are declared as ``(value, *data)``, the data named by the annotations."""

    def __new__(cls, value: str, *data: object) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        names = list(cls.__annotations__)
        if len(names) != len(data):
            raise TypeError(f"{cls.__name__}.{value}: {len(data)} items for the {len(names)} fields {names}")
        for name, item in zip(names, data, strict=True):
            setattr(member, name, item)
        return member
