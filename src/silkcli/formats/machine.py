"""Machine formats: each renderer turns a listing into exact, stable text.

Nothing here passes through Rich, so data is never read as markup.
Renderers yield chunks (``iter_*``) so large outputs stream; ``render``
joins them for callers that want one string.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator

import msgspec

from silkcli.formats.display import markdown_value, text_value
from silkcli.formats.view import PLAIN, View
from silkcli.listings.listing import Entry, Layout, Listing, Value

_CHUNK = 500


def _rows(listing: Listing) -> Iterator[dict[str, Value]]:
    fields = listing.fields
    for row in listing.rows:
        yield row if tuple(row) == fields else {name: row.get(name) for name in fields}


def _json_value(value: Value) -> object:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


def _plain(value: object) -> object:
    """A structured entry as its object; anything else as it is."""
    if isinstance(value, Entry):
        return value.data if type(value.data) is dict else dict(value.data)
    return value


def _escaped(data: bytes) -> bytes:
    """JSON with U+2028 and U+2029 escaped: valid JSON either way, but a raw one splits the line
    for anything that reads it with ``str.splitlines()``."""
    if b"\xe2\x80\xa8" in data or b"\xe2\x80\xa9" in data:
        data = data.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
    return data


def _encoder() -> Callable[[object], bytes]:
    """JSON for one value (U+2028 and U+2029 escaped)."""

    encode = msgspec.json.Encoder(enc_hook=_plain).encode
    return lambda value: _escaped(encode(value))


def _json_lines(listing: Listing) -> Iterator[bytes]:
    """The rows as JSON, one per line, :data:`_CHUNK` rows per chunk (each encoded in one call)."""

    encode_lines = msgspec.json.Encoder(enc_hook=_plain).encode_lines
    rows = list(_rows(listing))
    for start in range(0, len(rows), _CHUNK):
        yield _escaped(encode_lines(rows[start : start + _CHUNK]))


def iter_json(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """A JSON array of objects, one per line, keys in field order, UTF-8 (not ASCII-escaped).

    A single record in full (``Layout.record``) is one indented object.
    """
    encode = _encoder()
    if listing.layout is Layout.record:
        yield msgspec.json.format(encode(listing.record), indent=2).decode("utf-8") + "\n"
        return
    yield "["
    for i, lines in enumerate(_json_lines(listing)):  # msgspec writes tuples as arrays
        # an encoded row holds no raw newline (JSON escapes it), so the lines are the rows
        yield ("\n  " if i == 0 else ",\n  ") + lines[:-1].replace(b"\n", b",\n  ").decode("utf-8")
    yield "\n]\n" if listing.rows else "]\n"


def iter_jsonl(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """One JSON object per line (a single record in full: that one object)."""
    encode = _encoder()
    if listing.layout is Layout.record:
        yield encode(listing.record).decode("utf-8") + "\n"
        return
    for lines in _json_lines(listing):
        yield lines.decode("utf-8")


_TSV_ESCAPES = str.maketrans(
    {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def iter_tsv(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """Header (unless ``view.header`` is off) then rows.

    Backslash, tab, CR, LF, U+2028 and U+2029 in values are escaped (\\\\ \\t \\r \\n \\u2028 …).
    """
    if view.header:
        yield "\t".join(listing.fields) + "\n"
    for row in _rows(listing):
        yield "\t".join(text_value(v).translate(_TSV_ESCAPES) for v in row.values()) + "\n"


def iter_csv(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) through the csv module; header and BOM as ``view`` says."""

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if view.bom:
        buffer.write("\ufeff")
    if view.header:
        writer.writerow(listing.fields)
    for i, row in enumerate(_rows(listing), start=1):
        writer.writerow([text_value(v) for v in row.values()])
        if i % _CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _md_cell(value: Value) -> str:
    return _BREAKS.sub("<br>", markdown_value(text_value(value)))


#: Line breaks in a Markdown cell (U+2028 and U+2029 too), written as <br>.
_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")


def iter_markdown(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """A GitHub table; Markdown punctuation in values escaped as the brief escapes it, line breaks as <br>."""
    fields = listing.fields
    numeric = {c.name for c in listing.columns if c.numeric}
    yield "| " + " | ".join(fields) + " |\n"
    yield "|" + "".join(" ---: |" if f in numeric else " --- |" for f in fields) + "\n"
    for row in _rows(listing):
        yield "| " + " | ".join(_md_cell(v) for v in row.values()) + " |\n"


def iter_yaml(listing: Listing, view: View = PLAIN) -> Iterator[str]:
    """A YAML list of mappings that loads back to the same values (a single record in full: one mapping)."""
    import yaml  # noqa: PLC0415 - PyYAML: 43 ms, imported only for YAML

    try:
        from yaml import CSafeDumper as Dumper  # noqa: PLC0415 - start-up, as above
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]  # noqa: PLC0415 - as above
    if listing.layout is Layout.record:
        yield yaml.dump(listing.record, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)
        return
    rows = [{k: _json_value(v) for k, v in row.items()} for row in _rows(listing)]
    for start in range(0, max(len(rows), 1), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        text: str = yaml.dump(chunk, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)
        yield text if chunk or start else "[]\n"


def iter_csl_json(listing: Listing, view: View) -> Iterator[str]:
    """CSL-JSON references (Zotero, pandoc) of the sources listed."""
    from silkcli.publish import references  # noqa: PLC0415 - 3 ms (json): only the reference formats need it

    yield references.to_csl_json(references.sources_from_rows(listing.rows))


def iter_bibtex(listing: Listing, view: View) -> Iterator[str]:
    """BibTeX references (JabRef, LaTeX) of the sources listed."""
    from silkcli.publish import references  # noqa: PLC0415 - as in iter_csl_json

    yield references.to_bibtex(references.sources_from_rows(listing.rows))


def iter_ris(listing: Listing, view: View) -> Iterator[str]:
    """RIS references (EndNote) of the sources listed."""
    from silkcli.publish import references  # noqa: PLC0415 - as in iter_csl_json

    yield references.to_ris(references.sources_from_rows(listing.rows))
