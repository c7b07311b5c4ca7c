"""The brief as GitHub-flavoured Markdown; every data string is escaped."""

from __future__ import annotations

from silkcli.brief import wording as w
from silkcli.brief.charts import ReserveChart
from silkcli.brief.content import Brief
from silkcli.formats.display import bar, markdown_text, markdown_url

_BAR = 12


def md(text: str) -> str:
    """Data as literal Markdown text: one line, punctuation that means something escaped."""
    return markdown_text(w.plain(text))


def _fact(text: str, notes: tuple[int, ...], disputes: tuple[int, ...] = ()) -> str:
    mark = w.refs(notes, disputes)
    return f"{text} {mark}" if mark else text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(brief: Brief) -> str:
    """The whole brief as one Markdown document."""
    h = brief.headline
    lines = [f"# {md(h.title)}", ""]
    sentences = [md(s) for s in w.headline_lines(h)]
    sentences = [_fact(s, notes, disputes) for s, (notes, disputes) in zip(sentences, w.headline_marks(h), strict=True)]
    lines += [*(s + "  " for s in sentences[:-1]), sentences[-1]]
    lines += ["", f"## {w.LEADERS}", ""]
    lines += [f"- {_fact(md(w.leader_line(x)), x.notes, x.disputes)}" for x in brief.leaders]
    lines += _documents(brief)
    if brief.full:
        lines += ["", f"## {md(w.commitments_title(brief))}", ""]
        commitments = [
            f"- **{md(w.pledge_lead(p))}:** {_fact(md(p.text), p.notes, p.disputes)}" for p in brief.commitments
        ]
        lines += commitments or ["None."]
    lines += _figures(brief)
    lines += _rest(brief)
    return "\n".join(lines) + "\n"


def _documents(brief: Brief) -> list[str]:
    lines = ["", f"## {md(w.documents_title(brief))}", ""]
    if not brief.sectors:
        return lines + ["None."]
    lines += [_row(list(w.DOCUMENT_COLUMNS)), "|" + " --- |" * len(w.DOCUMENT_COLUMNS)]
    for group in brief.sectors:
        for doc in group.documents:
            title = _fact(md(doc.title), doc.notes, doc.disputes)
            lines.append(_row([md(group.sector), title, md(doc.type), md(doc.signed_by)]))
    for item in brief.also_at_summit:
        text = md(w.at_summit_line(item, brief.headline.summit_documents))
        lines += ["", _fact(text, item.notes, item.disputes)]
    return lines


def _figures(brief: Brief) -> list[str]:
    lines = ["", f"## {w.KEY_FIGURES}"]
    for chart in brief.reserves:
        lines += [
            "",
            _fact(f"**{md(w.chart_title(chart))}:** {md(w.chart_summary(chart))}", chart.notes, chart.disputes),
        ]
        lines += ["", *_chart(chart)]
        if brief.full:
            lines += ["", _fact(md(w.chart_coverage(chart)), chart.coverage.notes)]
        caveat = w.chart_caveat(chart)
        if caveat:
            lines += ["", md(caveat)]
        if chart.production:
            p = chart.production
            lines += ["", _fact(md(w.production_line(chart, p)), p.notes, p.disputes)]
        if chart.claims:
            lines += ["", f"{w.CLAIMS}:", ""]
        lines += [f"- {_fact(md(w.claim_line(c)), c.notes, c.disputes)}" for c in chart.claims]
    if brief.figures:
        lines.append("")
    for fig in brief.figures:
        lines.append(f"- **{md(fig.label)}:** {_fact(f'{md(fig.value)} ({md(fig.detail)})', fig.notes, fig.disputes)}")
    return lines


def _chart(chart: ReserveChart) -> list[str]:
    lines = [_row([*w.RESERVE_COLUMNS, " "]), "| ---: | --- | ---: | ---: | --- |"]
    for b in chart.bars:
        name = f"**{md(b.country)}**" if b.featured else md(b.country)
        rank = str(b.rank) if b.rank is not None else "–"
        lines.append(_row([rank, name, md(b.reserves), md(b.share or ""), bar(b.fraction, _BAR)]))
    return lines


def _rest(brief: Brief) -> list[str]:
    lines = _quotes_and_timeline(brief) if brief.full else []
    if brief.disagreements:
        lines += ["", f"## {w.DISAGREE}", ""]
        for d in brief.disagreements:
            lines.append(f"- **D{d.number}. {md(d.topic)}:** {_fact(md(w.resolution(d, full=brief.full)), d.notes)}")
    lines += ["", f"## {w.SOURCES}", ""]
    for note in brief.notes:
        lines.append(f"{note.number}. {md(w.note_line(note))} {markdown_url(note.url)}")
    lines += ["", f"*{md(w.footer(brief))}*"]
    return lines


def _quotes_and_timeline(brief: Brief) -> list[str]:
    lines = ["", f"## {w.QUOTES}", ""]
    lines += [f"- {_fact(md(w.quote_line(q)), q.notes)}" for q in brief.quotes] or ["None."]
    lines += ["", f"## {w.TIMELINE}", ""]
    if brief.timeline:
        lines += [_row(["Date", "Event"]), "| --- | --- |"]
        lines += [_row([md(m.date), _fact(md(m.title), m.notes, m.disputes)]) for m in brief.timeline]
    else:
        lines.append("No events in this period.")
    return lines
