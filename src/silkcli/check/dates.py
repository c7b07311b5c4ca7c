"""Verdicts on dates, places and spans of years ("the first … in 11 years")."""

from __future__ import annotations

import re

from silkcli.check import events as ev
from silkcli.check.claims import Claim
from silkcli.check.context import Context
from silkcli.check.finding import finding
from silkcli.check.names import PLACE_WORDS, Mention
from silkcli.check.notes import Sources
from silkcli.check.report import Evidence, Finding, Verdict
from silkcli.dataset import model as m
from silkcli.dataset.written_forms import states_number

_RANGE = re.compile(r"^\s*(?:[-–~∼〜]|to|до|по)\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*(?:[-–~∼〜]|to)\s*$")
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|to)\s+(?:the\s+)?|\bво?\s+)$", re.I)
_PLACE_AFTER = re.compile(r"^(?:에서|에|을|를)")


def judge_date(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """The verdict on a date; None for a year or month the sentence gives no dated record for."""
    span = claim.date
    assert span is not None
    found = ev.targets(ds, ctx)
    if span.month is None and (not found or _in_range(ctx.text, claim)):
        return None
    if not found:
        if span.day is None:
            return None
        return finding(claim, ctx, Verdict.not_covered, "No dated record of the data matches what the sentence says.")
    narrowed = ev.narrowed(found, span.year, ds)
    if span.day is None and not narrowed:
        return None  # "since 2013", "in June": a year no record of the sentence's kind has is context, not a claim
    return _decide(claim, ctx, src, [(t, ev.compare(span.year, span.month, span.day, t)) for t in narrowed])


def _decide(claim: Claim, ctx: Context, src: Sources, results: list[tuple[ev.Target, str]]) -> Finding:
    """Supported by any record of the same date; disputed if a side of a discrepancy writes it; contradicted
    only by the one record meant, and firmly; not covered otherwise."""
    span, text = claim.date, ctx.text[claim.start : claim.end]
    assert span is not None
    for target, result in results:
        if result == "same":
            why = f"{target.what}: {ev.written(target.start, target.end)}."
            evidence = src.cited(target.record, target.field)
            return finding(claim, ctx, Verdict.supported, why, evidence=evidence, records=target.ids)
    for target, _ in results:
        disc = src.holding_date(target.ids, m.PartialDate(span.year or target.start.year, span.month, span.day))
        if disc is not None:
            why, right = f"{disc.topic}: {disc.resolution}", ev.written(target.start, target.end)
            return finding(
                claim, ctx, Verdict.disputed, why, right=right, discrepancy=disc.id, sides=src.sides(disc),
                records=target.ids,
            )  # fmt: skip
    unknown = [t for t, r in results if r == "unknown"]
    if unknown:
        dates = "; ".join(f"{t.what}: {ev.written(t.start, t.end)}" for t in unknown)
        return finding(claim, ctx, Verdict.not_covered, f"The data dates it less precisely than {text} ({dates}).")
    if len(results) == 1 and results[0][0].firm:
        target = results[0][0]
        right = ev.written(target.start, target.end)
        why = f"{target.what}: {right}, not {text}."
        evidence = src.cited(target.record, target.field)
        return finding(claim, ctx, Verdict.contradicted, why, right=right, evidence=evidence, records=target.ids)
    return finding(claim, ctx, Verdict.not_covered, "Several records could be meant, and none is dated so.")


def _in_range(text: str, claim: Claim) -> bool:
    """Whether a year belongs to a period (``2025–2029``, ``from 2025 to 2029``): not a date of an event."""
    return bool(
        _RANGE.search(text[claim.end : claim.end + 8]) or _RANGE.search(text[max(0, claim.start - 8) : claim.start])
    )


def judge_place(mention: Mention, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """The verdict on where something happened (``in Seoul``, ``서울에서``, ``в Сеуле``); None if none is claimed."""
    before, after = ctx.text[max(0, mention.start - 8) : mention.start], ctx.text[mention.end : mention.end + 3]
    if not (_PLACE_BEFORE.search(before) or _PLACE_AFTER.search(after)):
        return None
    claim = Claim("place", mention.start, mention.end)
    years = ctx.years()
    found = ev.targets(ds, ctx)
    if not found:
        return None  # "a hospital in Bishkek": a place, but of nothing the data dates
    meant = ev.narrowed(found, min(years) if len(years) == 1 else None, ds)
    placed = [t for t in meant if _place(ds, t)]
    spellings = PLACE_WORDS[mention.id]
    for target in placed:
        if any(s.lower() in (_place(ds, target) or "").lower() for s in spellings):
            why = f"{target.what}: {_place(ds, target)}."
            return finding(
                claim, ctx, Verdict.supported, why, evidence=_place_evidence(ds, target, src), records=target.ids
            )
    if len(meant) == 1 and placed and placed[0].firm:
        target = placed[0]
        right = _place(ds, target)
        why = f"{target.what}: {right}, not {mention.id}."
        evidence = _place_evidence(ds, target, src)
        return finding(claim, ctx, Verdict.contradicted, why, right=right, evidence=evidence, records=target.ids)
    return finding(claim, ctx, Verdict.not_covered, "The data gives no place for what the sentence speaks of.")


def _place(ds: m.Dataset, target: ev.Target) -> str | None:
    """Where a target happened: an event's place, or the summit's for a document signed at it."""
    if isinstance(target.record, m.Document) and target.record.summit:
        return next((e.place for e in ds.events if e.id == ds.partnership.summit), None)
    return target.place


def _place_evidence(ds: m.Dataset, target: ev.Target, src: Sources) -> tuple[Evidence, ...]:
    record = target.record
    if isinstance(record, m.Document):
        record = next(e for e in ds.events if e.id == ds.partnership.summit)
    return src.cited(record, "venue" if isinstance(record, m.Partnership) else "place")


def judge_years(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """``the first … in 11 years`` (a Kyrgyz president's visit), ``32 years`` (of diplomatic relations)."""
    events = {e.id: e for e in ds.events}
    said = claim.number
    assert said is not None
    if ctx.has("relations"):
        p, relations = ds.partnership, events[ds.partnership.relations]
        if ctx.years() - {p.date.year, relations.date.year}:
            return None
        right = p.date.year - relations.date.year
        why = f"Diplomatic relations date from {ev.written(relations.date)}; the partnership from {ev.written(p.date)}."
        return _versus(claim, ctx, said, right, why, src.cited(p, "significance") + src.cited(relations, "date"))
    gap = _visit_gap(ds, ctx)
    if gap is None:
        return None
    person, right, previous = gap
    why = f"{person.name}'s visit came {right} years after the previous president's visit, in {previous}."
    quotes = [e for e in src.cited(person) if states_number(e.quote, right)]
    visits = [e for e in ds.events if person.id in e.people and e.kind == "visit"]
    return _versus(claim, ctx, said, right, why, tuple(quotes) or src.cited(visits[0], "date"))


def _visit_gap(ds: m.Dataset, ctx: Context) -> tuple[m.Person, int, int] | None:
    """The visiting party's president whose visit the sentence speaks of, the years since the visit of a
    president before, and that year (the host is the partnership's first party, the visitor its second)."""
    if len(ds.partnership.parties) < 2:
        return None
    host, guest = ds.partnership.parties[:2]
    presidents = {p.id: p for p in ds.people if p.country == guest and p.role == "president"}
    visits = sorted(
        {(e.date.year, p) for e in ds.events if e.kind == "visit" and host in e.countries for p in e.people}
    )
    visits = [(year, p) for year, p in visits if p in presidents]
    named = [p for p in ctx.named("person") if p in presidents]
    summit = next((e for e in ds.events if e.id == ds.partnership.summit), None)
    if not named and guest in ctx.named("country") and summit:
        named = [p for p in summit.people if p in presidents]
    for position, (year, pid) in enumerate(visits):
        if position and named and pid == named[0]:
            return presidents[pid], year - visits[position - 1][0], visits[position - 1][0]
    return None


def _versus(claim: Claim, ctx: Context, said: float, right: int, why: str, evidence: tuple[Evidence, ...]) -> Finding:
    if said == right:
        return finding(claim, ctx, Verdict.supported, why, evidence=evidence)
    return finding(claim, ctx, Verdict.contradicted, why, right=f"{right} years", evidence=evidence)
