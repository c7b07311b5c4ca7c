"""One record as a readable block for a terminal (``show``): ``field: value`` lines, nested values indented.

No Rich: values are plain text with control characters escaped, so data can
never style or move the terminal. Each field is drawn by :func:`field_lines`,
the one place a line per field (its citation, say) would be added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from silkcli.errors import visible
from silkcli.formats.display import cell_width, wrap_cells
from silkcli.formats.view import View
from silkcli.listings.listing import Listing

#: Fields the heading or the lines at the end show.
_SHOWN_APART = (
    *("kind", "id", "source", "evidence", "note", "cites", "support"),
    *("source_detail", "sources_detail", "referred_by"),
)
_INDENT = "  "


def iter_record_block(listing: Listing, view: View) -> Iterator[str]:
    """The listing's one record as a block of lines, at the view's width (80 when none), then the date of the data."""
    yield record_block(listing.record or {}, width=view.width or 80)
    if listing.as_of:  # wrapped like the fields, so a narrow terminal gets it whole
        yield "\n" + "\n".join(wrap_cells(listing.as_of, view.width or 80)) + "\n"


def record_block(record: Mapping[str, object], *, width: int) -> str:
    """The heading, every field (with its citations where they differ from the record's), the sources,
    then what refers to the record."""
    lines = _heading(visible(str(record.get("id", ""))), visible(str(record.get("kind", ""))), width=width)
    support = record.get("support")
    support = support if isinstance(support, Mapping) else {}
    for name, value in record.items():
        if name not in _SHOWN_APART:
            lines += field_lines(name, value, indent="", width=width)
            lines += cited_lines(support.get(name), record.get("source"), width=width)
    details = record.get("sources_detail") or ([record["source_detail"]] if "source_detail" in record else [])
    for name in ("note", "cites", *(() if details else ("source",))):
        if name in record:
            lines += field_lines("citations" if name == "cites" else name, record[name], indent="", width=width)
    for detail in details if isinstance(details, Sequence) else ():
        if isinstance(detail, Mapping):
            lines += _source_lines(detail, width=width)
    if "evidence" in record:
        lines += field_lines("evidence", record["evidence"], indent="", width=width)
    lines += referrer_lines(record.get("referred_by"), width=width)
    return "\n".join(lines) + "\n"


def cited_lines(cites: object, short_form: object, *, width: int) -> list[str]:
    """``  cited: SOURCE (inferred)`` under a field whose citations are not just the record's own source."""
    if not isinstance(cites, Sequence) or not cites:
        return []
    named = {str(c.get("source")): bool(c.get("inferred")) for c in cites if isinstance(c, Mapping)}
    if list(named) == [short_form] and not any(named.values()):
        return []
    text = "; ".join(f"{source} (inferred)" if inferred else source for source, inferred in named.items())
    return _wrapped(f"{_INDENT}cited: ", text, indent=_INDENT, width=width)


def field_lines(name: str, value: object, *, indent: str, width: int) -> list[str]:
    """``name: value`` wrapped at ``width``; a mapping or a list of mappings as indented lines below."""
    if isinstance(value, Mapping):
        return [f"{indent}{name}:", *_mapping_lines(value, indent=indent + _INDENT, width=width)]
    if isinstance(value, Sequence) and not isinstance(value, str) and any(isinstance(v, Mapping) for v in value):
        lines = [f"{indent}{name}:"]
        for item in value:
            lines += _item_lines(item, indent=indent + _INDENT, width=width)
        return lines
    if name == "published" and value is None:  # a source with no known date, as it is cited everywhere
        value = "n.d."
    return _wrapped(f"{indent}{name}: ", _text(value), indent=indent, width=width)


def _mapping_lines(value: Mapping[str, object], *, indent: str, width: int) -> list[str]:
    return [line for key, item in value.items() for line in field_lines(key, item, indent=indent, width=width)]


def _item_lines(item: object, *, indent: str, width: int) -> list[str]:
    """One element of a list, as ``- first: …`` with its other fields aligned under it."""
    if not isinstance(item, Mapping):
        return _wrapped(f"{indent}- ", _text(item), indent=indent, width=width)
    lines = _mapping_lines(item, indent=indent + _INDENT, width=width)
    if lines:
        lines[0] = f"{indent}- {lines[0][len(indent) + 2 :]}"
    return lines


def _text(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value) if value else "none"
    if isinstance(value, int):
        return f"{value:,}"  # an amount reads as 500,000,000
    return str(value)


def _wrapped(first: str, text: str, *, indent: str, width: int) -> list[str]:
    """``first`` + text wrapped at word boundaries; following lines indented under the field."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += wrap_cells(  # terminal cells: Hangul and CJK take two
            visible(paragraph),
            max(width, cell_width(first) + 10),
            first=first if not lines else indent + _INDENT,
            rest=indent + _INDENT,
        ) or [first.rstrip()]
    return lines


def _source_lines(detail: Mapping[str, object], *, width: int) -> list[str]:
    parts = [str(detail.get("publisher", "")), str(detail.get("published") or "n.d.")]
    lines = [] if detail.get("id") is None else [f"source {visible(str(detail['id']))}:"]
    lines += _wrapped(_INDENT, f"{detail.get('title', '')} ({', '.join(parts)})", indent="", width=width)
    url = visible(str(detail.get("url", "")))
    if cell_width(_INDENT + url) <= width:
        return lines + [_INDENT + url]
    return lines + (wrap_cells(url, width) or [""])  # from the margin; cut only if wider than the whole line


def _heading(ident: str, kind: str, *, width: int) -> list[str]:
    """``ID (kind)``, or the id and then its kind below when the two do not fit (the id is never cut)."""
    line = f"{ident} ({kind})"
    return [line] if cell_width(line) <= width else [ident, f"({kind})"]


def _alone(ident: str, *, width: int) -> str:
    """An id on its own line, indented as deep as it fits (an id wider than the line is never cut)."""
    room = max(width - cell_width(ident), 0)
    return " " * min(room, 2 * len(_INDENT)) + ident


def referrer_lines(referrers: object, *, width: int) -> list[str]:
    """``referred to by N records:`` and one line each: kind, id, and as much of its label as fits."""
    if not isinstance(referrers, Sequence) or not referrers:
        return ["", "referred to by: nothing"]
    rows = [(str(r["kind"]), str(r["id"]), str(r["label"])) for r in referrers if isinstance(r, Mapping)]
    kind_w, id_w = (max(len(row[i]) for row in rows) for i in (0, 1))
    lines = ["", *wrap_cells(f"referred to by {len(rows)} {'record' if len(rows) == 1 else 'records'}:", width)]
    for kind, ident, text in rows:
        start = f"{_INDENT}{visible(kind).ljust(kind_w)}  {visible(ident).ljust(id_w)}  "
        if len(start.rstrip()) > width:  # a narrow terminal: the kind, then the id whole on its own line
            lines += [f"{_INDENT}{visible(kind)}", _alone(visible(ident), width=width)]
            continue
        room = width - cell_width(start)
        shown = visible(text)
        if cell_width(shown) > room:
            shown = _cut(shown, room - 1) + "…" if room > 8 else ""
        lines.append((start + shown).rstrip())
    return lines


def _cut(text: str, room: int) -> str:
    """The start of ``text`` that takes at most ``room`` terminal cells (Hangul takes two)."""
    used = 0
    for i, char in enumerate(text):
        used += cell_width(char)
        if used > room:
            return text[:i].rstrip()
    return text
