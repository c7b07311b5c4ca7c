"""Verdicts on counts of documents, amounts of money, shares and ranks.

Shares and ranks of a mineral are computed from the source's table as
``silkcli reserves`` computes them (:mod:`silkcli.listings.shares`); a share of
a world total given only as a lower bound is an upper bound, and a claim that
states it as a figure is imprecise. A claimed value that one side of a
discrepancy holds is disputed, with each side.
"""

from __future__ import annotations

import re

from silkcli.check.claims import Claim
from silkcli.check.context import Context
from silkcli.check.finding import finding
from silkcli.check.names import RECORDS
from silkcli.check.notes import Sources
from silkcli.check.report import Finding, Verdict
from silkcli.dataset import model as m

_VISIT_SCOPE = ("visit", "방한", "방문", "визит")
#: Words that say the amount is the EDCF framework's own (not one project's loan).
_FRAMEWORK = re.compile(r"framework|arrangement|ceiling|기본\s*약정|한도|2025|рамочн", re.I)


def judge_count(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """``12 agreements``: the documents signed at the summit (10) or over the visit (22, by another count)."""
    said = claim.number
    assert said is not None
    parties = set(ds.partnership.parties)
    others = set(ctx.named("country")) - parties
    if others or not (parties & set(ctx.named("country")) or ctx.named("person") or ctx.has("summit")):
        return finding(claim, ctx, Verdict.not_covered, "The data counts only the documents of the 2024 summit.")
    at_summit = [d for d in ds.documents if d.summit]
    disc = next((d for d in ds.discrepancies if d.id == RECORDS["document_count"]), None)
    summit = len(at_summit)
    visit = next((n for n in (22.0,) if disc and src.holding_number((disc.related[0],), n)), None)
    sides = src.sides(disc) if disc else ()
    evidence = src.cited(disc) if disc else ()
    right = f"{summit} at the summit" + (f" ({visit:g} over the whole visit, by another count)" if visit else "")
    records = [d.id for d in at_summit[:1]]
    if claim.unit.lower().startswith(("mou", "memorand", "양해")):
        mous = sum(1 for d in at_summit if d.type == "mou")
        if said == mous:
            return finding(claim, ctx, Verdict.supported, f"{mous} of the {summit} summit documents are MOUs.")
        why = f"{summit} documents were signed at the summit, {mous} of them MOUs."
        verdict = Verdict.imprecise if said == summit else Verdict.not_covered
        return finding(claim, ctx, verdict, why, right=f"{mous} MOUs", evidence=evidence, records=records)
    on_visit = any(word in ctx.text.lower() for word in _VISIT_SCOPE)
    if said == summit and not on_visit:
        return finding(
            claim, ctx, Verdict.supported, f"{summit} documents were signed at the summit.", evidence=evidence
        )
    if disc and (said == summit or said == visit or claim.qualifier == "over" and said < (visit or summit)):
        why = f"{disc.topic}: {disc.resolution}"
        return finding(
            claim, ctx, Verdict.disputed, why, right=right, discrepancy=disc.id, sides=sides, records=records
        )
    if claim.qualifier:
        return finding(claim, ctx, Verdict.not_covered, f"The data counts {right}; '{claim.qualifier}' leaves it open.")
    why = f"The sources count {right}; none counts {said:g}."
    return finding(
        claim, ctx, Verdict.contradicted, why, right=right, evidence=evidence, discrepancy=disc.id if disc else None,
        sides=sides, records=records,
    )  # fmt: skip


def judge_amount(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """``US$500 million`` of EDCF loans: a ceiling, so a figure without ``up to`` is imprecise."""
    said = claim.number
    assert said is not None
    loans = [s for s in ds.statistics if s.unit == claim.unit and s.topic == "development-finance" and s.value]
    if not loans or "development-finance" not in ctx.named("topic") and not ctx.named("document"):
        return finding(claim, ctx, Verdict.not_covered, "The data records no amount for what the sentence speaks of.")
    money = f"US${said / 1e6:g} million"
    for stat in loans:
        if stat.value != said:
            continue
        disc = src.holding_number((stat.id,), said / 1e8) or src.holding_number((stat.id,), said / 1e6)
        ceiling = stat.metric == "loan-ceiling"
        if ceiling and claim.qualifier != "up to":
            why = f"{money} is a ceiling (up to {money}, 2025–2029), said as a figure."
            sides = src.sides(disc) if disc else ()
            return finding(
                claim, ctx, Verdict.imprecise, why, right=f"up to {money}", evidence=src.cited(stat, "value"),
                discrepancy=disc.id if disc else None, sides=sides, records=(stat.id,),
            )  # fmt: skip
        why = f"{stat.note or money}"
        return finding(claim, ctx, Verdict.supported, why, evidence=src.cited(stat, "value"), records=(stat.id,))
    ceiling_stat = next((s for s in loans if s.metric == "loan-ceiling"), None)
    framework = RECORDS["loan_framework"] in ctx.named("document") and _FRAMEWORK.search(ctx.text)
    if ceiling_stat is None or not framework:
        return finding(claim, ctx, Verdict.not_covered, "The data records no such amount.")
    right = f"up to US${(ceiling_stat.value or 0) / 1e6:g} million"
    why = f"The EDCF framework arrangement sets a ceiling of {right[6:]} for 2025–2029."
    evidence = src.cited(ceiling_stat, "value")
    return finding(claim, ctx, Verdict.contradicted, why, right=right, evidence=evidence, records=(ceiling_stat.id,))
