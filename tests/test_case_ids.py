"""Ids that differ only in case are refused, since every lookup matches ids in any case."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli, tiny_with

_SECTOR = '  - id: MINING\n    name: Upper mining\n    source: tiny-article\n    evidence: "cooperate in mining"\n'


def test_sector_ids_that_differ_only_in_case_are_a_located_error(tmp_path: Path) -> None:
    """Sectors 'mining' and 'MINING' make any command exit 3 at the second, instead of listing the first's."""
    path = tiny_with(tmp_path, "  - id: energy\n", _SECTOR + "  - id: energy\n")
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text == "  - id: MINING")
    result = run_cli("--data", str(path), "agreements", "--sector", "MINING")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"{path}:{line}:9: sectors[2].id: id 'MINING' differs only in case from 'mining' (at sectors[0]); "
        "ids must differ in more\n"
    )


def test_people_ids_that_differ_only_in_case_are_refused_by_validate(tmp_path: Path) -> None:
    """Two people 'mara-quell' and 'Mara-Quell' are one problem, placed at the second's id."""
    person = "  - id: Mara-Quell\n    name: Mara Quell II\n    country: XA\n    role: president\n"
    person += "    title: Acting President\n"
    person += '    source: tiny-article\n    evidence: "President Mara Quell of Aldoria"\n'
    path = tiny_with(tmp_path, "  - id: tomas-vire\n", person + "  - id: tomas-vire\n")
    result = run_cli("--data", str(path), "validate")
    assert result.exit_code == 3
    assert "people[1].id: id 'Mara-Quell' differs only in case from 'mara-quell' (at people[0])" in result.stderr
    assert result.stderr.count("\n") == 1


def test_same_id_in_another_list_of_ids_is_not_a_clash(tmp_path: Path) -> None:
    """A source and a sector may share an id in any case: they are looked up in different lists."""
    path = tiny_with(tmp_path, "  - id: tiny-yearbook\n", "  - id: MINING\n")
    path.write_text(path.read_text().replace("source: tiny-yearbook", "source: MINING"))
    assert run_cli("--data", str(path), "validate").exit_code == 0
