"""The small immutable values of the start-up path behave as the NamedTuples they replaced."""

from __future__ import annotations

from typing import ClassVar

import pytest

from silkcli.errors import Problem
from silkcli.formats import View
from silkcli.plain import Plain


class Pair(Plain):
    left: str
    right: int = 2


def test_fields_by_position_or_name_with_defaults() -> None:
    assert (Pair("a").left, Pair("a").right) == ("a", 2)
    assert Pair(right=5, left="b").right == 5
    assert View(80, True).color is True
    assert View(80).layout == "auto"


def test_values_cannot_be_changed_only_replaced() -> None:
    view = View(width=80)
    with pytest.raises(AttributeError):
        view.width = 100  # type: ignore[misc]
    wider = view._replace(width=100)
    assert (view.width, wider.width, wider.layout) == (80, 100, "auto")


def test_equal_by_value_and_type_and_hashable() -> None:
    assert Pair("a", 2) == Pair("a") and hash(Pair("a", 2)) == hash(Pair("a"))
    assert Pair("a", 3) != Pair("a")
    assert len({View(80), View(80), View(90)}) == 2


def test_unpacks_and_prints_like_a_namedtuple() -> None:
    problem = Problem("x.yaml", 3, 7, "documents[0]", "bad")
    file, line, column, path, message = problem
    assert (file, line, column) == ("x.yaml", 3, 7)
    assert str(problem) == "x.yaml:3:7: documents[0]: bad"
    assert repr(Pair("a")) == "Pair(left='a', right=2)"


def test_too_many_values_is_an_error() -> None:
    with pytest.raises(TypeError, match="takes 2 fields, got 3"):
        Pair("a", 1, 2)  # type: ignore[call-arg]


class Counted(Pair):
    limit: ClassVar[int] = 3
    extra: bool = False


def test_a_subclass_adds_fields_after_its_base_and_class_variables_are_not_fields() -> None:
    """A subclass's fields follow its base's; a ClassVar is not a field."""
    assert tuple(Counted("a", 1, True)) == ("a", 1, True)
    assert Counted("a", 1, True).extra is True and Counted.limit == 3
    with pytest.raises(TypeError, match="'limit'"):
        Counted("a", limit=4)  # type: ignore[call-arg]


def test_a_misspelt_field_is_an_error() -> None:
    """`View(widht=100)` fails at once instead of leaving `width` unset."""
    with pytest.raises(TypeError, match="unknown or repeated field 'widht'"):
        View(widht=100)  # type: ignore[call-arg]


def test_a_field_given_twice_is_an_error() -> None:
    """A field given by position and again by name is refused."""
    with pytest.raises(TypeError, match="unknown or repeated field 'left'"):
        Pair("a", left="b")  # type: ignore[misc]


def test_a_field_without_default_must_be_given() -> None:
    """Leaving out a field that has no default is refused, by position or by name."""
    with pytest.raises(TypeError, match="missing field 'left'"):
        Pair(right=3)  # type: ignore[call-arg]
