"""`export -f datapackage`: CSV files and datapackage.json that the official frictionless validator accepts."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, run_cli
from gen_data import generate
from silkcli.dataset.dump import to_json
from silkcli.publish.readback import dataset_from_tables, read_csv_folder

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset exported once as a data package."""
    folder = tmp_path_factory.mktemp("pkg") / "package"
    result = run_cli("export", "-f", "datapackage", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    return folder


def _validate(descriptor: Path) -> dict[str, object]:
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, object] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("which", ["package", "generated_package"])
def test_frictionless_validates_the_package(which: str, request: pytest.FixtureRequest) -> None:
    """`frictionless validate datapackage.json` finds no error in any resource, foreign keys included
    (the generated data fills the amounts' and milestones' citation resources)."""
    folder: Path = request.getfixturevalue(which)
    assert (
        which == "package" or (folder / "documents_amount_cites_fields.csv").read_text(encoding="utf-8").count("\n") > 1
    )
    report = _validate(folder / "datapackage.json")
    assert report["valid"] is True, json.dumps(report)[:3000]


def test_frictionless_catches_a_broken_foreign_key(package: Path, tmp_path: Path) -> None:
    """The validation is real: one sector id misspelt in a link file makes the package invalid."""
    copy = tmp_path / "broken"
    copy.mkdir()
    for path in package.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    links = copy / "documents_sectors.csv"
    broken = links.read_bytes().replace(b",mining\r\n", b",minning\r\n", 1)
    assert broken != links.read_bytes()
    links.write_bytes(broken)
    report = _validate(copy / "datapackage.json")
    assert report["valid"] is False
    assert "minning" in json.dumps(report)


def test_descriptor_has_title_version_license_sources_and_keys(package: Path) -> None:
    """The descriptor names the dataset, and each resource has typed fields, descriptions and keys."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"].startswith("Republic of Korea")
    assert descriptor["version"] and descriptor["licenses"][0]["title"]
    assert {
        "title": "Mineral Commodity Summaries 2025: Antimony",
        "path": "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf",
    } in descriptor["sources"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    documents = resources["documents"]["schema"]
    assert documents["primaryKey"] == ["id"]
    fields = {f["name"]: f for f in documents["fields"]}
    assert fields["summit"]["type"] == "boolean"
    assert fields["title"]["description"] == "English title (a translation where title_is_translation)"
    assert {"fields": "type", "reference": {"resource": "document_types", "fields": "id"}} in documents["foreignKeys"]
    assert resources["documents_sectors"]["schema"]["primaryKey"] == ["document", "position"]
    assert {p.name for p in package.iterdir()} == {f"{name}.csv" for name in resources} | {"datapackage.json"}


def test_round_trip_holds_every_record_and_field_of_the_json_export(tmp_path: Path) -> None:
    """The CSV files, read back by their schemas, rebuild exactly what export -f json prints."""
    data = tmp_path / "gen.json"
    data.write_text(json.dumps(generate(300, seed=5), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "pkg"
    assert run_cli("--data", str(data), "export", "-f", "datapackage", "-o", str(folder)).exit_code == 0
    expected = run_cli("--data", str(data), "export", "-f", "json").stdout
    assert to_json(dataset_from_tables(read_csv_folder(folder))) == expected


def test_same_dataset_gives_the_same_files(package: Path, tmp_path: Path) -> None:
    """A second export writes byte-identical files."""
    again = tmp_path / "again"
    assert run_cli("export", "-f", "datapackage", "-o", str(again)).exit_code == 0
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in package.iterdir()}


def test_a_file_where_the_folder_should_be_is_an_output_error(tmp_path: Path) -> None:
    """-o naming an existing file: exit 4 and the file is untouched."""
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = run_cli("export", "-f", "datapackage", "-o", str(target))
    assert result.exit_code == 4 and "is a file, not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "x"


def _csv_cells(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(file, column, cell) for every cell of every CSV file of a package."""
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield from ((path.name, column, cell) for column, cell in row.items())


def _is_json_container(cell: str) -> bool:
    try:
        return isinstance(json.loads(cell), (list, dict))
    except ValueError:
        return False


@pytest.fixture(scope="module")
def generated_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset (amounts, milestones and claims with citations of their own) as a data package."""
    folder = tmp_path_factory.mktemp("gen")
    data = folder / "gen.json"
    data.write_text(json.dumps(generate(300, seed=5), ensure_ascii=False), encoding="utf-8")
    assert run_cli("--data", str(data), "export", "-f", "datapackage", "-o", str(folder / "pkg")).exit_code == 0
    return folder / "pkg"


@pytest.mark.parametrize("which", ["package", "generated_package"])
def test_every_cell_of_every_csv_file_holds_one_value(which: str, request: pytest.FixtureRequest) -> None:
    """No cell of any CSV file is a JSON list or object, and no field is typed array or object."""
    folder: Path = request.getfixturevalue(which)
    cells = list(_csv_cells(folder))
    assert {name for name, _, _ in cells} >= {"documents_milestones_cites.csv", "documents_cites_fields.csv"}
    assert [(name, column) for name, column, cell in cells if _is_json_container(cell)] == []
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    types = {f["type"] for r in descriptor["resources"] for f in r["schema"]["fields"]}
    assert types <= {"string", "integer", "number", "boolean", "date"}


def test_every_source_id_is_a_foreign_key_to_sources(package: Path) -> None:
    """Each column named source, in every resource (link resources included), is declared a key into sources."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    missing = []
    for resource in descriptor["resources"]:
        keys = resource["schema"].get("foreignKeys", [])
        for field in resource["schema"]["fields"]:
            wanted = {"fields": field["name"], "reference": {"resource": "sources", "fields": "id"}}
            if field["name"] == "source" and wanted not in keys:
                missing.append(resource["name"])
    assert missing == []
    names = {r["name"] for r in descriptor["resources"]}
    assert {"documents_amount_cites", "documents_milestones_cites", "discrepancies_claims_cites"} <= names


def test_a_link_row_is_a_foreign_key_to_the_row_it_belongs_to(package: Path) -> None:
    """A citation's field names the citation by (document, cite), declared against documents_cites' key."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == "documents_milestones_cites_fields")
    assert schema["primaryKey"] == ["document", "milestone", "cite", "position"]
    assert {
        "fields": ["document", "milestone", "cite"],
        "reference": {"resource": "documents_milestones_cites", "fields": ["document", "milestone", "position"]},
    } in schema["foreignKeys"]


def _broken_copy(package: Path, folder: Path, name: str, old: bytes, new: bytes) -> Path:
    """A copy of the package with the first ``old`` in one CSV file replaced by ``new``."""
    folder.mkdir()
    for path in package.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    target = folder / name
    broken = target.read_bytes().replace(old, new, 1)
    assert broken != target.read_bytes()
    target.write_bytes(broken)
    return folder / "datapackage.json"


def test_frictionless_catches_a_citation_field_of_no_citation(package: Path, tmp_path: Path) -> None:
    """The composite keys are checked: a field row naming citation 7 of a document with two makes it invalid."""
    descriptor = _broken_copy(
        package, tmp_path / "b", "documents_cites_fields.csv", b"doc-tipf-mou,0,0,", b"doc-tipf-mou,7,0,"
    )
    report = _validate(descriptor)
    assert report["valid"] is False
    assert "documents_cites_fields" in json.dumps(report)


def test_frictionless_catches_an_unknown_source_in_a_milestone_citation(package: Path, tmp_path: Path) -> None:
    """A source id misspelt inside a milestone's own citation makes the package invalid."""
    descriptor = _broken_copy(
        package, tmp_path / "b", "documents_milestones_cites.csv", b",samili-43652,", b",samili-99999,"
    )
    report = _validate(descriptor)
    assert report["valid"] is False
    assert "samili-99999" in json.dumps(report)


def _documented_query() -> str:
    """The DuckDB query docs/publishing.md gives for the sources of the summit documents' signing dates."""
    text = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    (query,) = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    return query


def test_duckdb_joins_documents_citations_and_sources_as_the_cli_answers(package: Path) -> None:
    """The documented DuckDB query reads the CSV files and finds which sources state the summit documents'
    signing dates: the same (document, source, url) as `agreements --summit --cite -f json` gives."""
    found = duckdb.sql(_documented_query().replace("'package/", f"'{package}/")).fetchall()
    listing = json.loads(run_cli("agreements", "--summit", "--cite", "-f", "json").stdout)
    expected = set()
    for document in listing:
        signing = [c for c in document["cite"] if "signed" in c["fields"]]
        for cite in signing or [c for c in document["cite"] if not c["fields"]]:
            expected.add((document["id"], cite["source"], cite["url"]))
    assert len({doc for doc, _, _ in expected}) == 10
    assert found == sorted(expected)


def test_link_resources_describe_their_columns(package: Path) -> None:
    """A link resource says what its rows are, and each column what it holds (the item's from the model)."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "documents_milestones_cites_fields")
    assert resource["description"] == "One item of a cite's fields list per row, in order."
    described = {f["name"]: f["description"] for f in resource["schema"]["fields"]}
    assert described["cite"] == "which cite (its position, from 0)"
    assert described["field"] == "the name of a fact field of the record (or nested struct) the citation is on"
    assert all(f["description"] for r in descriptor["resources"] for f in r["schema"]["fields"])
