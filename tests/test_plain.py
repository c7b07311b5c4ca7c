"""The small immutable values of the start-up path behave as the NamedTuples they replaced."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from typing import ClassVar

import msgspec
import pytest

import silkcli
from silkcli.check.report import Verdict
from silkcli.choice import Choice
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


class Named(Plain, kw_only=True):
    title: str
    pages: int = 1


def test_a_kw_only_value_takes_its_fields_by_name_only() -> None:
    """A value declared kw_only refuses its fields by position."""
    assert Named(title="a").pages == 1
    with pytest.raises(TypeError, match="by name only"):
        Named("a")  # type: ignore[misc]


def test_asdict_gives_the_fields_by_name_in_order() -> None:
    """`_asdict` is the value as a dict in field order (what JSON output is built from)."""
    assert list(Pair("a")._asdict().items()) == [("left", "a"), ("right", 2)]


#: The modules whose msgspec Structs msgspec decodes or encodes (the one place a Struct is the right tool).
WIRE_MODULES = {"silkcli.dataset.model", "silkcli.dataset.cache.entries", "silkcli.check.report"}


def test_every_other_value_class_is_a_plain() -> None:
    """No dataclass anywhere in the package, and a msgspec Struct only where msgspec encodes or decodes it."""
    wrong = []
    for info in pkgutil.walk_packages(silkcli.__path__, "silkcli."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name:
                continue
            struct = issubclass(cls, msgspec.Struct) and info.name not in WIRE_MODULES
            if dataclasses.is_dataclass(cls) or struct:
                wrong.append(f"{info.name}.{name}")
    assert wrong == []


def test_a_choice_member_carries_its_data_and_a_short_one_is_refused_where_it_is_declared() -> None:
    """What is said of a format or a verdict sits beside it; a member missing an item names itself."""
    assert Verdict.contradicted.value == "contradicted" and Verdict.contradicted.color == "1;31"
    assert Verdict("not covered").meaning == "nothing in the data bears on it"
    with pytest.raises(TypeError, match=r"Shade\.dark: 1 items for the 2 fields \['about', 'code'\]"):

        class Shade(Choice):
            about: str
            code: str

            light = ("light", "pale", "1")
            dark = ("dark", "deep")
