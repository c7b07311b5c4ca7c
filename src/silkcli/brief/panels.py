"""The brief on a terminal: Rich panels and tables fitted to the width.

Every piece of data is a :class:`rich.text.Text` (titles included), so
nothing from the dataset is ever read as markup or emoji codes. The SVG
brief is a recording of this same renderable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.bar import Bar
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.containers import Lines
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from silkcli.brief import wording as w
from silkcli.brief.charts import ReserveChart
from silkcli.brief.content import Brief
from silkcli.formats.console import make_console, picture_console
from silkcli.formats.display import glued_dates, unglued, wrap_cells
from silkcli.formats.table import Fitted
from silkcli.listings.listing import Column, Listing


class _Prose(Text):
    """Text whose dates in words (``3 December 2024``) are never broken across lines when Rich wraps it."""

    def wrap(self, console: Console, width: int, **options: Any) -> Lines:
        """The lines Rich would wrap this text into, each date in words kept on one line."""
        glued = self.copy()
        glued.plain = glued_dates(self.plain)
        lines = Text.wrap(glued, console, width, **options)
        for line in lines:
            line.plain = unglued(line.plain)
        return lines


HEAD = "bold cyan"
REF = "dim"


def _fact(text: str | Text, notes: tuple[int, ...], disputes: tuple[int, ...] = ()) -> Text:
    mark = w.refs(notes, disputes)
    return _Prose.assemble(text, (f" {mark}" if mark else "", REF))


class _Panel:
    """A panel whose title is in its top border where it fits whole, else on the first line inside."""

    def __init__(self, title: Text, body: RenderableType, frame: box.Box) -> None:
        self.title, self.body, self.frame = title, body, frame

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The panel at ``options.max_width``."""
        if self.title.cell_len + _TITLE_MARGIN <= options.max_width:
            yield Panel(self.body, title=self.title, title_align="left", box=self.frame, padding=(0, 1))
        else:
            yield Panel(Group(self.title, self.body), box=self.frame, padding=(0, 1))


#: A panel's title takes this many cells of its top border besides its own (corners, rules and spaces).
_TITLE_MARGIN = 6


def _panel(title: str, body: RenderableType) -> _Panel:
    return _Panel(_Prose(title, style=HEAD), body, box.ROUNDED)


def _table(columns: tuple[Column, ...], rows: Sequence[tuple[Text, ...]]) -> Fitted:
    """A table with the listings' rules (planned at the panel's width; dates and numbers never broken)."""
    names = tuple(c.name for c in columns)
    plain = [{name: cell.plain for name, cell in zip(names, row, strict=True)} for row in rows]
    texts = [dict(zip(names, row, strict=True)) for row in rows]
    return Fitted(Listing("brief", columns, names, plain), texts)


def _prose(name: str) -> Column:
    """A column of words, never left out: when the columns cannot all fit, the rows become blocks."""
    return Column(name, "", prose=True, priority=1)


def _date(text: str) -> Text:
    """A date whose precision is spelled out (``1997-06 (day unknown)``) with the words on a line of their own."""
    day, _, rest = text.partition(" (")
    return _Prose(f"{day}\n({rest}" if rest else day)


def _lines(items: list[Text], empty: str = "None.") -> RenderableType:
    return Group(*items) if items else _Prose(empty)


def to_renderable(brief: Brief) -> RenderableType:
    """The whole brief as one Rich renderable."""
    full = (
        [_panel(w.QUOTES, _lines([_fact(w.quote_line(q), q.notes) for q in brief.quotes])), _timeline(brief)]
        if brief.full
        else []
    )
    return Group(
        _headline(brief),
        _documents(brief),
        _progress(brief),
        *([_commitments(brief)] if brief.full else []),
        _figures(brief),
        *full,
        *_disagreements(brief),
        _sources(brief),
        _Prose(w.footer(brief), style=REF),
    )


def _headline(brief: Brief) -> _Panel:
    h = brief.headline
    sentences = w.headline_lines(h)
    lines = [_fact(s, notes, disputes) for s, (notes, disputes) in zip(sentences, w.headline_marks(h), strict=True)]
    lines.append(_Prose(w.LEADERS, style=HEAD))
    lines += [_Prose.assemble(("• ", HEAD), _fact(w.leader_line(x), x.notes, x.disputes)) for x in brief.leaders]
    title = _Prose(h.title, style="bold")
    return _Panel(title, Group(*lines), box.HEAVY)


def _documents(brief: Brief) -> _Panel:
    sector, document, kind, signed = w.DOCUMENT_COLUMNS
    columns = (_prose(sector), _prose(document), _prose(kind), _prose(signed))
    rows = [
        (_Prose(group.sector), _fact(doc.title, doc.notes, doc.disputes), _Prose(doc.type), _Prose(doc.signed_by))
        for group in brief.sectors
        for doc in group.documents
    ]
    body: RenderableType = _table(columns, rows) if brief.sectors else _Prose("None.")
    if brief.also_at_summit:
        count = brief.headline.summit_documents
        also = [_fact(w.at_summit_line(a, count), a.notes, a.disputes) for a in brief.also_at_summit]
        body = Group(body, *also)
    return _panel(w.documents_title(brief), body)


def _progress(brief: Brief) -> _Panel:
    lines = [_Prose.assemble(("• ", HEAD), _fact(w.progress_line(s), s.notes, s.disputes)) for s in brief.progress]
    none = w.unstepped_line(brief)
    return _panel(w.SINCE, Group(*lines, *([_Prose(none)] if none else [])))


def _commitments(brief: Brief) -> _Panel:
    rows = [(_Prose(w.pledge_lead(p)), _fact(p.text, p.notes, p.disputes)) for p in brief.commitments]
    table = _table((_prose("Sector"), _prose("Commitment")), rows)
    return _panel(w.commitments_title(brief), table if brief.commitments else _Prose("None."))


def _figures(brief: Brief) -> _Panel:
    parts: list[RenderableType] = []
    for chart in brief.reserves:
        title = _Prose.assemble((w.chart_title(chart) + ": ", "bold"), w.chart_summary(chart))
        parts += [_fact(title, chart.notes, chart.disputes), _chart(chart), *_context(chart, full=brief.full)]
    for fig in brief.figures:
        label = _Prose.assemble((f"• {fig.label}: ", "bold"), f"{fig.value} ({fig.detail})")
        parts.append(_fact(label, fig.notes, fig.disputes))
    return _panel(w.KEY_FIGURES, Group(*parts))


def _context(chart: ReserveChart, *, full: bool) -> list[RenderableType]:
    """What the rank is out of (``full``), why shares are bounds, the production share, and the claims beside
    the data."""
    parts: list[RenderableType] = (
        [_fact(_Prose(w.chart_coverage(chart), style=REF), chart.coverage.notes)] if full else []
    )
    caveat = w.chart_caveat(chart)
    if caveat:
        parts.append(_Prose(caveat, style=REF))
    if chart.production:
        p = chart.production
        parts.append(_fact(w.production_line(chart, p), p.notes, p.disputes))
    if chart.claims:
        claims = Table.grid(padding=(0, 1), expand=True)
        claims.add_column(no_wrap=True)
        claims.add_column(ratio=1, overflow="fold")
        for c in chart.claims:
            claims.add_row(_Prose(" •", style=HEAD), _fact(w.claim_line(c), c.notes, c.disputes))
        parts += [_Prose(f"{w.CLAIMS}:", style="bold"), claims]
    return parts


def _chart(chart: ReserveChart) -> Table:
    """Rank, country, reserves, share and a bar that takes the width left over."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 1))
    for i, name in enumerate(w.RESERVE_COLUMNS):
        table.add_column(_Prose(name), justify="right" if i != 1 else "left", no_wrap=True)
    table.add_column(_Prose(""), min_width=4, max_width=32)
    for b in chart.bars:
        style = "bold" if b.featured else ""
        rank = str(b.rank) if b.rank is not None else "–"
        cells = [_Prose(t, style=style) for t in (rank, b.country, b.reserves, b.share or "")]
        table.add_row(*cells, Bar(1.0, 0.0, b.fraction, color="dark_orange" if b.featured else "blue"))
    return table


def _timeline(brief: Brief) -> _Panel:
    rows = [(_date(m.date), _fact(m.title, m.notes, m.disputes)) for m in brief.timeline]
    table = _table((Column("Date", "", priority=1), _prose("Event")), rows)
    return _panel(w.TIMELINE, table if brief.timeline else _Prose("No events in this period."))


def _disagreements(brief: Brief) -> list[_Panel]:
    if not brief.disagreements:
        return []
    lines = [
        _Prose.assemble((f"D{d.number}. {d.topic}: ", "bold"), _fact(w.resolution(d, full=brief.full), d.notes))
        for d in brief.disagreements
    ]
    return [_panel(w.DISAGREE, Group(*lines))]


class _Notes:
    """The brief's sources as numbered notes, wrapped between words at the width they are drawn at.

    Outside a panel, so that a web address stands whole on a line of its own (a panel's border would
    break one that is wider than the panel), as ``--cite``'s notes under a listing do.
    """

    def __init__(self, brief: Brief) -> None:
        self.notes = brief.notes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The heading, then each note: its number, its line, and its URL whole on the next line."""
        width = options.max_width
        yield Rule(_Prose(w.SOURCES, style=HEAD), align="left", style=REF)
        digits = len(str(max((note.number for note in self.notes), default=1)))
        indent = " " * (digits + 2)
        for note in self.notes:
            mark = f"{note.number:>{digits}}  "
            for line in wrap_cells(w.note_line(note), width, first=mark, rest=indent):
                yield _Prose(line, no_wrap=True, overflow="ignore")
            for line in wrap_cells(note.url, width, first=indent):
                lead = len(line) - len(line.lstrip(" "))
                yield _Prose.assemble(line[:lead], (line[lead:], "underline"), no_wrap=True, overflow="ignore")


def _sources(brief: Brief) -> _Notes:
    return _Notes(brief)


def render_terminal(brief: Brief, *, width: int, color: bool) -> str:
    """The terminal brief as text, with ANSI styles when ``color`` (Rich picks the colour depth)."""
    console = make_console(color=color, width=width)
    with console.capture() as captured:
        console.print(to_renderable(brief), crop=False)  # a web address longer than the width stands whole
    return captured.get()


def to_svg(brief: Brief, *, width: int = 100) -> str:
    """A picture of the terminal brief: the same for the same brief and width, whatever the environment."""
    console = picture_console(width)
    console.print(to_renderable(brief), crop=False)
    return console.export_svg(title=f"silkcli brief: {brief.headline.title}")
