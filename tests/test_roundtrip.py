"""Export, validate, export again: nothing is lost, every time, byte for byte.

The same round trip over 100,000 records takes ~100 s here, too long for the
test run: it is ``bench/roundtrip_large.py``.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from conftest import BUNDLED, TESTS, TINY, run_cli
from gen_data import MARKERS, generate
from silkcli.dataset import dump
from silkcli.dataset import load as store
from silkcli.dataset import model as m

BASE = TESTS / "bad_data" / "_valid_base.yaml"


def _run(*args: str) -> str:
    """Run the CLI and return stdout; it must succeed with nothing on stderr."""
    result = run_cli(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def _round_trip(source: Path, tmp_path: Path) -> m.Dataset:
    """export -f yaml → validate → export -f json → load → export again; return the final load."""
    first_yaml = _run("--data", str(source), "export", "-f", "yaml")
    exported = tmp_path / "exported.yaml"
    exported.write_text(first_yaml, encoding="utf-8")
    assert _run("validate", str(exported)).startswith("ok: ")
    first_json = _run("--data", str(exported), "export", "-f", "json")
    as_json = tmp_path / "exported.json"
    as_json.write_text(first_json, encoding="utf-8")
    assert _run("--data", str(as_json), "export", "-f", "yaml") == first_yaml
    assert _run("--data", str(as_json), "export", "-f", "json") == first_json
    reloaded = store.load_dataset(as_json, use_cache=False)
    assert reloaded == store.load_dataset(source, use_cache=False)
    return reloaded


def _dates(dataset: m.Dataset) -> list[str]:
    """Every partial date in the dataset, as written, in a stable order."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, m.PartialDate):
            found.append(str(value))
        elif isinstance(value, msgspec.Struct):
            for name in value.__struct_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(dataset)
    return found


@pytest.mark.parametrize("source", [BASE, TINY, BUNDLED], ids=["base", "tiny", "bundled"])
def test_shipped_datasets_round_trip(source: Path, tmp_path: Path) -> None:
    """The corpus base, the tiny test dataset and the bundled dataset survive the round trip unchanged."""
    original = store.load_dataset(source, use_cache=False)
    reloaded = _round_trip(source, tmp_path)
    assert _dates(reloaded) == _dates(original)
    assert [(s.value, s.marker) for s in reloaded.statistics] == [(s.value, s.marker) for s in original.statistics]


def test_base_keeps_markers_and_date_precision(tmp_path: Path) -> None:
    """Markers (estimated, NA, zero, lower bound) and YYYY / YYYY-MM / YYYY-MM-DD stay as written."""
    reloaded = _round_trip(BASE, tmp_path)
    assert [(s.period and str(s.period), s.value, s.marker) for s in reloaded.statistics] == [
        ("2023", 120, "estimated"),
        ("2022", None, "not_available"),
        ("2021-06", 0, "zero"),
        ("2020", 80, "lower_bound"),
    ]
    assert [str(s.published) for s in reloaded.sources] == ["2024-12-03", "2024-06"]
    assert [str(e.date) for e in reloaded.events] == ["1992", "2024-12-03"]
    assert reloaded.quotes[0].text == "Friends [bold]forever[/bold] :smile:"


def _generated(tmp_path: Path, records: int) -> tuple[Path, m.Dataset]:
    """A generated dataset written as YAML, and what it must load as."""
    data = generate(records, seed=records)
    path = tmp_path / f"generated-{records}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, msgspec.convert(data, m.Dataset, dec_hook=m.decode_hook)


def test_generated_1000_records_round_trip(tmp_path: Path) -> None:
    """1,000 generated records, with every marker, precision and YAML 1.1 look-alike, round trip exactly."""
    path, built = _generated(tmp_path, 1000)
    reloaded = _round_trip(path, tmp_path)
    assert reloaded == built
    assert {s.marker for s in reloaded.statistics} == set(MARKERS)
    assert {len(date) for date in _dates(reloaded)} == {4, 7, 10}
    texts = {q.text for q in reloaded.quotes} | {e.title for e in reloaded.events}
    assert {"NO", "yes", "2024-12-03", "12:30", "1.10", "null", "~", " edge spaces ", "two\nlines"} <= texts


def test_yaml_export_in_chunks_is_one_dump_of_the_whole(tmp_path: Path) -> None:
    """Exporting thousands of records (written a few hundred at a time) gives exactly what one yaml.dump writes."""

    path, built = _generated(tmp_path, 5000)
    whole = yaml.dump(
        dump.to_builtins(built),
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    result = run_cli("--data", str(path), "export", "-f", "yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == whole
    pieces = list(dump.iter_yaml(built))
    assert len(pieces) > 2 * len(m.RECORD_KINDS)  # the record lists did go a chunk at a time
