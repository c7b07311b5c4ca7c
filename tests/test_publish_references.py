"""`sources -f csl-json|bibtex|ris`: references that citeproc-py renders and pybtex parses, entry by entry."""

from __future__ import annotations

import json

import bibtexparser
import msgspec
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from conftest import run_cli
from silkcli.dataset import model as m
from silkcli.publish import references


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


#: Values that BibTeX, RIS and JSON must carry as they are: LaTeX's specials, paired braces, an entry inside a
#: value, quotes and field syntax, and text beyond ASCII (one line each, with single spaces, as all three write).
HOSTILE = [
    "a & b % c # d _ e $ f ^ g ~ h \\ i",
    "{x} and {y {z}}",
    "see @misc{x, title={y}} here",
    '"quoted" , = @ ) (',
    "Ünïcödé — 한국어 ER - TY - ELEC",
]
#: Values whose braces do not pair up: one closes its field and opens another entry if written as it is.
UNPAIRED = ["}, note = {x}}\n@misc{evil, title={x", "x \\{y", "ends with \\"]
#: A value that would end an RIS record and start another if its line break were kept.
RIS_BREAK = "a\r\nER  - \r\nTY  - ELEC"


def _archive(text: str) -> str:
    """``text`` as an archive's file name: no slash, backslash or line break, single spaces."""
    return " ".join(text.translate({ord(c): "-" for c in "/\\\r\n"}).split())


def _source(text: str, ident: str = "s1") -> m.Source:
    """A source whose every text field is ``text`` (its address too, after a scheme)."""
    raw = {
        "id": ident,
        "title": text,
        "publisher": text,
        "url": "https://example.org/" + "".join(text.split()),
        "published": "2024-12",
        "author": text,
        "language": "en",
        "archive": _archive(text),
    }
    return msgspec.convert(raw, m.Source, dec_hook=m.decode_hook)


def _bibtexparser_fields(text: str) -> dict[str, dict[str, str]]:
    """Each entry's fields as bibtexparser 2 reads them (it keeps a field's text as written, braces removed)."""
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in library.entries}


@pytest.mark.parametrize("text", HOSTILE)
def test_bibtex_values_read_back_exactly_through_pybtex_and_bibtexparser(text: str) -> None:
    """Every value of a hostile source comes back exactly, title and author inside their one protecting pair."""
    source = _source(text)
    written = references.to_bibtex([source, _source("plain", "s2")])
    expected = {
        "title": "{" + text + "}",
        "publisher": text,
        "url": source.url,
        "howpublished": "\\url{" + source.url + "}",
        "note": f"Archived copy: {_archive(text)} ({references.ARCHIVE})",
    }
    pybtex_entries = parse_string(written, "bibtex").entries
    assert list(pybtex_entries) == ["s1", "s2"]
    fields = dict(pybtex_entries["s1"].fields)
    assert {k: fields[k] for k in expected} == expected
    assert [str(p) for p in pybtex_entries["s1"].persons["author"]] == ["{" + text + "}"]
    parsed = _bibtexparser_fields(written)
    assert list(parsed) == ["s1", "s2"]
    assert {k: parsed["s1"][k] for k in expected} | {"author": parsed["s1"]["author"]} == expected | {
        "author": "{" + text + "}"
    }


@pytest.mark.parametrize("text", UNPAIRED)
def test_bibtex_values_with_unpaired_braces_cannot_break_the_entry(text: str) -> None:
    """A value whose braces do not pair up stays inside its field: one entry each, no field or entry added."""
    written = references.to_bibtex([_source(text), _source("plain", "s2")])
    entries = parse_string(written, "bibtex").entries
    assert list(entries) == ["s1", "s2"]
    names = {"title", "publisher", "year", "date", "url", "howpublished", "language", "note", "month"}
    assert set(entries["s1"].fields) == names
    assert list(_bibtexparser_fields(written)) == ["s1", "s2"]
    assert "\\textbraceleft{}" in written or "\\textbackslash{}" in written


@pytest.mark.parametrize("text", [*HOSTILE, *UNPAIRED, RIS_BREAK])
def test_ris_values_read_back_exactly_through_rispy(text: str) -> None:
    """rispy reads each tag back as the value on one line (RIS is a line format), and one record per source."""
    line = " ".join(text.split())
    source = _source(text)
    records = rispy.loads(references.to_ris([source, _source("plain", "s2")]))
    assert [r["id"] for r in records] == ["s1", "s2"]
    first = records[0]
    assert (first["title"], first["publisher"], first["authors"], first["accession_number"]) == (
        line,
        line,
        [line],
        _archive(text),
    )
    assert first["urls"] == [source.url]


@pytest.mark.parametrize("text", [*HOSTILE, *UNPAIRED, RIS_BREAK])
def test_csl_json_values_read_back_exactly(text: str) -> None:
    """CSL-JSON is JSON: every value, line breaks and all, comes back as it was."""
    (item,) = json.loads(references.to_csl_json([_source(text)]))
    assert (item["title"], item["publisher"], item["author"], item["archive_location"]) == (
        text,
        text,
        [{"literal": text}],
        _archive(text),
    )


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris"])
def test_show_of_one_source_refuses_reference_formats_in_one_line(fmt: str) -> None:
    """`show SOURCE -f bibtex` is a usage error naming the sources listing (it was an internal error, exit 70)."""
    result = run_cli("show", "koreaherald-20241203", "-f", fmt)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: -f {fmt} is for `silkcli sources` only (it formats references)\n"
