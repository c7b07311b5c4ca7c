"""The Python API as a user calls it: load, typed records, listings by name, JSON of any record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

import silkcli
from conftest import run_cli
from silkcli.dataset import model as m

TINY = Path(__file__).parent / "data" / "tiny.yaml"


def test_load_gives_typed_records() -> None:
    """`silkcli.load()` is the bundled dataset as frozen, typed records (dates are dates, not text)."""
    ds = silkcli.load()
    doc = next(d for d in ds.documents if d.id == "doc-energy-minerals-mou")
    assert isinstance(doc, m.Document) and isinstance(doc.signed, m.PartialDate)
    assert str(doc.signed) == "2024-12-03" and doc.signed.first().isoformat() == "2024-12-03"
    with pytest.raises(AttributeError):
        doc.title = "changed"  # type: ignore[misc]


def test_load_a_file_and_its_problems(tmp_path: Path) -> None:
    """`silkcli.load(path)` reads a dataset file; a broken one raises DatasetError naming the line."""
    assert silkcli.load(TINY).meta.title
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text(encoding="utf-8").replace("documents:", "documents: [", 1), encoding="utf-8")
    with pytest.raises(silkcli.DatasetError) as caught:
        silkcli.load(broken)
    assert "broken.yaml:" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "filters", "args"),
    [
        ("agreements", {"sector": "mining"}, ["--sector", "mining"]),
        ("agreements", {"party": ["KG"], "type_": "mou"}, ["--party", "KG", "--type", "mou"]),
        ("reserves", {"country": "KG"}, ["--country", "KG"]),
        ("search", {"text": "antimony"}, ["antimony"]),
        ("show", {"ident": "Japarov"}, ["Japarov"]),
    ],
)
def test_rows_are_what_the_command_prints_as_json(name: str, filters: dict[str, object], args: list[str]) -> None:
    """`silkcli.rows(NAME, **filters)` equals `silkcli NAME ARGS -f json`, read back."""
    printed = json.loads(run_cli(name, *args, "-f", "json").stdout)
    assert silkcli.rows(name, **filters) == (printed if isinstance(printed, list) else [printed])


def test_rows_carry_computed_shares_and_ranks() -> None:
    """The reserves listing gives the computed share, its bound and the rank, as the CLI does."""
    (kg,) = silkcli.rows("reserves", country="Kyrgyzstan", fields=["name", "rank", "share_pct", "share_bound"])
    assert kg == {"name": "Kyrgyzstan", "rank": 4, "share_pct": 13.0, "share_bound": "upper"}


def test_bad_names_and_values_raise_the_commands_errors() -> None:
    """An unknown listing, filter or value raises UsageError with the message the CLI prints."""
    with pytest.raises(silkcli.UsageError, match="no listing named 'treaties'"):
        silkcli.rows("treaties")
    with pytest.raises(silkcli.UsageError, match="agreements has no filter 'sectr'"):
        silkcli.rows("agreements", sectr="mining")
    cli_error = run_cli("agreements", "--sector", "minning").stderr.splitlines()[0]
    with pytest.raises(silkcli.UsageError) as caught:
        silkcli.rows("agreements", sector="minning")
    assert cli_error == f"error: {caught.value.message}"


def test_any_record_encodes_to_json() -> None:
    """`silkcli.to_json` writes any record (dates included, which plain msgspec cannot) and reads back equal."""
    ds = silkcli.load()
    doc = ds.documents[0]
    text = silkcli.to_json(doc)
    assert json.loads(text)["signed"] == str(doc.signed)
    assert msgspec.json.decode(text, type=m.Document, dec_hook=m.decode_hook) == doc
    assert silkcli.to_builtins(ds)["documents"][0] == json.loads(text)


def test_import_silkcli_stays_light() -> None:
    """`import silkcli` loads none of the dataset, format or CLI machinery until a function is used."""
    code = "import sys, silkcli; print(sorted(n for n in ('msgspec', 'yaml', 'rich', 'typer') if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_the_examples_in_docs_api_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python block of docs/api.md runs as written (with a my-edits.yaml of its own beside it)."""
    page = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    block = page.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "my-edits.yaml").write_bytes(TINY.read_bytes())
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(block, "docs/api.md", "exec"), scope)  # noqa: S102 - the page's own example
    assert scope["doc"].title.startswith("MOU on Cooperation")  # type: ignore[attr-defined]
