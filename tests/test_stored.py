"""The bundled dataset answered from its stored rows says exactly what the same file read as a dataset says.

A copy of the bundled YAML given with ``--data`` is read through the loader and the model, never the rows
(they are the bundled file's only); every listing command, every value of every filter the rows answer,
and the output options and formats are run both ways and must print the same bytes with the same exit code.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import silkcli
from conftest import BUNDLED, run_cli
from silkcli.cli.commands import BY_NAME
from silkcli.cli.stored_rows import choices_of
from silkcli.dataset import load as store
from silkcli.listings.stored import FILTERS, answer
from test_perf_imports import imported_by

ROWS = Path(silkcli.__file__).parent / "data" / "partnership.rows"
#: the listing commands that run without an argument: the ones the rows keep
LISTINGS = sorted(
    name for name, c in BY_NAME.items() if c.listing and name == c.name and name not in ("search", "show")
)
#: the comparisons: about 900 runs of the CLI, each both ways (run once, by the main run of the suite)
BOTH_WAYS = pytest.mark.slow
FORMATS = ["tsv", "csv", "json", "jsonl", "yaml", "markdown", "html"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled YAML under another name: the same data, read through the model."""
    path = tmp_path_factory.mktemp("copy") / "partnership.yaml"
    shutil.copyfile(BUNDLED, path)
    return path


def _option(name: str) -> str:
    return "--" + name.rstrip("_").replace("_", "-")


def _filter_cases() -> Iterator[tuple[str, ...]]:
    """Every command with each filter value the rows answer, spelt each way a user may spell it, and values
    they hand over to the dataset (unknown, empty, read as another name, one of two)."""
    ds = store.load_dataset(BUNDLED)
    choices = choices_of(ds)
    for command, filters in FILTERS.items():
        yield (command,)
        for name, spec in filters.items():
            found = choices[spec.choices]
            for choice in found:
                spellings = {choice.id, choice.id.upper(), *(choice.name or "",), *choice.aliases[:1]} - {""}
                for spelling in sorted(spellings):
                    yield command, _option(name), spelling
            yield command, _option(name), f"{found[0].id},{found[-1].id}"
            yield command, _option(name), "nosuch"
            yield command, _option(name), " "
        for (a, sa), (b, sb) in itertools.combinations(filters.items(), 2):
            for x, y in itertools.product(choices[sa.choices][:2], choices[sb.choices][:2]):
                yield command, _option(a), x.id, _option(b), y.id
    yield "agreements", "--party", "Korea"
    yield "agreements", "--party", "Ministry of Energy"
    yield "timeline", "--country", "KR", "--since", "2024"
    yield "agreements", "--sector", "mining", "--summit"


def _shaped_cases() -> Iterator[tuple[str, ...]]:
    """Every listing command with the output options and formats."""
    for command in LISTINGS:
        yield command, "-f", "table", "--width", "200"
        yield command, "--fields", "help"
        yield command, "--cite", "-f", "table", "--width", "120"
        yield command, "--desc", "-n", "2", "-f", "table", "--width", "60"
        yield from ((command, "-f", fmt) for fmt in FORMATS)
    yield "agreements", "--sort", "signed", "--desc", "-f", "csv"
    yield "agreements", "--fields", "id,parties,milestones,amount,currency", "-f", "json"
    yield "agreements", "--fields", "id,source", "-f", "tsv"
    yield "agreements", "--fields", "id,nosuch"
    yield "leaders", "--sort", "nosuch"
    yield "reserves", "--top", "3", "-f", "table", "--width", "80"
    yield "stats", "--sort", "value", "--desc", "-f", "csv"  # its default source, as the default fields cite
    yield "stats", "--fields", "id,value", "-f", "json"
    yield "stats", "--fields", "id,source", "-f", "tsv"  # the source of other fields: from the dataset
    yield "stats", "--sort", "source", "-f", "tsv"
    yield "stats", "--topic", "antimony", "-f", "table", "--width", "120"
    yield "sectors", "mining", "-f", "table", "--width", "80"
    yield "commitments", "--kind", "asked", "-e", "--country", "KR", "-f", "table", "--width", "40"


FILTERED = list(_filter_cases())
#: each filtered case drawn at one of these widths, in turn
WIDTHS = ("40", "80", "120")


@BOTH_WAYS
@pytest.mark.parametrize(("args", "width"), [(c, WIDTHS[i % 3]) for i, c in enumerate(FILTERED)], ids=str)
def test_filters_answer_as_the_dataset_does(args: tuple[str, ...], width: str, copy: Path) -> None:
    """A filtered listing drawn as a table, from the rows and from the dataset."""
    asked = [*args, "-f", "table", "--width", width]
    assert run_cli(*asked) == run_cli(*asked, "--data", str(copy))


@BOTH_WAYS
@pytest.mark.parametrize("args", FILTERED[::4], ids=" ".join)
def test_filters_answer_machines_as_the_dataset_does(args: tuple[str, ...], copy: Path) -> None:
    """Every fourth of the same listings as tsv and json."""
    for fmt in ("tsv", "json"):
        assert run_cli(*args, "-f", fmt) == run_cli(*args, "-f", fmt, "--data", str(copy))


@BOTH_WAYS
@pytest.mark.parametrize("args", list(_shaped_cases()), ids=" ".join)
def test_output_options_answer_as_the_dataset_does(args: tuple[str, ...], copy: Path) -> None:
    """Fields, sorting, limits, --cite and every listing format, from the rows and from the dataset."""
    assert run_cli(*args) == run_cli(*args, "--data", str(copy))


def test_the_rows_keep_every_listing_that_runs_without_arguments() -> None:
    """The wheel's rows hold each listing command that takes no argument."""
    kept = [line.split(b"\t", 1)[0].decode() for line in ROWS.read_bytes().splitlines()[1:]]
    assert sorted(kept) == LISTINGS


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b"silkcli-rows", b"silkcli-rowz", 1),  # another file
        lambda data: data[: data.index(b"\nleaders\t") - 10],  # cut short inside the listing
        lambda data: data.replace(b'"rows":[', b'"rows":7', 1),  # not rows
        lambda data: data.replace(b"\nagreements\t", b"\nagreement\t", 1),  # no such listing
    ],
)
def test_rows_that_are_damaged_or_stale_answer_nothing(damage: Callable[[bytes], bytes]) -> None:
    """Rows for another dataset version, or damaged ones, are a miss (the dataset answers), never an error."""
    data = ROWS.read_bytes()
    key = json.loads(data.split(b"\n", 1)[0])[1:]
    assert answer(data, key, "agreements", {}, ()) is not None
    assert answer(data, [*key[:-1], "00000000"], "agreements", {}, ()) is None  # the YAML was edited
    assert answer(damage(data), key, "agreements", {}, ()) is None


def test_a_table_query_reads_neither_msgspec_nor_the_model(tmp_path: Path) -> None:
    """Drawing a filtered listing imports no msgspec: it is answered from the rows."""
    out, heavy = imported_by(["agreements", "--sector", "mining", "-f", "table", "--width", "120"], tmp_path)
    assert "doc-energy-minerals-mou" in out
    assert heavy == ["rich"]
