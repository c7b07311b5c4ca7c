"""The brief as one standalone HTML file: no scripts, no downloads, every data string escaped.

Only source-note links point outside the file. Numbers in the chart's bar
widths are computed here, never taken from the dataset.
"""

from __future__ import annotations

from silkcli.brief import wording as w
from silkcli.brief.charts import ReserveChart
from silkcli.brief.content import Brief
from silkcli.brief.style import CSS

NUM = ' class="num"'
#: the body's class: the print style of the one-page brief, or of the two-page one
_PAGES = {False: ' class="one-page"', True: ' class="full"'}


def _e(text: str) -> str:
    """``text`` escaped as ``html.escape(text, quote=True)`` does, written out: importing ``html`` loads its
    table of 2,000 named entities (~2 ms of ``brief -f html``) for a function that uses none of them."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def _refs(notes: tuple[int, ...], disputes: tuple[int, ...] = ()) -> str:
    """`` [1, 3] [D2]`` with each number linking to its note or disagreement."""
    parts = []
    if notes:
        parts.append("[" + ", ".join(f'<a href="#note-{n}">{n}</a>' for n in notes) + "]")
    if disputes:
        parts.append("[" + ", ".join(f'<a href="#d-{n}">D{n}</a>' for n in disputes) + "]")
    return f' <span class="ref">{" ".join(parts)}</span>' if parts else ""


def _td(text: str, label: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<td data-label="{_e(label)}"{attr}>{text}</td>'


def _head(columns: tuple[str, ...], numeric: tuple[int, ...] = ()) -> str:
    cells = "".join(f'<th scope="col"{NUM if i in numeric else ""}>{_e(c)}</th>' for i, c in enumerate(columns))
    return f"<thead><tr>{cells}</tr></thead>"


def to_html(brief: Brief) -> str:
    """The whole brief as an HTML5 document."""
    title = _e(brief.headline.title)
    body = "\n".join(
        [
            _header(brief),
            _leaders(brief),
            _documents(brief),
            _progress(brief),
            *([_commitments(brief)] if brief.full else []),
            _figures(brief),
            *([_quotes(brief), _timeline(brief)] if brief.full else []),
            _disagreements(brief),
            _notes(brief),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body{_PAGES[brief.full]}>\n<main>\n{body}\n"
        f"<footer><p>{_e(w.footer(brief))}</p></footer>\n</main>\n</body>\n</html>\n"
    )


def _section(ident: str, title: str, content: str) -> str:
    return f'<section aria-labelledby="{ident}">\n<h2 id="{ident}">{_e(title)}</h2>\n{content}\n</section>'


def _header(brief: Brief) -> str:
    h = brief.headline
    sentences = [_e(s) for s in w.headline_lines(h)]
    sentences = [
        s + _refs(notes, disputes) for s, (notes, disputes) in zip(sentences, w.headline_marks(h), strict=True)
    ]
    lines = "".join(f'<p class="lead">{s}</p>' for s in sentences)
    return f"<header>\n<h1>{_e(h.title)}</h1>\n{lines}\n</header>"


def _leaders(brief: Brief) -> str:
    items = "".join(f"<li>{_e(w.leader_line(x))}{_refs(x.notes, x.disputes)}</li>" for x in brief.leaders)
    return _section("leaders", w.LEADERS, f'<ul class="leaders">{items}</ul>')


def _documents(brief: Brief) -> str:
    labels = w.DOCUMENT_COLUMNS
    rows = []
    for group in brief.sectors:
        for doc in group.documents:
            cells = [
                _td(_e(group.sector), labels[0]),
                _td(_e(doc.title) + _refs(doc.notes, doc.disputes), labels[1]),
                _td(_e(doc.type), labels[2]),
                _td(_e(doc.signed_by), labels[3]),
            ]
            rows.append(f"<tr>{''.join(cells)}</tr>")
    cols = "".join(f'<col class="c{i}">' for i in range(1, len(labels) + 1))
    head = f"<colgroup>{cols}</colgroup>{_head(labels)}"
    table = f'<table class="stack docs">{head}<tbody>\n' + "\n".join(rows) + "\n</tbody></table>"
    also = "".join(
        f"\n<p>{_e(w.at_summit_line(item, brief.headline.summit_documents))}{_refs(item.notes, item.disputes)}</p>"
        for item in brief.also_at_summit
    )
    return _section("documents", w.documents_title(brief), (table if rows else "<p>None.</p>") + also)


def _progress(brief: Brief) -> str:
    """One paragraph under the documents (a printed page has no room for a section of its own)."""
    steps = "; ".join(f"{_e(w.progress_line(s))}{_refs(s.notes, s.disputes)}" for s in brief.progress)
    none = w.unstepped_line(brief)
    parts = [f"{steps}." if steps else "", _e(none) if none else ""]
    return f'<p id="progress"><strong>{_e(w.SINCE)}:</strong> {" ".join(p for p in parts if p)}</p>'


def _commitments(brief: Brief) -> str:
    items = "".join(
        f"<li><strong>{_e(w.pledge_lead(p))}:</strong> {_e(p.text)}{_refs(p.notes, p.disputes)}</li>"
        for p in brief.commitments
    )
    content = f'<ul class="cols">{items}</ul>' if items else "<p>None.</p>"
    return _section("commitments", w.commitments_title(brief), content)


def _figures(brief: Brief) -> str:
    items = "".join(
        f"<li><strong>{_e(f.label)}:</strong> {_e(f.value)} ({_e(f.detail)}){_refs(f.notes, f.disputes)}</li>"
        for f in brief.figures
    )
    figures = f'<ul class="figures">{items}</ul>' if items else ""
    beside = not brief.full and len(brief.reserves) == 1  # one page: the other figures go beside the chart
    parts = []
    for chart in brief.reserves:
        context = _context(chart, full=brief.full, more=figures if beside else "")
        summary = f"<strong>{_e(w.chart_title(chart))}:</strong> {_e(w.chart_summary(chart))}"
        table = f'<div class="table">\n{_chart(chart)}\n{context}\n</div>'
        block = f"<p>{summary}{_refs(chart.notes, chart.disputes)}</p>\n{table}{_claims(chart)}"
        parts.append(f'<div class="reserves">\n{block}\n</div>')
    if figures and not beside:
        parts.append(figures)
    return _section("figures", w.KEY_FIGURES, "\n".join(parts))


def _context(chart: ReserveChart, *, full: bool, more: str = "") -> str:
    """What the rank is out of, why shares are bounds, the production share, and the claims beside the data."""
    lines = [f'<p class="caveat">{_e(w.chart_coverage(chart))}{_refs(chart.coverage.notes)}</p>'] if full else []
    caveat = w.chart_caveat(chart)
    if caveat:
        lines.append(f'<p class="caveat">{_e(caveat)}</p>')
    if chart.production:
        p = chart.production
        lines.append(f"<p>{_e(w.production_line(chart, p))}{_refs(p.notes, p.disputes)}</p>")
    return '<div class="context">\n' + "\n".join([*lines, *([more] if more else [])]) + "\n</div>"


def _claims(chart: ReserveChart) -> str:
    """The claims about the featured country, beside what the data gives."""
    if not chart.claims:
        return ""
    items = "".join(f"<li>{_e(w.claim_line(c))}{_refs(c.notes, c.disputes)}</li>" for c in chart.claims)
    return f'\n<div class="claims">\n<p>{_e(w.CLAIMS)}:</p>\n<ul>{items}</ul>\n</div>'


def _chart(chart: ReserveChart) -> str:
    rows = []
    for b in chart.bars:
        cls = ' class="featured"' if b.featured else ""
        rank = str(b.rank) if b.rank is not None else "–"
        rows.append(
            f'<tr{cls}><td class="num">{rank}</td><th scope="row">{_e(b.country)}</th>'
            f'<td class="num nowrap">{_e(b.reserves)}</td><td class="num nowrap">{_e(b.share or "")}</td>'
            f'<td class="bar"><span style="width: {b.fraction * 100:.1f}%"></span></td></tr>'
        )
    caption = f'<caption class="caveat">{_e(w.chart_caption(chart))}</caption>'
    cols = "".join(f'<col class="k{i}">' for i in range(1, len(w.RESERVE_COLUMNS) + 2))
    head = f"<colgroup>{cols}</colgroup>" + _head((*w.RESERVE_COLUMNS, ""), numeric=(0, 2, 3))
    return f'<table class="chart">{caption}{head}<tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def _quotes(brief: Brief) -> str:
    items = "".join(
        f"<li><q>{_e(q.text)}</q> ({_e(q.person)}{', ' + _e(q.date) if q.date else ''}){_refs(q.notes)}</li>"
        for q in brief.quotes
    )
    return _section("quotes", w.QUOTES, f"<ul>{items}</ul>" if items else "<p>None.</p>")


def _timeline(brief: Brief) -> str:
    rows = "\n".join(
        f'<tr><td class="nowrap">{_e(m.date)}</td><td>{_e(m.title)}{_refs(m.notes, m.disputes)}</td></tr>'
        for m in brief.timeline
    )
    table = f'<table class="timeline">{_head(("Date", "Event"))}<tbody>\n{rows}\n</tbody></table>'
    return _section("timeline", w.TIMELINE, table if rows else "<p>No events in this period.</p>")


def _disagreements(brief: Brief) -> str:
    if not brief.disagreements:
        return ""
    items = "".join(
        f'<li id="d-{d.number}"><strong>D{d.number}. {_e(d.topic)}:</strong> {_e(w.resolution(d, full=brief.full))}'
        f"{_refs(d.notes)}</li>"
        for d in brief.disagreements
    )
    return _section("disagreements", w.DISAGREE, f'<ul class="cols plain disagree">{items}</ul>')


def _notes(brief: Brief) -> str:
    items = "".join(
        f'<li id="note-{n.number}">{_e(w.note_line(n))} <a href="{_e(n.url)}">{_e(n.url)}</a></li>' for n in brief.notes
    )
    return _section("sources", w.SOURCES, f'<ol class="notes">{items}</ol>')
