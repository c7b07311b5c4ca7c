"""The brief as plain text: wrapped to a width, no escape codes, no markup."""

from __future__ import annotations

from silkcli.brief import wording as w
from silkcli.brief.charts import ReserveChart
from silkcli.brief.content import Brief
from silkcli.formats.display import bar, cell_width, wrap_cells

_BAR = 20


def _wrap(text: str, width: int, *, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` wrapped between words to ``width`` terminal cells (Hangul and CJK take two each)."""
    return wrap_cells(w.plain(text), width, first=first, rest=rest) or [first.rstrip()]


def _url(url: str, indent: str, width: int) -> list[str]:
    """A URL on its own line, under its note when it fits there, else from the margin (cut only if wider still)."""
    if cell_width(indent + url) <= width:
        return [indent + url]
    return wrap_cells(url, width)


def _fact(text: str, notes: tuple[int, ...], disputes: tuple[int, ...] = ()) -> str:
    mark = w.refs(notes, disputes)
    return f"{text} {mark}" if mark else text


def _section(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def to_text(brief: Brief, *, width: int = 80) -> str:
    """The whole brief as plain text lines of at most ``width`` terminal cells."""
    width = max(width, 40)
    lines = _headline(brief, width)
    lines += _section(w.LEADERS)
    for leader in brief.leaders:
        lines += _wrap(_fact(w.leader_line(leader), leader.notes, leader.disputes), width, first="- ")
    lines += _documents(brief, width)
    if brief.full:
        lines += _commitments(brief, width)
    lines += _figures(brief, width)
    lines += _rest(brief, width)
    return "\n".join(lines) + "\n"


def _commitments(brief: Brief, width: int) -> list[str]:
    lines = _section(w.commitments_title(brief))
    for p in brief.commitments:
        lines += _wrap(_fact(f"{w.pledge_lead(p)}: {p.text}", p.notes, p.disputes), width, first="- ")
    return lines if brief.commitments else [*lines, "None."]


def _headline(brief: Brief, width: int) -> list[str]:
    h = brief.headline
    lines = _wrap(h.title.upper(), width)
    lines.append("=" * min(width, max(cell_width(line) for line in lines)))
    sentences = w.headline_lines(h)
    sentences = [_fact(s, notes, disputes) for s, (notes, disputes) in zip(sentences, w.headline_marks(h), strict=True)]
    for sentence in sentences:
        lines += _wrap(sentence, width)
    return lines


def _documents(brief: Brief, width: int) -> list[str]:
    lines = _section(w.documents_title(brief))
    for group in brief.sectors:
        lines += _wrap(group.sector, width)
        for doc in group.documents:
            lines += _wrap(_fact(doc.title, doc.notes, doc.disputes), width, first="  - ")
            lines += _wrap(f"{doc.type}. Signed by {doc.signed_by}.", width, first="    ")
    if not brief.sectors:
        lines.append("None.")
    for item in brief.also_at_summit:
        lines += _wrap(_fact(w.at_summit_line(item, brief.headline.summit_documents), item.notes, item.disputes), width)
    return lines


def _figures(brief: Brief, width: int) -> list[str]:
    lines = _section(w.KEY_FIGURES)
    for chart in brief.reserves:
        lines += _wrap(_fact(f"{w.chart_title(chart)}: {w.chart_summary(chart)}", chart.notes, chart.disputes), width)
        lines += _chart(chart, width)
        if brief.full:
            lines += _wrap(_fact(w.chart_coverage(chart), chart.coverage.notes), width)
        caveat = w.chart_caveat(chart)
        if caveat:
            lines += _wrap(caveat, width)
        if chart.production:
            p = chart.production
            lines += _wrap(_fact(w.production_line(chart, p), p.notes, p.disputes), width)
        if chart.claims:
            lines += _wrap(f"{w.CLAIMS}:", width)
        for c in chart.claims:
            lines += _wrap(_fact(w.claim_line(c), c.notes, c.disputes), width, first="  * ")
    for fig in brief.figures:
        lines += _wrap(_fact(f"{fig.label}: {fig.value} ({fig.detail})", fig.notes, fig.disputes), width, first="- ")
    return lines


def _chart(chart: ReserveChart, width: int) -> list[str]:
    names = max(len(b.country) for b in chart.bars)
    values = max(len(b.reserves) for b in chart.bars)
    shares = max(len(b.share or "") for b in chart.bars)
    lines = []
    for b in chart.bars:
        rank = str(b.rank) if b.rank is not None else "–"
        cells = f"  {rank:>3} {b.country:<{names}}  {b.reserves:>{values}}  {b.share or '':>{shares}}  "
        room = max(1, min(_BAR, width - cell_width(cells) - 2))  # the bar shrinks on a narrow page
        lines.append((cells + bar(b.fraction, room) + (f" {w.FEATURED}" if b.featured else "")).rstrip())
    return lines


def _rest(brief: Brief, width: int) -> list[str]:
    lines = _quotes_and_timeline(brief, width) if brief.full else []
    if brief.disagreements:
        lines += _section(w.DISAGREE)
        for d in brief.disagreements:
            text = f"{d.topic}: {w.resolution(d, full=brief.full)}"
            lines += _wrap(_fact(text, d.notes), width, first=f"D{d.number}. ")
    lines += _section(w.SOURCES)
    for note in brief.notes:
        lines += _wrap(w.note_line(note), width, first=f"[{note.number}] ")
        lines += _url(note.url, " " * len(f"[{note.number}] "), width)
    lines += ["", *_wrap(w.footer(brief), width)]
    return lines


def _quotes_and_timeline(brief: Brief, width: int) -> list[str]:
    lines = _section(w.QUOTES)
    for q in brief.quotes:
        lines += _wrap(_fact(w.quote_line(q), q.notes), width, first="- ")
    if not brief.quotes:
        lines.append("None.")
    lines += _section(w.TIMELINE)
    dates = max((len(m.date) for m in brief.timeline), default=0)
    for m in brief.timeline:
        lines += _wrap(_fact(m.title, m.notes, m.disputes), width, first=f"{m.date:<{dates}}  ")
    if not brief.timeline:
        lines.append("No events in this period.")
    return lines
