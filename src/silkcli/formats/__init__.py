"""The one registry of listing formats: each knows its name, file suffixes, kind and renderer.

``-f``, ``--export`` and file names all look formats up here, so a new format
is one member of :class:`Format` plus its renderer (a function from a shaped
:class:`~silkcli.listings.listing.Listing` and a :class:`View` to chunks of
text) and its tests. Each member holds its renderer, a function that imports
the renderer's module when it is called: importing :mod:`~silkcli.formats.machine`
with the registry would cost ``--help`` 15 ms (it imports the listings and
msgspec), and machine formats never import Rich.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from silkcli.errors import UsageError
from silkcli.formats.view import FILE_WIDTH, PLAIN, Renderer, View

if TYPE_CHECKING:
    from silkcli.listings.listing import Listing

#: View and its kin live in :mod:`~silkcli.formats.view`, so that the renderers need not import this registry.
__all__ = ["FILE_WIDTH", "MACHINE_FORMATS", "PLAIN", "TABLE_FILES", "Format", "Renderer", "View", "format_of"]
__all__ += ["format_names", "iter_format", "render"]


# Each renderer imports its module when it is called: machine.py with the registry would cost --help 15 ms
# (it imports the listings and msgspec), and table.py is for tables and pictures only.
# ruff: noqa: PLC0415


def _table(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.table import iter_table

    return iter_table(listing, view)


def _html(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.table import iter_html

    return iter_html(listing, view)


def _svg(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.table import iter_svg

    return iter_svg(listing, view)


def _tsv(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_tsv

    return iter_tsv(listing, view)


def _csv(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_csv

    return iter_csv(listing, view)


def _json(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_json

    return iter_json(listing, view)


def _jsonl(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_jsonl

    return iter_jsonl(listing, view)


def _yaml(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_yaml

    return iter_yaml(listing, view)


def _markdown(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_markdown

    return iter_markdown(listing, view)


def _csl_json(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_csl_json

    return iter_csl_json(listing, view)


def _bibtex(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_bibtex

    return iter_bibtex(listing, view)


def _ris(listing: Listing, view: View) -> Iterator[str]:
    from silkcli.formats.machine import iter_ris

    return iter_ris(listing, view)


class Format(str, enum.Enum):
    """Output formats of the listing commands (a ``str`` enum, so Typer offers the names as choices)."""

    suffixes: tuple[str, ...]
    machine: bool
    evidence: bool
    picture: bool
    kinds: tuple[str, ...]
    renderer: Renderer

    def __new__(
        cls,
        name: str,
        suffixes: tuple[str, ...],
        machine: bool,
        evidence: bool,
        picture: bool,
        renderer: Renderer,
        kinds: tuple[str, ...] = (),
    ) -> Format:
        member = str.__new__(cls, name)
        member._value_ = name
        member.suffixes = suffixes
        #: exact and stable text for scripts; never passes through Rich
        member.machine = machine
        #: ``--cite`` adds the evidence quote as well as the source
        member.evidence = evidence
        #: a picture of the terminal table, for a file (``--export``)
        member.picture = picture
        #: the listings it applies to (by ``Listing.kind``); empty: every listing
        member.kinds = kinds
        #: the function that renders it
        member.renderer = renderer
        return member

    table = ("table", (), False, False, False, _table)
    tsv = ("tsv", (".tsv",), True, False, False, _tsv)
    csv = ("csv", (".csv",), True, False, False, _csv)
    json = ("json", (".json",), True, True, False, _json)
    jsonl = ("jsonl", (".jsonl",), True, True, False, _jsonl)
    yaml = ("yaml", (".yaml", ".yml"), True, True, False, _yaml)
    html = ("html", (".html", ".htm"), False, False, True, _html)
    svg = ("svg", (".svg",), False, False, True, _svg)
    markdown = ("markdown", (".md",), True, False, False, _markdown)
    # references for citation managers, from the sources listing only
    csl_json = ("csl-json", (), True, False, False, _csl_json, ("sources",))
    bibtex = ("bibtex", (".bib",), True, False, False, _bibtex, ("sources",))
    ris = ("ris", (".ris",), True, False, False, _ris, ("sources",))


#: The machine formats every listing can be written in.
MACHINE_FORMATS = tuple(f for f in Format if f.machine and not f.kinds)


def format_names() -> str:
    """The -f choices of the listing commands, as --help says them: the two defaults, then the rest by kind."""
    others = [f.value for f in (*MACHINE_FORMATS, *(f for f in Format if f.picture)) if f is not Format.tsv]
    by_kind: dict[str, list[str]] = {}
    for fmt in Format:
        for kind in fmt.kinds:
            by_kind.setdefault(kind, []).append(fmt.value)
    only = "; ".join(f"for {kind} also {', '.join(names[:-1])} and {names[-1]}" for kind, names in by_kind.items())
    return f"table (the default on a terminal) or tsv (the default in a pipe), {', '.join(others)}; {only}"


def iter_format(listing: Listing, fmt: Format, view: View = PLAIN) -> Iterator[str]:
    """The listing in ``fmt``, in chunks, so large outputs stream; a usage error where ``fmt`` does not apply."""
    # one record in full (``show``) is not the listing a reference format reads, even when it is a source
    if fmt.kinds and (listing.kind not in fmt.kinds or listing.layout.value == "record"):
        raise UsageError(f"-f {fmt.value} is for `silkcli {' / '.join(fmt.kinds)}` only (it formats references)")
    return fmt.renderer(listing, view)


def render(listing: Listing, fmt: Format, view: View = PLAIN) -> str:
    """The whole output of ``fmt`` as one string."""
    return "".join(iter_format(listing, fmt, view))


#: What ``--export`` writes: the table as a person sees it, as a file.
TABLE_FILES = (Format.html, Format.svg, Format.markdown)


def format_of(path: Path, *, option: str, choices: Sequence[Format] = tuple(Format)) -> Format:
    """The format among ``choices`` that a file name asks for by its suffix; a usage error when none does."""
    suffix = path.suffix.lower()
    for fmt in choices:
        if suffix in fmt.suffixes:
            return fmt
    names = [fmt.suffixes[0] for fmt in choices if fmt.suffixes]
    endings = f"{', '.join(names[:-1])} or {names[-1]}"
    raise UsageError(f"{option}: cannot tell the format of '{path}'; use a name ending in {endings}")
