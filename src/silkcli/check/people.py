"""Verdicts on who held which office (``President Japarov``) and who signed what.

An office is read from the title written next to a person's name (before it
in English and Russian, after it in Korean). A different office contradicts
the data only when the sentence is about the years in which the data has the
person (an office can change); otherwise it is not covered.
"""

from __future__ import annotations

import re

from silkcli.check.claims import Claim
from silkcli.check.context import Context
from silkcli.check.finding import finding
from silkcli.check.names import Mention
from silkcli.check.notes import Sources
from silkcli.check.report import Finding, Verdict
from silkcli.dataset import model as m

#: Office words, and the role (vocabulary.roles) each means; a prime minister is no role of the data.
OFFICES = {
    "president": "president", "대통령": "president", "президент": "president",
    "prime minister": "prime-minister", "premier": "prime-minister", "국무총리": "prime-minister",
    "총리": "prime-minister", "премьер-министр": "prime-minister", "премьер": "prime-minister",
    "foreign minister": "minister", "minister": "minister", "장관": "minister", "министр": "minister",
    "speaker": "speaker", "국회의장": "speaker", "спикер": "speaker", "председатель": "speaker",
    "first lady": "first-lady", "영부인": "first-lady", "여사": "first-lady",
}  # fmt: skip
_WORDS = "|".join(sorted(map(re.escape, OFFICES), key=len, reverse=True))
_BEFORE = re.compile(rf"\b({_WORDS})\s+(?:[А-ЯЁ][а-яё]+\s+)?$", re.I)
_AFTER = re.compile(rf"(?:\s*,\s*(?:the\s+)?(?:\w+\s+)?({_WORDS})\b|\s+(?:\S+\s+)?({_WORDS}))", re.I)
_GAP = re.compile(r"\s*")


def judge_office(mention: Mention, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """The verdict on the office written next to a person's name; None when no office is written."""
    person = next((p for p in ds.people if p.id == mention.id), None)
    before = _BEFORE.search(ctx.text, 0, mention.start)
    after = _AFTER.match(ctx.text, mention.end)
    if person is None or not (before or after):
        return None
    if before:
        word, start, end = before[1], before.start(), mention.end
    else:
        assert after is not None
        word, start, end = after[1] or after[2], mention.start, after.end()
    title = before.start(1) if before else ctx.text.lower().index(word.lower(), mention.end)
    country = _country_before(ctx, title, after_name=mention.end if not before else None)
    if before and country is not None:
        start = next(n.start for n in ctx.mentions if n.kind == "country" and n.id == country and n.end <= title)
    claim = Claim("office", start, end)
    role = OFFICES[word.lower()]
    evidence = src.cited(person, "title")
    if role == person.role and (country is None or country == person.country):
        return finding(
            claim, ctx, Verdict.supported, f"{person.name}: {person.title}.", evidence=evidence, records=(person.id,)
        )
    years = {e.date.year for e in ds.events if person.id in e.people}
    if ctx.years() - years:
        why = f"The data has {person.name} as {person.title} only in {', '.join(map(str, sorted(years)))}."
        return finding(claim, ctx, Verdict.not_covered, why, records=(person.id,))
    why = f"{person.name} is {person.title}."
    return finding(claim, ctx, Verdict.contradicted, why, right=person.title, evidence=evidence, records=(person.id,))


def _country_before(ctx: Context, title: int, *, after_name: int | None) -> str | None:
    """The country whose name or adjective stands just before an office word (``Kyrgyz President``), if any."""
    for n in ctx.mentions:
        if n.kind == "country" and n.end <= title and _GAP.fullmatch(ctx.text, n.end, title):
            if after_name is None or n.start >= after_name:
                return n.id
    return None


_SIGNED = re.compile(r"\bsign\w*|\binked?\b|서명|체결|подпис\w*", re.I)


def judge_signatory(ctx: Context, ds: m.Dataset, src: Sources) -> list[Finding]:
    """``Lim Sang-seop signed the forestry MOU``: the signatories the data names for that document."""
    verb = _SIGNED.search(ctx.text)
    people, documents = ctx.named("person"), ctx.named("document")
    if verb is None or not people or len(documents) != 1:
        return []
    doc = next((d for d in ds.documents if d.id == documents[0]), None)
    if doc is None:
        return []
    signatories = [p.signatory for p in doc.parties if p.signatory]
    if not signatories:
        return []
    names = {p.id: p.name for p in ds.people}
    claim = Claim("signatory", verb.start(), verb.end())
    evidence = src.cited(doc, "parties")
    signed_by = ", ".join(names.get(s, s) for s in signatories)
    if set(people) & set(signatories):
        why = f"{doc.title} was signed by {signed_by}."
        return [finding(claim, ctx, Verdict.supported, why, evidence=evidence, records=(doc.id,))]
    if len(signatories) == len(doc.parties):
        why = f"{doc.title} was signed by {signed_by}."
        return [finding(claim, ctx, Verdict.contradicted, why, right=signed_by, evidence=evidence, records=(doc.id,))]
    return []
