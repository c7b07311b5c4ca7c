"""The terminal table, and pictures of it (HTML, SVG), drawn by Rich.

Every table silkcli puts on a terminal (the listings and the brief's) is a
:class:`rich.table.Table` built by :func:`rich_table` from the column
planner's :class:`~silkcli.formats.fit.Plan`: the planner chooses which
columns show and how wide each is (ids, dates and numbers never broken, the
least important columns left out first); Rich draws them at exactly those
widths. Data is never read as markup or emoji codes (every cell is a
:class:`rich.text.Text`, control characters escaped); numeric columns are
right-aligned; prose wraps between words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from silkcli.formats.console import LINKABLE, link, picture_console, printed
from silkcli.formats.display import bar
from silkcli.formats.expanded import block_lines, iter_blocks, readable
from silkcli.formats.fit import BAR_WIDTH, Plan, caption, cell_text, choose, plan, squeeze
from silkcli.formats.footnotes import footnote_lines, footnoted
from silkcli.formats.view import FILE_WIDTH, View
from silkcli.listings.listing import Listing, Value

#: Width of a table drawn without one (a view of a pipe or a file).
DEFAULT_WIDTH = 80
HIGHLIGHT = "bold reverse"
#: An unframed table (a rule under the header only) takes this many cells fewer than a framed one.
UNFRAMED = 2


def iter_table(listing: Listing, view: View) -> Iterator[str]:
    """The table as a terminal shows it (escape codes only with ``view.color``), or records when it cannot fit;
    then its footnotes (``--cite``'s sources)."""
    shown = footnoted(listing)
    width = view.width or DEFAULT_WIDTH
    if view.layout == "auto":
        found = choose(shown, width)
    else:
        found = plan(shown, width) if view.layout == "table" else None
    if found is None and view.layout != "table":
        shown = footnoted(readable(listing))  # blocks have room for names: South Korea, memorandum of …
        yield from iter_blocks(shown, view._replace(width=width))
    else:
        yield to_table(shown, width=width, color=view.color, links=view.links, found=found)
    listing = shown
    if listing.footnotes:
        yield printed(footnotes(listing, width, links=view.links), width=width, color=view.color)


def footnotes(listing: Listing, width: int, *, links: bool = False) -> Text:
    """The listing's footnotes as lines of at most ``width`` cells after a blank line; with ``links`` each
    source's URL (every piece of it, when it folds) links to the whole URL."""
    lines = [Text("")]
    for note, text in zip(footnote_lines(listing, width), listing.footnotes, strict=True):
        drawn = [Text(line, style="dim" if text.startswith("*") else "") for line in note]
        url = text.rsplit(" ", 1)[-1]
        if links and LINKABLE.fullmatch(url):
            _link_tail(drawn, url)
        lines += drawn
    return Text("\n").join(lines)


def _link_tail(lines: list[Text], url: str) -> None:
    """Link the pieces of ``url`` that end ``lines`` (a URL folded over lines) to the whole URL."""
    rest = url
    for line in reversed(lines):
        piece = line.plain.lstrip()
        size = len(piece) if rest.endswith(piece) else len(rest) if piece.endswith(rest) else 0
        line.stylize(Style(link=url), len(line.plain) - size)
        rest = rest[: len(rest) - size]
        if not rest or not size:
            return


def _recorded(listing: Listing, view: View) -> Console:
    """A recording Rich console holding the table, drawn in colour (a bold header, a dim caption)."""
    console = picture_console(view.width or FILE_WIDTH)
    listing = footnoted(listing)
    console.print(listing_table(listing, width=console.width))
    if listing.footnotes:
        console.print(footnotes(listing, console.width))
    return console


def iter_html(listing: Listing, view: View) -> Iterator[str]:
    """The table as a standalone HTML page with inline styles."""
    yield _recorded(listing, view).export_html(inline_styles=True)


def iter_svg(listing: Listing, view: View) -> Iterator[str]:
    """The table as an SVG picture of a terminal."""
    yield _recorded(listing, view).export_svg(title=f"silkcli {listing.kind}")


def to_table(
    listing: Listing, *, width: int | None = None, color: bool = False, links: bool = False, found: Plan | None = None
) -> str:
    """The listing as a table captioned with its match count, never wider than ``width`` (80 when none)."""
    room = width or DEFAULT_WIDTH
    return printed(listing_table(listing, width=room, links=links, found=found), width=room, color=color)


def listing_table(listing: Listing, *, width: int, links: bool = False, found: Plan | None = None) -> Table:
    """The listing's table at ``width``: the planner's columns and widths, a bar when there is room for it.

    When even the essential columns do not fit (``--layout table`` at a tiny
    width), every value folds (:func:`~silkcli.formats.fit.squeeze`).
    """
    found = found or plan(listing, width) or squeeze(listing, width)
    peak = _peak(listing, listing.bar) if found.bar else 0.0
    rows = []
    for row in listing.rows:
        cells = [_cell(listing, row, name, links=links) for name in found.fields]
        if peak:
            value = row.get(listing.bar or "")
            cells.append(Text(bar(float(value) / peak, BAR_WIDTH) if isinstance(value, (int, float)) else ""))
        rows.append(cells)
    return rich_table(listing, found._replace(bar=bool(peak)), rows, caption=caption(listing))


def rich_table(
    listing: Listing, found: Plan, rows: Sequence[Sequence[Text]], *, caption: str | None = None, framed: bool = True
) -> Table:
    """A Rich table of ``rows`` with the columns and widths of ``found``: the one way silkcli draws a table.

    Values that are not prose never need to wrap (the planner makes their
    column as wide as the widest, a list's as its widest item, so a list
    wraps between items); prose wraps between words and folds only a word
    longer than its column; a link is cut with … rather than wrapped.
    ``framed``: the HEAVY_HEAD box of a listing; otherwise a rule under the
    header only (a table inside a panel), which takes 2 cells fewer.
    """
    table = Table(
        box=box.HEAVY_HEAD if framed else box.SIMPLE_HEAD,
        show_edge=framed,
        header_style="",
        caption=Text(caption) if caption else None,
        caption_justify="right",
        caption_style="italic dim",
    )
    for name, size in zip(found.fields, found.widths, strict=True):
        column = listing.column(name)
        table.add_column(
            Text.assemble((name.replace("_", " "), "bold")),
            width=size,
            justify="right" if column.numeric else "left",
            no_wrap=column.link,
            overflow="ellipsis" if column.link else "fold",
        )
    if found.bar:  # each row's last cell
        table.add_column(Text(""), width=BAR_WIDTH, no_wrap=True)
    for cells in rows:
        table.add_row(*cells)
    return table


def _peak(listing: Listing, field: str | None) -> float:
    if field is None or field not in listing.fields:
        return 0.0
    values = [v for r in listing.rows if isinstance(v := r.get(field), (int, float)) and not isinstance(v, bool)]
    return float(max(values)) if values else 0.0


def _cell(listing: Listing, row: dict[str, Value], name: str, *, links: bool) -> Text:
    text = Text(cell_text(listing, row, name))  # control characters already escaped; never markup
    if listing.highlight and name == "snippet":
        text.highlight_words(listing.highlight.split(), HIGHLIGHT, case_sensitive=False)
    if links and listing.column(name).link:
        link(text)
    return text


class Fitted:
    """A table planned at the width it is given when drawn (inside a panel of the brief, say).

    ``rows`` are what the planner measures (one text per column); ``texts``
    the same cells as styled Rich texts (a dim note mark), which are drawn.
    When even the essential columns do not fit, the rows become blocks of
    ``column: value`` lines, as a listing's do.
    """

    def __init__(self, listing: Listing, texts: Sequence[Mapping[str, Text]], *, framed: bool = False) -> None:
        self.listing, self.texts, self.framed = listing, texts, framed

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table at ``options.max_width``, or blocks."""
        width = options.max_width + (0 if self.framed else UNFRAMED)
        found = plan(self.listing, width)
        if found is None:
            yield Text("\n").join(block_lines(self.listing, width=options.max_width, count=False))
            return
        rows = [[texts[name] for name in found.fields] for texts in self.texts]
        yield rich_table(self.listing, found, rows, framed=self.framed)
