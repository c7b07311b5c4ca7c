"""How a listing is drawn (:class:`View`) and what draws it (a :data:`Renderer`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

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
