"""The sources as references for citation managers: CSL-JSON (Zotero), BibTeX (JabRef), RIS (EndNote).

Each source becomes one web-page reference keyed by its id. A publication
date appears only as precisely as it is known (none when unknown); an author
is kept whole (``Son Ji-hyoung`` is family name first, so it is never split);
the archived copy, where there is one, is named as the archive location.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from silkcli.dataset import model as m

#: What an archived copy is called in each format.
ARCHIVE = "silkcli archived sources"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def sources_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[m.Source]:
    """Sources rebuilt from rows of the ``sources`` listing (which hold every Source field)."""
    names = [f.name for f in msgspec.structs.fields(m.Source)]
    return [msgspec.convert({n: row.get(n) for n in names}, m.Source, dec_hook=m.decode_hook) for row in rows]


def _date_parts(date: m.PartialDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p is not None]


def csl_item(source: m.Source) -> dict[str, Any]:
    """One source as a CSL-JSON item."""
    item: dict[str, Any] = {"id": source.id, "type": "webpage", "title": source.title, "publisher": source.publisher}
    if source.author:
        item["author"] = [{"literal": source.author}]
    if source.published is not None:
        item["issued"] = {"date-parts": [_date_parts(source.published)]}
    item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    if source.archive:
        item.update(archive=ARCHIVE, archive_location=source.archive)
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


def bibtex_entry(source: m.Source) -> str:
    """One source as a BibTeX ``@misc`` entry (biblatex reads ``date`` and ``url`` too)."""
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_text(source.title) + "}")]
    if source.author:
        fields.append(("author", "{" + bibtex_text(source.author) + "}"))
    fields.append(("publisher", bibtex_text(source.publisher)))
    date = source.published
    if date is not None:
        fields.append(("year", str(date.year)))
        fields.append(("date", str(date)))
    fields.append(("url", bibtex_text(source.url)))
    fields.append(("howpublished", r"\url{" + bibtex_text(source.url) + "}"))
    if source.language:
        fields.append(("language", source.language))
    if source.archive:
        fields.append(("note", bibtex_text(f"Archived copy: {source.archive} ({ARCHIVE})")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    month = f",\n  month = {_MONTHS[date.month - 1]}" if date is not None and date.month else ""
    return f"@misc{{{source.id},\n{body}{month}\n}}\n"


def to_bibtex(sources: Sequence[m.Source]) -> str:
    """A BibTeX database (what JabRef and LaTeX read)."""
    return "\n".join(bibtex_entry(s) for s in sources)


def _ris_text(text: str) -> str:
    return " ".join(text.split())


def ris_record(source: m.Source) -> str:
    """One source as an RIS record (``TY  - ELEC`` … ``ER  - ``), CRLF line ends."""
    lines = [("TY", "ELEC"), ("ID", source.id), ("TI", _ris_text(source.title))]
    if source.author:
        lines.append(("AU", _ris_text(source.author)))
    lines.append(("PB", _ris_text(source.publisher)))
    date = source.published
    if date is not None:
        lines.append(("PY", f"{date.year:04d}"))
        month = f"{date.month:02d}" if date.month else ""
        day = f"{date.day:02d}" if date.day else ""
        lines.append(("DA", f"{date.year:04d}/{month}/{day}/"))
    lines.append(("UR", source.url))
    if source.language:
        lines.append(("LA", source.language))
    if source.archive:
        lines += [("DB", ARCHIVE), ("AN", source.archive)]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def to_ris(sources: Sequence[m.Source]) -> str:
    """An RIS file (what EndNote, Zotero and Mendeley import)."""
    return "\r\n".join(ris_record(s) for s in sources)
