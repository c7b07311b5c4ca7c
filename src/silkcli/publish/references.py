"""The sources as references for citation managers: CSL-JSON (Zotero), BibTeX (JabRef), RIS (EndNote).

Each source becomes one reference keyed by its id, of the type its ``kind`` says: a news report is a
newspaper article whose container is its outlet, an official page is authored by the body that
publishes it, a report is a report of its publisher, any other page a web page. A publication date
appears only as precisely as it is known (none when unknown), the date the page was read as the date
accessed; an author is given by family and given name where ``author_family`` says which part is which
(a name written family name first, ``Son Ji-hyoung``, keeps that order), and is kept whole otherwise.
The address is given once; where a copy is archived is not a reference's business.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from silkcli.dataset import model as m

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Each kind of source as a CSL item type, a BibTeX entry type (biblatex's ``online`` for a page, which
#: classic BibTeX styles print as ``misc``) and an RIS reference type.
CSL_TYPE: dict[m.SourceKind, str] = {
    "news": "article-newspaper",
    "official": "webpage",
    "report": "report",
    "webpage": "webpage",
}
BIBTEX_TYPE: dict[m.SourceKind, str] = {
    "news": "article",
    "official": "online",
    "report": "techreport",
    "webpage": "online",
}
RIS_TYPE: dict[m.SourceKind, str] = {"news": "NEWS", "official": "ELEC", "report": "RPRT", "webpage": "ELEC"}


def sources_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[m.Source]:
    """Sources rebuilt from rows of the ``sources`` listing (which hold every Source field)."""
    names = [f.name for f in m.fields_of(m.Source)]
    return [msgspec.convert({n: row.get(n) for n in names}, m.Source, dec_hook=m.decode_hook) for row in rows]


def _date_parts(date: m.PartialDate) -> dict[str, list[list[int]]]:
    return {"date-parts": [[p for p in (date.year, date.month, date.day) if p is not None]]}


def csl_author(source: m.Source) -> list[dict[str, Any]]:
    """The author as CSL names: family and given where known (``static-ordering`` if written family first).

    An official page without a named author is the publishing body's own: it is the author.
    """
    if source.author is None:
        return [{"literal": source.publisher}] if source.kind == "official" else []
    name = m.author_name(source)
    if name is None:
        return [{"literal": source.author}]
    parts: dict[str, Any] = {"family": name.family, "given": name.given}
    return [parts | {"static-ordering": True}] if name.family_first else [parts]


def _body_is_author(source: m.Source) -> bool:
    return source.kind == "official" and source.author is None


def csl_item(source: m.Source) -> dict[str, Any]:
    """One source as a CSL-JSON item."""
    item: dict[str, Any] = {"id": source.id, "type": CSL_TYPE[source.kind], "title": source.title}
    if source.kind == "news":
        item["container-title"] = source.publisher
    elif not _body_is_author(source):
        item["publisher"] = source.publisher
    if author := csl_author(source):
        item["author"] = author
    if source.published is not None:
        item["issued"] = _date_parts(source.published)
    if source.accessed is not None:
        item["accessed"] = _date_parts(source.accessed)
    item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    return item


def to_csl_json(sources: Sequence[m.Source]) -> str:
    """A CSL-JSON array (what Zotero, Mendeley and pandoc's citeproc import)."""
    return json.dumps([csl_item(s) for s in sources], indent=2, ensure_ascii=False) + "\n"


#: What stands for a brace or backslash in a value BibTeX cannot hold as written (LaTeX prints the character).
_BIBTEX_FALLBACK = str.maketrans({"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}"})


def _bibtex_holds(text: str) -> bool:
    """Whether ``text`` can stand as it is inside a BibTeX field's braces.

    BibTeX ends a field where its braces balance, counting every brace (pybtex does too),
    while bibtexparser skips a brace after a backslash: so the braces must pair up, none may
    follow a backslash, and the text may not end with one.
    """
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0 and "\\{" not in text and "\\}" not in text and not text.endswith("\\")


def bibtex_text(text: str) -> str:
    """``text`` for a BibTeX field, on one line: as it is, so that BibTeX readers give back exactly it.

    Where its braces do not pair up (a value that could otherwise close its field and add
    entries), its braces and backslashes become ``\textbraceleft{}``, ``\textbraceright{}`` and
    ``\textbackslash{}``: the entry stays whole, and LaTeX prints the characters.
    """
    line = " ".join(text.split())
    return line if _bibtex_holds(line) else line.translate(_BIBTEX_FALLBACK)


def _bibtex_name_part(part: str) -> str:
    """A family or given name for BibTeX's ``Family, Given``: braced where an ``and`` or a comma would split it."""
    text = bibtex_text(part)
    return "{" + text + "}" if "," in text or re.search(r"\sand\s", text, re.IGNORECASE) else text


def bibtex_author(source: m.Source) -> str | None:
    """The author as BibTeX writes a name, ``Family, Given``; a name not known in parts (or a body) braced whole."""
    name = m.author_name(source)
    if name is not None:
        return f"{_bibtex_name_part(name.family)}, {_bibtex_name_part(name.given)}"
    whole = source.publisher if _body_is_author(source) else source.author
    return None if whole is None else "{" + bibtex_text(whole) + "}"


def _bibtex_outlet(source: m.Source) -> list[tuple[str, str]]:
    """Where the source appeared: a newspaper (``journal``), a report's ``institution``, or a ``publisher``.

    The name is braced whole, as the title is: biblatex splits a publisher at ``and`` (``Ministry of
    Economy and Finance``) and title-cases a journal's name (``etnews``) otherwise.
    """
    outlet = "{" + bibtex_text(source.publisher) + "}"
    if source.kind == "news":
        return [("journal", outlet), ("entrysubtype", "newspaper")]  # biblatex's newspaper article
    if source.kind == "report":
        return [("institution", outlet)]
    return [] if _body_is_author(source) else [("publisher", outlet)]


def bibtex_entry(source: m.Source) -> str:
    """One source as a BibTeX entry of its kind's type (biblatex reads ``date``, ``url`` and ``urldate`` too)."""
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_text(source.title) + "}")]
    if (author := bibtex_author(source)) is not None:
        fields.append(("author", author))
    fields += _bibtex_outlet(source)
    date = source.published
    if date is not None:
        fields.append(("year", str(date.year)))
        fields.append(("date", str(date)))
    fields.append(("url", bibtex_text(source.url)))
    if source.accessed is not None:
        fields.append(("urldate", str(source.accessed)))
    if source.language:
        fields.append(("language", source.language))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    month = f",\n  month = {_MONTHS[date.month - 1]}" if date is not None and date.month else ""
    return f"@{BIBTEX_TYPE[source.kind]}{{{source.id},\n{body}{month}\n}}\n"


def to_bibtex(sources: Sequence[m.Source]) -> str:
    """A BibTeX database (what JabRef and LaTeX read)."""
    return "\n".join(bibtex_entry(s) for s in sources)


def _ris_text(text: str) -> str:
    return " ".join(text.split())


def _ris_date(date: m.PartialDate) -> str:
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def ris_author(source: m.Source) -> str | None:
    """The author as RIS writes a name, ``Family, Given``; a name not known in parts (or a body) whole."""
    name = m.author_name(source)
    if name is not None:
        return _ris_text(f"{name.family}, {name.given}")
    whole = source.publisher if _body_is_author(source) else source.author
    return None if whole is None else _ris_text(whole)


def ris_record(source: m.Source) -> str:
    """One source as an RIS record (``TY  - NEWS`` … ``ER  - ``), CRLF line ends."""
    lines = [("TY", RIS_TYPE[source.kind]), ("ID", source.id), ("TI", _ris_text(source.title))]
    if (author := ris_author(source)) is not None:
        lines.append(("AU", author))
    outlet = _ris_text(source.publisher)
    if source.kind == "news":
        lines.append(("T2", outlet))  # the newspaper
    elif not _body_is_author(source):
        lines.append(("PB", outlet))
    date = source.published
    if date is not None:
        lines += [("PY", f"{date.year:04d}"), ("DA", _ris_date(date))]
    lines.append(("UR", source.url))
    if source.accessed is not None:
        lines.append(("Y2", _ris_date(source.accessed)))  # the access date
    if source.language:
        lines.append(("LA", source.language))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def to_ris(sources: Sequence[m.Source]) -> str:
    """An RIS file (what EndNote, Zotero and Mendeley import)."""
    return "\r\n".join(ris_record(s) for s in sources)
