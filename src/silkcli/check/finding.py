"""Making a :class:`~silkcli.check.report.Finding` from a claim and its verdict."""

from __future__ import annotations

from collections.abc import Sequence

from silkcli.check.claims import Claim
from silkcli.check.context import Context
from silkcli.check.report import Evidence, Finding, Side, Verdict


def finding(
    claim: Claim,
    ctx: Context,
    verdict: Verdict,
    why: str,
    *,
    right: str | None = None,
    evidence: Sequence[Evidence] = (),
    discrepancy: str | None = None,
    sides: Sequence[Side] = (),
    records: Sequence[str] = (),
) -> Finding:
    """The finding for ``claim`` of the sentence ``ctx``."""
    return Finding(
        kind=claim.kind,
        text=ctx.text[claim.start : claim.end],
        start=claim.start,
        end=claim.end,
        verdict=verdict,
        why=why,
        right=right,
        evidence=tuple(dict.fromkeys(evidence)),
        discrepancy=discrepancy,
        sides=tuple(sides),
        records=tuple(records),
    )
