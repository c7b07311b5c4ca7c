"""The one registry of listing formats: each knows its name, file suffixes, kind and renderer.

``-f``, ``--export`` and file names all look formats up here, so a new format
is one member of :class:`Format` plus its renderer (a function from a shaped
:class:`~silkcli.listings.listing.Listing` and a :class:`View` to chunks of
text) and its tests. Renderers are named as ``"module:function"`` and
imported only when used, so choosing a format costs nothing at start-up and
machine formats never import Rich.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from silkcli.errors import UsageError
from silkcli.plain import Plain

if TYPE_CHECKING:
    from silkcli.listings.listing import Listing


class View(Plain):
    """How the output is drawn: a person's terminal (or a picture of it) for tables, header and BOM for csv/tsv."""

    width: int | None = None
    color: bool = False
    #: source URLs as OSC 8 hyperlinks (the terminal supports them)
    links: bool = False
    #: "auto" (a table when the essential columns fit, else records), "table" or "records"
    layout: str = "auto"
    #: csv and tsv start with the header line
    header: bool = True
    #: csv starts with a UTF-8 byte order mark (for spreadsheet programs)
    bom: bool = False


#: Width of a table drawn into a file (--export, -o) when none is given.
FILE_WIDTH = 120
#: The view of a file or pipe: no terminal width, no colour.
PLAIN = View()
Renderer = Callable[["Listing", View], Iterator[str]]


class Format(str, enum.Enum):
    """Output formats of the listing commands (a ``str`` enum, so Typer offers the names as choices)."""

    suffixes: tuple[str, ...]
    machine: bool
    evidence: bool
    picture: bool
    kinds: tuple[str, ...]
    _renderer: str

    def __new__(
        cls,
        name: str,
        suffixes: tuple[str, ...],
        machine: bool,
        evidence: bool,
        picture: bool,
        renderer: str,
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
        member._renderer = renderer
        return member

    table = ("table", (), False, False, False, "table:iter_table")
    tsv = ("tsv", (".tsv",), True, False, False, "machine:iter_tsv")
    csv = ("csv", (".csv",), True, False, False, "machine:iter_csv")
    json = ("json", (".json",), True, True, False, "machine:iter_json")
    jsonl = ("jsonl", (".jsonl",), True, True, False, "machine:iter_jsonl")
    yaml = ("yaml", (".yaml", ".yml"), True, True, False, "machine:iter_yaml")
    html = ("html", (".html", ".htm"), False, False, True, "table:iter_html")
    svg = ("svg", (".svg",), False, False, True, "table:iter_svg")
    markdown = ("markdown", (".md",), True, False, False, "machine:iter_markdown")
    # references for citation managers, from the sources listing only
    csl_json = ("csl-json", (), True, False, False, "machine:iter_csl_json", ("sources",))
    bibtex = ("bibtex", (".bib",), True, False, False, "machine:iter_bibtex", ("sources",))
    ris = ("ris", (".ris",), True, False, False, "machine:iter_ris", ("sources",))

    def renderer(self) -> Renderer:
        """The function that renders this format (its module is imported now)."""
        module, _, function = self._renderer.partition(":")
        found: Renderer = getattr(importlib.import_module(f"silkcli.formats.{module}"), function)
        return found


#: The machine formats every listing can be written in.
MACHINE_FORMATS = tuple(f for f in Format if f.machine and not f.kinds)


def iter_format(listing: Listing, fmt: Format, view: View = PLAIN) -> Iterator[str]:
    """The listing in ``fmt``, in chunks, so large outputs stream; a usage error where ``fmt`` does not apply."""
    if fmt.kinds and listing.kind not in fmt.kinds:
        raise UsageError(f"-f {fmt.value} is for `silkcli {' / '.join(fmt.kinds)}` only (it formats references)")
    return fmt.renderer()(listing, view)


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
