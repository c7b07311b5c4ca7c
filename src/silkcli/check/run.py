"""Checking a text: split it into sentences, find each one's claims, judge each claim."""

from __future__ import annotations

from collections.abc import Callable

from silkcli.check import dates, figures, numbers, people
from silkcli.check.claims import Claim
from silkcli.check.context import Context, read_sentence
from silkcli.check.names import Names
from silkcli.check.notes import Sources
from silkcli.check.report import Finding, Report, Sentence
from silkcli.check.sentences import sentences
from silkcli.dataset import model as m

Judge = Callable[[Claim, Context, m.Dataset, Sources], Finding | None]

#: The one registry of claim kinds found by pattern, and the judge of each.
JUDGES: dict[str, Judge] = {
    "date": dates.judge_date,
    "count": numbers.judge_count,
    "amount": numbers.judge_amount,
    "share": figures.judge_share,
    "rank": figures.judge_rank,
    "years": dates.judge_years,
}


def check_text(ds: m.Dataset, text: str) -> Report:
    """Every sentence of ``text`` with its claims judged against ``ds``."""
    names, src = Names(ds), Sources(ds)
    checked = []
    for line in sentences(text):
        ctx = read_sentence(line.text, names)
        checked.append(Sentence(text=line.text, line=line.line, findings=tuple(judge_sentence(ctx, ds, src))))
    return Report(
        sentences=tuple(checked), dataset=ds.meta.title, version=ds.meta.version, updated=ds.meta.updated.isoformat()
    )


def judge_sentence(ctx: Context, ds: m.Dataset, src: Sources) -> list[Finding]:
    """The findings of one sentence, in the order its claims are written."""
    found = [f for claim in ctx.claims if (f := JUDGES[claim.kind](claim, ctx, ds, src)) is not None]
    for mention in ctx.mentions:
        if mention.kind == "place":
            found += [f for f in (dates.judge_place(mention, ctx, ds, src),) if f]
        elif mention.kind == "person":
            found += [f for f in (people.judge_office(mention, ctx, ds, src),) if f]
    found += people.judge_signatory(ctx, ds, src)
    taken: list[Finding] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return taken
