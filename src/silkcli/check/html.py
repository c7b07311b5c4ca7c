"""A standalone HTML page of a check, with its ClaimReview JSON-LD embedded for aggregators."""

from __future__ import annotations

import html

from silkcli.check.claimreview import to_claimreview
from silkcli.check.ledger import Notes, cited_as
from silkcli.check.report import Finding, Report, Verdict

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}"
    "blockquote{margin:1em 0;padding:.2em 1em;border-left:4px solid #ccc}mark{padding:0 .2em;border-radius:3px}"
    ".supported{background:#d9f2d9}.contradicted{background:#f7c6c6}.disputed,.imprecise{background:#fbeec1}"
    ".not-covered{background:#eee}ol.notes{font-size:.9em}.verdict{font-weight:600}"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(report: Report, *, url: str = "") -> str:
    """The page: each sentence with its claims marked by verdict, a list of verdicts, and the source notes."""
    notes = Notes(report)
    body: list[str] = []
    number = 0
    for sentence in report.sentences:
        if not sentence.findings:
            continue
        parts, at = [], 0
        items = []
        for found in sentence.findings:
            number += 1
            parts += [_e(sentence.text[at : found.start]), _mark(found, number)]
            at = found.end
            items.append(_item(found, number, notes))
        parts.append(_e(sentence.text[at:]))
        body.append(
            f'<blockquote>{"".join(parts)}</blockquote>\n<ol start="{number - len(items) + 1}">{"".join(items)}</ol>'
        )
    listed = "".join(
        f'<li id="note-{n}">{_e(cited_as(e))} <q>{_e(e.quote)}</q></li>' for n, e in enumerate(notes.notes, start=1)
    )
    data = to_claimreview(report, url=url).replace("<", "\\u003c")
    title = f"Checked against {report.dataset}"
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{_e(title)}</title>\n'
        f"<style>{_STYLE}</style>\n"
        f'<script type="application/ld+json">\n{data}</script>\n</head>\n<body>\n<h1>{_e(title)}</h1>\n'
        f"<p>Version {_e(report.version)}.</p>\n" + "\n".join(body) + "\n"
        f'<h2>Sources</h2>\n<ol class="notes">{listed}</ol>\n</body>\n</html>\n'
    )


def _mark(found: Finding, number: int) -> str:
    css = found.verdict.value.replace(" ", "-")
    return f'<mark class="{css}" id="claim-{number}">{_e(found.text)}<sup>{number}</sup></mark>'


def _item(found: Finding, number: int, notes: Notes) -> str:
    refs = "".join(f'<a href="#note-{n}">[{n}]</a>' for n in notes.of(found))
    right = f" Data: {_e(found.right)}." if found.right and found.verdict is not Verdict.supported else ""
    sides = "".join(
        f'<li>{_e(s.says)} <a href="#note-{notes.number(s.evidence)}">[{notes.number(s.evidence)}]</a></li>'
        for s in found.sides
    )
    return (
        f'<li><span class="verdict {found.verdict.value.replace(" ", "-")}">{_e(found.verdict.value)}</span>: '
        f"<b>{_e(found.text)}</b>. {_e(found.why)}{right} {refs}" + (f"<ul>{sides}</ul>" if sides else "") + "</li>"
    )
