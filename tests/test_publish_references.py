"""`sources -f csl-json|bibtex|ris`: each source read back by pybtex, bibtexparser 2 and rispy, against the dataset."""

from __future__ import annotations

import functools
import json
from typing import Any

import bibtexparser
import msgspec
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from pybtex.database import Person, parse_string

from conftest import run_cli
from silkcli.dataset import model as m
from silkcli.publish import references


@functools.cache
def _sources() -> tuple[dict[str, Any], ...]:
    """Every source of the bundled dataset, as `export -f json` writes it (``kind`` omitted where 'webpage')."""
    return tuple(json.loads(run_cli("export", "-f", "json").stdout)["sources"])


def _output(fmt: str) -> str:
    result = run_cli("sources", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _kind(source: dict[str, Any]) -> str:
    return str(source.get("kind", "webpage"))


def _given(source: dict[str, Any]) -> str:
    """The author's name as written, less the family name at its start or end."""
    family = source["author_family"]
    return str(source["author"]).removeprefix(family + " ").removesuffix(" " + family)


def _date_parts(date: str | None) -> dict[str, list[list[int]]] | None:
    """A dataset date as CSL date parts: only the parts it has."""
    return None if date is None else {"date-parts": [[int(part) for part in date.split("-")]]}


def _ris_date(date: str | None) -> str | None:
    """A dataset date as RIS writes one, 'YYYY/MM/DD/' with the parts not known left empty."""
    return None if date is None else "/".join((date.split("-") + ["", ""])[:3]) + "/"


def test_every_bundled_author_is_known_by_family_and_given_name() -> None:
    """No author is left whole: each names its family name, so citations can say '(Son, n.d.)'."""
    authored = [s for s in _sources() if s.get("author")]
    assert authored and all(s.get("author_family") and _given(s) != s["author"] for s in authored)


def test_csl_json_gives_names_in_parts_types_by_kind_and_the_date_read() -> None:
    """Family/given names (static order where written family first), newspaper articles in their outlet, accessed."""
    items = {i["id"]: i for i in json.loads(_output("csl-json"))}
    assert list(items) == [s["id"] for s in _sources()]
    types = {"news": "article-newspaper", "official": "webpage", "report": "report", "webpage": "webpage"}
    for source in _sources():
        item = items[source["id"]]
        assert (item["type"], item["title"], item["URL"]) == (types[_kind(source)], source["title"], source["url"])
        if _kind(source) == "news":
            assert item["container-title"] == source["publisher"] and "publisher" not in item
        if source.get("author"):
            family_first = source["author"].startswith(source["author_family"] + " ")
            name = {"family": source["author_family"], "given": _given(source)}
            assert item["author"] == [name | {"static-ordering": True} if family_first else name]
        assert item.get("issued") == _date_parts(source["published"])
        assert item.get("accessed") == _date_parts(source.get("accessed"))
        assert not {"archive", "archive_location", "note"} & set(item)
    assert items["koreaherald-20241203"]["author"][0]["static-ordering"] is True


def _person_parts(person: Person) -> tuple[str, str]:
    return " ".join(person.last_names), " ".join(person.first_names + person.middle_names)


def test_pybtex_reads_each_source_as_an_entry_of_its_kind_with_one_url() -> None:
    """Entry types by kind, 'Family, Given' authors, url once (no howpublished), urldate, no archive file name."""
    entries = parse_string(_output("bibtex"), "bibtex").entries
    types = {"news": "article", "official": "online", "report": "techreport", "webpage": "online"}
    outlet = {"news": "journal", "official": None, "report": "institution", "webpage": "publisher"}
    for source in _sources():
        entry = entries[source["id"]]
        assert entry.type == types[_kind(source)]
        assert entry.fields["title"] == "{" + source["title"] + "}" and entry.fields["url"] == source["url"]
        assert "howpublished" not in entry.fields and "note" not in entry.fields
        assert entry.fields.get("urldate") == source.get("accessed")
        assert entry.fields.get("date") == source["published"]
        if (field := outlet[_kind(source)]) is not None:
            assert entry.fields[field] == "{" + source["publisher"] + "}"
        if source.get("author"):
            assert [_person_parts(p) for p in entry.persons["author"]] == [(source["author_family"], _given(source))]
        elif _kind(source) == "official":
            assert [str(p) for p in entry.persons["author"]] == ["{" + source["publisher"] + "}"]


def test_bibtexparser_splits_the_author_into_family_and_given_names() -> None:
    """bibtexparser 2 finds the same entries, and its name splitter the family name the dataset names."""
    library = bibtexparser.parse_string(_output("bibtex"), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert list(entries) == [s["id"] for s in _sources()]
    for source in (s for s in _sources() if s.get("author")):
        (name,) = entries[source["id"]]["author"]
        assert (" ".join(name.last), " ".join(name.first)) == (source["author_family"], _given(source))


def test_rispy_reads_last_first_authors_newspapers_and_access_dates() -> None:
    """RIS writes 'AU  - Son, Ji-hyoung', a news report's outlet as T2, the date read as Y2, and no archive."""
    records = {r["id"]: r for r in rispy.loads(_output("ris"))}
    types = {"news": "NEWS", "official": "ELEC", "report": "RPRT", "webpage": "ELEC"}
    for source in _sources():
        record = records[source["id"]]
        assert (record["type_of_reference"], record["title"]) == (types[_kind(source)], source["title"])
        assert record["urls"] == [source["url"]]
        assert record.get("access_date") == _ris_date(source.get("accessed")) and "accession_number" not in record
        if source.get("author"):
            assert record["authors"] == [f"{source['author_family']}, {_given(source)}"]
        if _kind(source) == "news":
            assert record["secondary_title"] == source["publisher"] and "publisher" not in record
    assert records["koreaherald-20241203"]["authors"] == ["Son, Ji-hyoung"]


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


def _source(text: str, ident: str = "s1", **fields: str) -> m.Source:
    """A source whose every text field is ``text`` (its address too, after a scheme), and ``fields``."""
    raw = {
        "id": ident,
        "title": text,
        "publisher": text,
        "url": "https://example.org/" + "".join(text.split()),
        "published": "2024-12",
        "author": text,
        "language": "en",
        "archive": _archive(text),
        "accessed": "2026-12-06",
    }
    return msgspec.convert(raw | fields, m.Source, dec_hook=m.decode_hook)


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
    expected = {"title": "{" + text + "}", "publisher": "{" + text + "}", "url": source.url, "urldate": "2026-12-06"}
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
    names = {"title", "publisher", "year", "date", "url", "urldate", "language", "month"}
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
    assert (first["title"], first["publisher"], first["authors"]) == (line, line, [line])
    assert (first["urls"], first["access_date"]) == ([source.url], "2026/12/06/")
    assert not {"accession_number", "name_of_database"} & set(first)


@pytest.mark.parametrize("text", [*HOSTILE, *UNPAIRED, RIS_BREAK])
def test_csl_json_values_read_back_exactly(text: str) -> None:
    """CSL-JSON is JSON: every value, line breaks and all, comes back as it was."""
    (item,) = json.loads(references.to_csl_json([_source(text)]))
    assert (item["title"], item["publisher"], item["author"]) == (text, text, [{"literal": text}])
    assert "archive_location" not in item and item["accessed"] == {"date-parts": [[2026, 12, 6]]}


@pytest.mark.parametrize("text", [*HOSTILE, *UNPAIRED])
def test_bibtex_author_in_parts_stays_one_person(text: str) -> None:
    """'Kim, <hostile given name>' is one author to pybtex and bibtexparser, family name Kim: no 'and' splits it."""
    source = _source(text, author="Kim " + text, author_family="Kim")
    written = references.to_bibtex([source, _source("plain", "s2")])
    (person,) = parse_string(written, "bibtex").entries["s1"].persons["author"]
    assert person.last_names == ["Kim"]
    library = bibtexparser.parse_string(written, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    (name,) = library.entries[0]["author"]
    assert name.last == ["Kim"]


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris"])
def test_show_of_one_source_refuses_reference_formats_in_one_line(fmt: str) -> None:
    """`show SOURCE -f bibtex` is a usage error naming the sources listing (it was an internal error, exit 70)."""
    result = run_cli("show", "koreaherald-20241203", "-f", fmt)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: -f {fmt} is for `silkcli sources` only (it formats references)\n"
