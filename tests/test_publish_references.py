"""`sources -f csl-json|bibtex|ris`: references that citeproc-py renders and pybtex parses, entry by entry."""

from __future__ import annotations

import json

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from conftest import run_cli


def _bibliography(items: list[dict[str, object]], ids: list[str]) -> list[str]:
    """The bibliography citeproc-py writes for ``ids`` in the style it bundles."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for ident in ids:
        bibliography.register(Citation([CitationItem(ident)]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_citeproc_renders_the_csl_json() -> None:
    """The CSL-JSON renders to the expected references; an unknown date is 'no date', a month-only one its year."""
    result = run_cli("sources", "-f", "csl-json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == len(json.loads(run_cli("sources", "-f", "json").stdout))
    assert _bibliography(items, ["koreaherald-20241203", "usgs-mcs2025-antimony"]) == [
        "Son Ji-hyoung (no date) S. Korea, Kyrgyzstan ink Comprehensive Partnership. The Korea Herald. "
        "Available at: http://www01.koreaherald.com/view.php?ud=20241203050040.",
        "Kateryna Klochko (2025) Mineral Commodity Summaries 2025: Antimony. U.S. Geological Survey. "
        "Available at: https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf.",
    ]
    usgs = next(i for i in items if i["id"] == "usgs-mcs2025-antimony")
    assert usgs["issued"] == {"date-parts": [[2025, 1]]}
    assert usgs["archive_location"] == "usgs-mcs2025-antimony.txt" and usgs["language"] == "en"


def test_pybtex_parses_the_bibtex() -> None:
    """Every source is one entry keyed by its id; fields come back exactly."""
    result = run_cli("sources", "-f", "bibtex")
    assert result.exit_code == 0, result.stderr
    entries = parse_string(result.stdout, "bibtex").entries
    assert len(entries) == len(json.loads(run_cli("sources", "-f", "json").stdout))
    usgs = entries["usgs-mcs2025-antimony"]
    assert usgs.type == "misc"
    assert str(usgs.persons["author"][0]) == "{Kateryna Klochko}"
    assert dict(usgs.fields) == {
        "title": "{Mineral Commodity Summaries 2025: Antimony}",
        "publisher": "U.S. Geological Survey",
        "year": "2025",
        "date": "2025-01",
        "url": "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf",
        "howpublished": r"\url{https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf}",
        "language": "en",
        "note": "Archived copy: usgs-mcs2025-antimony.txt (silkcli archived sources)",
        "month": "January",
    }
    herald = entries["koreaherald-20241203"]
    assert "year" not in herald.fields and "date" not in herald.fields  # published: null


def test_ris_record_is_exact() -> None:
    """One source as RIS, tag by tag, with CRLF line ends and the date as precise as known."""
    result = run_cli("sources", "-f", "ris", "--sort", "id", "-n", "1")
    assert result.exit_code == 0, result.stderr
    first = json.loads(run_cli("sources", "-f", "json", "--sort", "id", "-n", "1").stdout)[0]
    lines = ["TY  - ELEC", f"ID  - {first['id']}", f"TI  - {first['title']}"]
    if first.get("author"):
        lines.append(f"AU  - {first['author']}")
    lines.append(f"PB  - {first['publisher']}")
    assert result.stdout.startswith("\r\n".join(lines) + "\r\n")
    assert result.stdout.endswith("ER  - \r\n")
    usgs = run_cli("sources", "-f", "ris").stdout.split("ID  - usgs-mcs2025-antimony\r\n")[1].split("ER  - ")[0]
    assert "PY  - 2025\r\nDA  - 2025/01//\r\n" in usgs and "AN  - usgs-mcs2025-antimony.txt\r\n" in usgs


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris"])
def test_citation_formats_are_for_sources_only(fmt: str) -> None:
    """Any other command given a reference format exits 2 and says which command takes it."""
    result = run_cli("agreements", "-f", fmt)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"-f {fmt} is for `silkcli sources` only" in result.stderr


def test_reference_formats_take_no_field_list() -> None:
    """--fields with a reference format exits 2: a reference is written whole."""
    result = run_cli("sources", "-f", "bibtex", "--fields", "id")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--fields does not apply to -f bibtex" in result.stderr
