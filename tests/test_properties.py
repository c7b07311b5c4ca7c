"""Property tests of the loader: any input gives a dataset or placed problems, never a crash."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, TESTS
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.dataset.dump import to_json
from silkcli.dataset.yaml_read import Reader
from silkcli.errors import DatasetError

BASE_TEXT = (TESTS / "bad_data" / "_valid_base.yaml").read_text(encoding="utf-8")
BASE = Reader("base").read(BASE_TEXT)
BUNDLED_RAW = Reader("bundled").read(BUNDLED.read_text(encoding="utf-8"))
#: Characters that trip YAML, JSON, terminals or Unicode handling.
ODD = (
    "\x00 \x07 \x1b \x7f \x85 \x9b \u200b \u2028 \u202e \u2066 \ufeff \ufffd \U0001f600 \u0301 \t \r \n "
    "' \" \\ : # & * ! | > % @ ` { } [ ] , - ? ~ 中 ٠"
).split(" ") + [" "]

PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["NO", "yes", "2024-12-03", "12:30", "1.10", "~", "null", "XA", "s1", "mining", "<<"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=12), inner, max_size=5),
    ),
    max_leaves=40,
)


def check_outcome(data: bytes) -> m.Dataset | None:
    """Load ``data``; it must give a Dataset, or a DatasetError whose problems are each placed and one line."""
    try:
        dataset = store.parse_bytes(data, "x.yaml")
    except DatasetError as exc:
        event("problems")
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "x.yaml"
            assert problem.line >= 0 and problem.column >= 0
            assert problem.message and "\n" not in str(problem)
        return None
    event("a dataset")
    return dataset


#: How a document is written: YAML, JSON as it is, or JSON with every non-ASCII character escaped.
FORMS = st.sampled_from(["yaml", "json", "ascii json"])


def _dump(value: Any, form: str) -> bytes:
    if form != "yaml":
        return json.dumps(value, ensure_ascii=form == "ascii json").encode("utf-8", "surrogatepass")
    text = yaml.dump(value, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", "surrogatepass")


def load_document(value: Any, form: str) -> None:
    """Load ``value`` dumped as YAML or JSON."""
    check_outcome(_dump(value, form))


def load_text(text: str) -> None:
    """Load ``text`` as a file's UTF-8 content."""
    check_outcome(text.encode("utf-8", "surrogatepass"))


@PROPERTIES
@given(documents, FORMS)
def test_random_documents(value: Any, form: str) -> None:
    """Random YAML or JSON documents of nested mappings, lists and scalars never crash the loader."""
    load_document(value, form)


@PROPERTIES
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    """Random text never crashes the loader."""
    load_text(text)


@PROPERTIES
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    """Random bytes never crash the loader."""
    check_outcome(data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside ``value``."""
    children: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    out = []
    for key, child in children:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        root = root[part]
    return root


def _mutate(root: Any, path: tuple[Any, ...], how: str, draw: Any) -> None:
    """Apply one mutation at ``path`` inside ``root``."""
    parent, last = _parent(root, path), path[-1]
    if how == "delete":
        del parent[last]
    elif how == "retype":
        parent[last] = draw(documents)
    elif how == "rename" and isinstance(parent, dict):
        new = draw(st.one_of(st.text(max_size=12), st.sampled_from(["id", "source", "name", "evidence", "titel"])))
        items = [(new if key == last else key, value) for key, value in parent.items()]
        parent.clear()
        parent.update(items)
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == "odd unicode" and isinstance(parent[last], str):
        text = parent[last]
        at = draw(st.integers(0, len(text)))
        parent[last] = text[:at] + draw(st.sampled_from(ODD)) + text[at:]


def load_mutated(data: st.DataObject, form: str) -> None:
    """Load the corpus base dataset after one to three random edits of its values."""
    mutate_and_load(data, form, BASE)


def mutate_and_load(data: st.DataObject, form: str, base: Any) -> None:
    """Load ``base`` after one to three random edits of its values."""
    root = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(root)
        if not paths:
            break
        how = data.draw(st.sampled_from(["delete", "retype", "rename", "duplicate", "odd unicode"]))
        _mutate(root, data.draw(st.sampled_from(paths)), how, data.draw)
    dataset = check_outcome(_dump(root, form))
    if dataset is not None:
        assert store.parse_bytes(to_json(dataset).encode(), "x.json") == dataset


@PROPERTIES
@given(st.data(), FORMS)
def test_mutations_of_a_valid_dataset(data: st.DataObject, form: str) -> None:
    """A few random edits of a valid dataset give a dataset (which round trips) or placed problems."""
    load_mutated(data, form)


def load_mutated_bundled(data: st.DataObject, form: str) -> None:
    """Load the bundled dataset after one to three random edits of its values."""
    mutate_and_load(data, form, BUNDLED_RAW)


@settings(PROPERTIES, max_examples=50)
@given(st.data(), FORMS)
def test_mutations_of_the_bundled_dataset(data: st.DataObject, form: str) -> None:
    """Random edits of the bundled dataset (190+ records) give a dataset or placed problems."""
    load_mutated_bundled(data, form)


def load_edited(data: st.DataObject) -> None:
    """Load the base dataset's text after one random character or line edit."""
    lines = BASE_TEXT.splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["insert", "delete line", "repeat line"]))
    if how == "insert":
        column = data.draw(st.integers(0, len(lines[at])))
        odd = data.draw(st.text(st.sampled_from(ODD), min_size=1, max_size=3))
        lines[at] = lines[at][:column] + odd + lines[at][column:]
    elif how == "delete line":
        del lines[at]
    else:
        lines.insert(at, lines[at])
    check_outcome("".join(lines).encode("utf-8", "surrogatepass"))


@PROPERTIES
@given(st.data())
def test_text_edits_of_a_valid_dataset(data: st.DataObject) -> None:
    """Characters inserted, lines deleted or repeated in a valid file's text never crash the loader."""
    load_edited(data)
