"""Verdicts on shares (``13% of the world's antimony``, ``90 percent of electricity``) and ranks.

A mineral's shares and ranks come from the source's table, computed as
``silkcli reserves`` computes them; the share of a world total that the table
gives only as a lower bound is an upper bound. A sentence that says neither
reserves nor production ("of the world's antimony") is imprecise when the
figure is one of the two. Shares of electricity are the sources' own claims,
which disagree: a figure within their range is disputed, one below all of them
contradicted.
"""

from __future__ import annotations

from silkcli.check.claims import Claim
from silkcli.check.context import Context
from silkcli.check.finding import finding
from silkcli.check.notes import Sources
from silkcli.check.report import Evidence, Finding, Verdict
from silkcli.dataset import model as m
from silkcli.listings import shares
from silkcli.plain import Plain


def _country(ctx: Context, rows: dict[str | None, shares.ReserveRow], claim: Claim) -> str | None:
    """The listed country named nearest before the claim (or after it, when none is before)."""
    named = [n for n in ctx.mentions if n.kind == "country" and n.id in rows]
    before = [n for n in named if n.end <= claim.start]
    return (before[-1] if before else named[0]).id if named else None


def _rounded(value: float, said: float, text: str) -> bool:
    """Whether ``value`` written to the claim's decimals is the claim (``0.02`` for 0.0200, ``13`` for 13.0)."""
    decimals = len(text.split(".")[1].rstrip("% percnt")) if "." in text else 0
    return round(value, decimals) == round(said, decimals)


def _production_share(rows: dict[str | None, shares.ReserveRow], code: str, years: set[int]) -> float | None:
    """The country's share of world mine production in the year the sentence names (else the latest)."""
    row, world = rows[code], rows.get(None)
    named = [str(y) for y in sorted(years) if str(y) in row.production]
    if not named or world is None:
        return row.production_share
    part, whole = row.production[named[0]], world.production.get(named[0])
    if part.value is None or whole is None or not whole.value:
        return None
    return 100.0 * part.value / whole.value


def _mineral(ctx: Context, ds: m.Dataset) -> str | None:
    """The mineral (a topic with reserve figures) the sentence names, or the only one when it speaks of reserves."""
    minerals = shares.mineral_topics(ds)
    named = [t for t in ctx.named("topic") if t in minerals]
    if named:
        return named[0]
    return minerals[0] if ctx.has("reserves") and len(minerals) == 1 else None


def judge_share(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """A percentage: of a mineral's reserves or production, or of electricity from hydropower."""
    mineral = _mineral(ctx, ds)
    if mineral is not None:
        return _mineral_share(claim, ctx, ds, src, mineral)
    power = {s.topic for s in ds.statistics if s.metric == "electricity-share"}
    if power & set(ctx.named("topic")) and ctx.has("electricity") and not ctx.has("mountains"):
        return _electricity_share(claim, ctx, ds, src)
    return finding(claim, ctx, Verdict.not_covered, "The data has no share of what the sentence speaks of.")


class _Shares(Plain):
    """A country's shares of a mineral's world reserves and production, and the records behind them."""

    label: str
    reserves: float | None
    production: float | None
    upper: bool
    right: str
    evidence: tuple[Evidence, ...]
    records: tuple[str, ...]

    @property
    def facts(self) -> str:
        return f"{self.label} has {self.right}"


def _shares_of(rows: dict[str | None, shares.ReserveRow], code: str, ctx: Context, src: Sources) -> _Shares:
    row, world = rows[code], rows.get(None)
    reserves, production = row.reserves_share, _production_share(rows, code, ctx.years())
    upper = row.share_is_upper_bound
    parts = [f"{'at most ' if upper else ''}{reserves:.3g}% of world reserves"] if reserves is not None else []
    parts += [f"{production:.2g}% of world mine production"] if production is not None else []
    used = [row.reserves, *row.production.values(), *((world.reserves, *world.production.values()) if world else ())]
    evidence = tuple(e for s in used if s for e in src.cited(s, "value"))
    return _Shares(row.label, reserves, production, upper, "; ".join(parts), evidence, tuple(s.id for s in used if s))


def _mineral_share(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources, mineral: str) -> Finding:
    rows = src.reserve_rows(ds, mineral)
    code = _country(ctx, rows, claim)
    if code is None:
        return finding(claim, ctx, Verdict.not_covered, "The sentence names no country of the source's table.")
    found = _shares_of(rows, code, ctx, src)
    metric = {"reserves"} if ctx.has("reserves") else set()
    metric |= {"production"} if ctx.has("production") else set()
    if len(metric) != 1:
        return _unnamed(claim, ctx, ds, src, found, code)
    return _named(claim, ctx, ds, src, found, code, reserves="reserves" in metric)


def _unnamed(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources, found: _Shares, code: str) -> Finding:
    """A share the sentence does not say is of reserves or of production: imprecise if it is either."""
    said, text = claim.number or 0.0, ctx.text[claim.start : claim.end]
    bound = ", an upper bound (the world total is given as a lower bound)," if found.upper else ""
    for value, what in ((found.reserves, "reserves"), (found.production, "mine production")):
        if value is not None and _rounded(value, said, text):
            extra = bound if what == "reserves" else ""
            why = f"{text} is {found.label}'s share of world {what}{extra} and the sentence does not say so: "
            why += f"{found.facts}."
            disc = src.holding_number(found.records, said) if what == "reserves" else None
            others = (s.id for s in ds.statistics if s.claim and s.country == code)
            disc = disc or next(iter(src.disputes(others)), None)
            return finding(
                claim, ctx, Verdict.imprecise, why, right=found.right, evidence=found.evidence, records=found.records,
                discrepancy=disc.id if disc else None, sides=src.sides(disc) if disc else (),
            )  # fmt: skip
    if all(v is not None and said > v * 1.5 for v in (found.reserves, found.production)):
        why = f"{found.facts}; {text} is more than either."
        return finding(
            claim, ctx, Verdict.contradicted, why, right=found.right, evidence=found.evidence, records=found.records
        )
    return finding(claim, ctx, Verdict.not_covered, f"{found.facts}; the sentence does not say which it means.")


def _named(
    claim: Claim, ctx: Context, ds: m.Dataset, src: Sources, found: _Shares, code: str, *, reserves: bool
) -> Finding:
    """A share of reserves or of production, against the one computed (and the sources' own claims of it)."""
    said, text = claim.number or 0.0, ctx.text[claim.start : claim.end]
    value, what = (found.reserves, "reserves") if reserves else (found.production, "mine production")
    wanted = "reserves-share" if reserves else "production-share"
    claimed = [s.id for s in ds.statistics if s.claim and s.country == code and s.value == said and s.metric == wanted]
    disc = src.holding_number(claimed, said) if claimed else None
    ev, ids = found.evidence, found.records
    if value is None:
        return finding(claim, ctx, Verdict.not_covered, f"The source's table gives no {what} share for {found.label}.")
    if _rounded(value, said, text):
        if reserves and found.upper and claim.qualifier != "up to":
            why = f"{text} is an upper bound said as a figure: {found.facts}, of a world total given as a lower bound."
            right = f"at most {value:.3g}%"
            return finding(
                claim, ctx, Verdict.imprecise, why, right=right, discrepancy=disc.id if disc else None,
                sides=src.sides(disc) if disc else (), evidence=ev, records=ids,
            )  # fmt: skip
        return finding(claim, ctx, Verdict.supported, f"{found.facts}.", evidence=ev, records=ids)
    if disc is not None:
        why = f"{disc.topic}: {disc.resolution}"
        right = f"{value:.2g}%"
        return finding(
            claim,
            ctx,
            Verdict.disputed,
            why,
            right=right,
            discrepancy=disc.id,
            sides=src.sides(disc),
            evidence=ev,
            records=ids,
        )
    if found.upper and said < value:
        return finding(
            claim,
            ctx,
            Verdict.not_covered,
            f"{found.facts}: the data bounds the share only from above.",
            evidence=ev,
            records=ids,
        )
    if said > value * 1.5 or said < value / 1.5:
        return finding(
            claim, ctx, Verdict.contradicted, f"{found.facts}.", right=f"{value:.2g}%", evidence=ev, records=ids
        )
    why = f"{found.facts}; {text} is near it, not it."
    return finding(claim, ctx, Verdict.imprecise, why, right=f"{value:.3g}%", evidence=ev, records=ids)


def _electricity_share(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding:
    said = claim.number or 0.0
    claims = [s for s in ds.statistics if s.metric == "electricity-share" and s.claim and s.value is not None]
    if not claims:
        return finding(claim, ctx, Verdict.not_covered, "The data has no share of electricity.")
    disc = next(iter(src.disputes(s.id for s in claims)), None)
    lowest = min(float(s.value or 0) for s in claims)
    records = tuple(s.id for s in claims)
    if said < lowest and claim.qualifier != "over":
        why = f"Every source gives {lowest:g}% or more."
        evidence = tuple(e for s in claims for e in src.cited(s, "value"))
        return finding(
            claim,
            ctx,
            Verdict.contradicted,
            why,
            right=f"over {lowest:g}% to over 90%",
            evidence=evidence,
            records=records,
        )
    if disc is None:
        return finding(claim, ctx, Verdict.not_covered, "No source gives this share.")
    why = f"{disc.topic}: {disc.resolution}"
    return finding(claim, ctx, Verdict.disputed, why, discrepancy=disc.id, sides=src.sides(disc), records=records)


def judge_rank(claim: Claim, ctx: Context, ds: m.Dataset, src: Sources) -> Finding | None:
    """``the fourth-largest … by reserves`` of a mineral: the rank in the source's table."""
    mineral = _mineral(ctx, ds)
    if mineral is None:
        return None
    rows = src.reserve_rows(ds, mineral)
    code = _country(ctx, rows, claim)
    if code is None:
        return finding(claim, ctx, Verdict.not_covered, "The sentence names no country of the source's table.")
    row = rows[code]
    said = int(claim.number or 0)
    ahead = [r.label for r in rows.values() if r.code and r.rank is not None and row.rank and r.rank < row.rank]
    facts = f"{row.label} is {_ordinal(row.rank)} by reserves" + (f", after {', '.join(ahead)}" if ahead else "")
    evidence = src.cited(row.reserves, "value") if row.reserves else ()
    records = (row.reserves.id,) if row.reserves else ()
    if ctx.has("production") and not ctx.has("reserves"):
        return finding(claim, ctx, Verdict.not_covered, f"{facts}; the data ranks reserves only.")
    if row.rank == said:
        verdict = Verdict.supported if ctx.has("reserves") else Verdict.imprecise
        why = f"{facts}." if ctx.has("reserves") else f"{facts}; the sentence does not say by what."
        return finding(claim, ctx, verdict, why, evidence=evidence, records=records)
    if not ctx.has("reserves") or row.rank is None:
        return finding(claim, ctx, Verdict.not_covered, f"{facts}; the sentence does not say by what.")
    return finding(
        claim, ctx, Verdict.contradicted, f"{facts}.", right=_ordinal(row.rank), evidence=evidence, records=records
    )


def _ordinal(rank: int | None) -> str:
    if rank is None:
        return "unranked"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"
