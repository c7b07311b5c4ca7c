"""Machine formats: each renderer turns a listing into exact, stable text.

Nothing here passes through Rich, so data is never read as markup.
Renderers yield chunks (``iter_*``) so large outputs stream; ``render``
joins them for callers that want one string.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import NoReturn

from silkcli.listings.listing import Listing, Value


class Format(str, enum.Enum):
    """Output formats of the listing commands."""

    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    markdown = "markdown"
    #: reference-manager formats: for ``sources`` only
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


CITATION_FORMATS = (Format.csl_json, Format.bibtex, Format.ris)
MACHINE_FORMATS = tuple(f for f in Format if f is not Format.table and f not in CITATION_FORMATS)
_CHUNK = 500


def _rows(listing: Listing) -> Iterator[dict[str, Value]]:
    fields = listing.fields
    for row in listing.rows:
        yield {name: row.get(name) for name in fields}


def _json_value(value: Value) -> object:
    return list(value) if isinstance(value, tuple) else value


def text_value(value: Value) -> str:
    """A value as one cell of text: lists joined with '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _encoder() -> Callable[[object], bytes]:
    # msgspec is loaded on every query path already (the model); the json module is not
    import msgspec

    return msgspec.json.Encoder().encode


def iter_json(listing: Listing) -> Iterator[str]:
    """A JSON array of objects, one per line, keys in field order, UTF-8 (not ASCII-escaped)."""
    encode = _encoder()
    if listing.document is not None:
        import msgspec

        yield msgspec.json.format(encode(listing.document), indent=2).decode("utf-8") + "\n"
        return
    yield "["
    for i, row in enumerate(_rows(listing)):  # msgspec writes tuples as arrays
        yield ("\n  " if i == 0 else ",\n  ") + encode(row).decode("utf-8")
    yield "\n]\n" if listing.rows else "]\n"


def iter_jsonl(listing: Listing) -> Iterator[str]:
    """One JSON object per line."""
    encode = _encoder()
    if listing.document is not None:
        yield encode(listing.document).decode("utf-8") + "\n"
        return
    for row in _rows(listing):
        yield encode(row).decode("utf-8") + "\n"


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def iter_tsv(listing: Listing) -> Iterator[str]:
    """Header then rows; backslash, tab, CR and LF in values escaped as \\\\ \\t \\r \\n."""
    yield "\t".join(listing.fields) + "\n"
    for row in _rows(listing):
        yield "\t".join(text_value(v).translate(_TSV_ESCAPES) for v in row.values()) + "\n"


def iter_csv(listing: Listing) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) through the csv module."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(listing.fields)
    for i, row in enumerate(_rows(listing), start=1):
        writer.writerow([text_value(v) for v in row.values()])
        if i % _CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _md_cell(value: Value) -> str:
    text = text_value(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def iter_markdown(listing: Listing) -> Iterator[str]:
    """A GitHub table; '|' escaped, line breaks as <br>."""
    fields = listing.fields
    numeric = {c.name for c in listing.columns if c.numeric}
    yield "| " + " | ".join(fields) + " |\n"
    yield "|" + "".join(" ---: |" if f in numeric else " --- |" for f in fields) + "\n"
    for row in _rows(listing):
        yield "| " + " | ".join(_md_cell(v) for v in row.values()) + " |\n"


def iter_yaml(listing: Listing) -> Iterator[str]:
    """A YAML list of mappings that loads back to the same values."""
    import yaml

    try:
        from yaml import CSafeDumper as Dumper
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    if listing.document is not None:
        yield yaml.dump(listing.document, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)
        return
    rows = [{k: _json_value(v) for k, v in row.items()} for row in _rows(listing)]
    for start in range(0, max(len(rows), 1), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        text: str = yaml.dump(chunk, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)
        yield text if chunk or start else "[]\n"


def iter_format(listing: Listing, fmt: Format) -> Iterator[str]:
    """Dispatch to the machine format's renderer."""
    if fmt is Format.json:
        return iter_json(listing)
    if fmt is Format.jsonl:
        return iter_jsonl(listing)
    if fmt is Format.tsv:
        return iter_tsv(listing)
    if fmt is Format.csv:
        return iter_csv(listing)
    if fmt is Format.markdown:
        return iter_markdown(listing)
    if fmt is Format.yaml:
        return iter_yaml(listing)
    if fmt is Format.table:
        raise ValueError("tables are drawn by silkcli.table")
    if fmt is Format.csl_json or fmt is Format.bibtex or fmt is Format.ris:
        return iter((citations(listing, fmt),))
    _unreachable(fmt)


def citations(listing: Listing, fmt: Format) -> str:
    """The sources of a ``sources`` listing in a reference manager's format; a usage error for other listings."""
    if listing.kind != "sources":
        from silkcli.errors import UsageError

        raise UsageError(f"-f {fmt.value} is for `silkcli sources` only (it formats references)")
    from silkcli.publish import references  # only for these formats

    sources = references.sources_from_rows(listing.rows)
    if fmt is Format.csl_json:
        return references.to_csl_json(sources)
    return references.to_bibtex(sources) if fmt is Format.bibtex else references.to_ris(sources)


def _unreachable(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format {value!r}")


def render(listing: Listing, fmt: Format) -> str:
    """The whole output of a machine format as one string."""
    return "".join(iter_format(listing, fmt))
