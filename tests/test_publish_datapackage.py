"""`export -f datapackage`: CSV files and datapackage.json that the official frictionless validator accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
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


def test_frictionless_validates_the_package(package: Path) -> None:
    """`frictionless validate datapackage.json` finds no error in any resource, foreign keys included."""
    report = _validate(package / "datapackage.json")
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
